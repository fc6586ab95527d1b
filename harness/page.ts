// The harness page: the spreadsheet (menu, tabs, grid with its formats, charts) on the left,
// the user's open sidebar on the right in a 300 px frame, as in Google Sheets. Each browser
// tab is one user (?user=…). Everything shown is set with textContent; links only https/http.
export const PAGE = `<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>VELI VELO — harnais local du module Sheets</title>
<style>
body{margin:0;font:13px/1.4 Arial,sans-serif;color:#202124;display:flex;flex-direction:column;height:100vh}
header{display:flex;gap:12px;align-items:center;padding:8px 12px;background:#f1f3f4;border-bottom:1px solid #dadce0;flex-wrap:wrap}
header h1{font-size:15px;margin:0}
#menu{display:flex;gap:4px;flex-wrap:wrap;padding:6px 12px;border-bottom:1px solid #dadce0}
#menu button{font:inherit;padding:3px 8px;border:1px solid #dadce0;background:#fff;border-radius:3px;cursor:pointer}
#menu .title{font-weight:bold;margin-right:6px;align-self:center}
#bar{display:flex;gap:6px;align-items:center;padding:4px 12px;border-bottom:1px solid #dadce0}
#ref{width:60px;color:#5f6368}#input{flex:1;font:inherit;padding:2px 4px}
#legend{padding:2px 12px;color:#5f6368;font-size:12px}
main{flex:1;display:flex;min-height:0}
#sheet{flex:1;display:flex;flex-direction:column;min-width:0}
#grid{flex:1;overflow:auto;position:relative}
table{border-collapse:collapse;table-layout:fixed}
td,th{border:1px solid #e0e0e0;padding:2px 6px;overflow:hidden;text-overflow:ellipsis;white-space:nowrap;vertical-align:top;height:18px}
td.wrap{white-space:normal}
td.wrap>div{max-height:5.6em;overflow:hidden}
th{background:#f8f9fa;color:#5f6368;font-weight:normal;position:sticky;top:0;z-index:1}
th.row{position:sticky;left:0;width:36px}
tr.frozen td{position:sticky;top:22px;z-index:1}
td.sel{outline:2px solid #1a73e8;outline-offset:-2px}
td.note{background-image:linear-gradient(225deg,#e37400 5px,transparent 5px)}
td a{color:#1a73e8}
#charts{position:absolute;top:0;left:0;width:0;height:0}
figure{margin:0;border:1px solid #dadce0;border-radius:4px;padding:8px;background:#fff;position:absolute;box-shadow:0 1px 3px rgba(0,0,0,.2);overflow:hidden}
figcaption{font-weight:bold;margin-bottom:4px}
#tabs{display:flex;gap:2px;border-top:1px solid #dadce0;background:#f8f9fa;padding:2px 6px;overflow-x:auto}
#tabs button{font:inherit;border:0;background:none;padding:4px 10px;cursor:pointer}
#tabs button[aria-selected=true]{background:#fff;color:#188038;font-weight:bold;border-bottom:2px solid #188038}
aside{width:300px;border-left:1px solid #dadce0;display:flex;flex-direction:column}
aside[hidden]{display:none}
aside h2{font-size:14px;margin:0;padding:8px 12px;border-bottom:1px solid #dadce0;display:flex;justify-content:space-between}
aside iframe{flex:1;border:0;width:300px}
#toast{position:fixed;left:12px;bottom:40px;background:#323232;color:#fff;padding:8px 12px;border-radius:4px;max-width:520px}
#toast:empty{display:none}
</style></head>
<body>
<header><h1>Suivi VELI VELO — harnais local</h1>
<label>Identité (X-Dev-User) <select id="user"></select></label>
<span id="calls" aria-live="polite"></span></header>
<nav id="menu" aria-label="Extensions"></nav>
<div id="bar"><span id="ref"></span><input id="input" aria-label="Contenu de la cellule" placeholder="Cliquez une cellule, tapez, Entrée"></div>
<div id="legend"></div>
<main><section id="sheet"><div id="grid" role="region" aria-label="Feuille"></div><div id="tabs" role="tablist" aria-label="Onglets"></div></section>
<aside id="side" hidden><h2><span id="side-title"></span><button type="button" id="close" aria-label="Fermer le panneau">×</button></h2><iframe id="sidebar" title="Panneau latéral"></iframe></aside></main>
<div id="toast" role="status"></div>
<script>
const params = new URLSearchParams(location.search);
const who = params.get('user') || '';
let active = params.get('tab'), sidebarVersion = 0, toasts = -1, selected = null, current = null, selecting = null;
const $ = (id) => document.getElementById(id);
const q = (path) => path + (path.includes('?') ? '&' : '?') + 'user=' + encodeURIComponent(who || $('user').value || '');
const el = (tag, text) => { const e = document.createElement(tag); if (text !== undefined) e.textContent = String(text); return e; };
const letters = (n) => { let s = ''; for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s; return s; };
async function post(path, body) {
  const r = await fetch(q(path), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return r.json();
}
function protectedAt(tab, r, c) {
  return tab.protections.find((p) => r >= p.row && r < p.row + p.rows && c >= p.col && c < p.col + p.cols) || (tab.sheetProtected ? { warningOnly: true } : null);
}
function number(text) { const t = String(text).replace(/[\\s\\u00a0\\u202f]/g, '').replace(',', '.'); const pct = t.endsWith('%'); const n = parseFloat(t); return isNaN(n) ? 0 : pct ? n : n; }
function chart(c) {
  const [head = [], ...rows] = c.data; const series = head.slice(1); const colours = ['#1a73e8', '#e37400', '#188038', '#9334e6'];
  const max = Math.max(1, ...rows.flatMap((r) => r.slice(1).map(number)));
  const fig = el('figure'); fig.style.width = c.width + 'px'; fig.style.height = c.height + 'px'; fig.append(el('figcaption', c.title));
  const ns = 'http://www.w3.org/2000/svg'; const svg = document.createElementNS(ns, 'svg');
  const bar = c.type === 'BAR'; const W = c.width - 20, H = c.height - 90, rowH = bar ? H / Math.max(1, rows.length) : 0, thick = bar ? Math.max(2, rowH / series.length - 1) : 0;
  svg.setAttribute('width', W); svg.setAttribute('height', H + 20); svg.setAttribute('role', 'img'); svg.setAttribute('aria-label', c.title);
  rows.forEach((r, i) => r.slice(1).forEach((v, j) => {
    const rect = document.createElementNS(ns, 'rect'); const n = number(v);
    if (bar) { const w = (W - 160) * n / max; rect.setAttribute('x', 150); rect.setAttribute('y', i * rowH + j * thick); rect.setAttribute('width', Math.max(1, w)); rect.setAttribute('height', Math.max(1, thick - 1)); }
    else { const slot = (W - 20) / rows.length; const bw = Math.max(2, slot / series.length - 2); const h = (H - 20) * n / max; rect.setAttribute('x', 10 + i * slot + j * bw); rect.setAttribute('y', H - h); rect.setAttribute('width', bw); rect.setAttribute('height', Math.max(0, h)); }
    rect.setAttribute('fill', colours[j % colours.length]); const t = document.createElementNS(ns, 'title'); t.textContent = r[0] + ' — ' + series[j] + ' : ' + v; rect.append(t); svg.append(rect);
  }));
  if (bar) rows.forEach((r, i) => { const t = document.createElementNS(ns, 'text'); t.setAttribute('x', 0); t.setAttribute('y', i * rowH + Math.min(rowH, 11)); t.setAttribute('font-size', '11'); t.textContent = String(r[0]).slice(0, 24); svg.append(t); });
  const legend = el('div'); series.forEach((s, j) => { const k = el('span', '■ ' + s + '  '); k.style.color = colours[j % colours.length]; legend.append(k); });
  fig.append(svg, legend); return fig;
}
let sortedBy = 0;
function draw(tab) {
  current = tab;
  const table = el('table'); table.id = 'cells'; table.dataset.tab = tab.name;
  // A few empty columns to the right, where staff add their own.
  const cols = Math.max(1, ...tab.rows.map((r) => r.length)) + 3;
  const visible = [...Array(cols).keys()].map((j) => j + 1).filter((c) => !tab.hidden.includes(c));
  const head = el('tr'); const corner = el('th', ''); corner.className = 'row'; head.append(corner);
  for (const c of visible) {
    const th = el('th', letters(c)); th.style.width = (tab.widths[c] || 100) + 'px';
    // The filter's menu, as in Sheets: sort the filter's range by this column (A → Z, then Z → A).
    if (c <= tab.filterCols) { const b = el('button', '▾'); b.type = 'button'; b.title = 'Trier la plage filtrée par la colonne ' + letters(c); b.onclick = async () => { const asc = sortedBy !== c; sortedBy = asc ? c : 0; await post('/harness/sort', { tab: tab.name, col: c, ascending: asc }); refresh(); }; th.append(' ', b); }
    head.append(th);
  }
  table.append(head);
  tab.rows.forEach((r, i) => {
    const tr = el('tr'); if (i < tab.frozen) tr.className = 'frozen';
    const th = el('th', i + 1); th.className = 'row'; tr.append(th);
    for (const c of visible) {
      const cell = r[c - 1] || { v: '' }; const td = el('td');
      if (cell.link && /^https?:/.test(cell.link)) { const a = el('a', cell.v); a.href = cell.link; a.target = '_blank'; a.rel = 'noopener noreferrer'; td.append(a); } else if (cell.wrap) td.append(el('div', cell.v)); else td.textContent = cell.v;
      if (cell.bold) td.style.fontWeight = 'bold'; if (cell.bg) td.style.background = cell.bg; if (cell.color) td.style.color = cell.color;
      if (cell.wrap) td.classList.add('wrap'); if (cell.note) { td.classList.add('note'); td.title = cell.note; }
      td.dataset.row = i + 1; td.dataset.col = c;
      td.onclick = () => { document.querySelectorAll('td.sel').forEach((x) => x.classList.remove('sel')); td.classList.add('sel'); selected = { row: i + 1, col: c }; $('ref').textContent = letters(c) + (i + 1); $('input').value = cell.v; $('input').focus(); selecting = post('/harness/select', { tab: tab.name, row: i + 1, col: c }); };
      tr.append(td);
    }
    table.append(tr);
  });
  const charts = el('div'); charts.id = 'charts';
  $('grid').replaceChildren(table, charts);
  // Charts float over the grid at their anchor cell, as in Sheets.
  for (const c of tab.charts) {
    const fig = chart(c); const anchor = table.querySelector('td[data-row="' + c.row + '"][data-col="' + c.col + '"]') || table.querySelector('td[data-row="' + c.row + '"]:last-child');
    fig.style.left = (anchor ? anchor.offsetLeft : 0) + 'px'; fig.style.top = (anchor ? anchor.offsetTop : 0) + 'px'; charts.append(fig);
  }
  const prot = tab.protections.filter((p) => p.warningOnly);
  $('legend').textContent = (prot.length ? 'Colonnes ' + prot.map((p) => letters(p.col) + ' à ' + letters(p.col + p.cols - 1)).join(', ') + ' : tenues par le module (protection avec avertissement). ' : '') + (tab.totalRows > tab.rows.length ? tab.totalRows + ' lignes, ' + tab.rows.length + ' affichées.' : '');
}
async function refresh() {
  const s = await (await fetch(q('/harness/state'))).json();
  const menu = $('menu'); menu.replaceChildren(el('span', 'Extensions ▸ ' + s.menu.title)); menu.firstChild.className = 'title';
  for (const item of s.menu.items) {
    if (!item) continue; const b = el('button', item.label); b.type = 'button';
    b.onclick = async () => { await selecting; await post('/harness/run', { fn: item.fn, args: [] }); refresh(); };
    menu.append(b);
  }
  const users = $('user');
  if (!users.options.length) for (const u of s.users) { const o = el('option', u); o.value = u; users.append(o); }
  users.value = s.user;
  $('calls').textContent = 'Appels UrlFetchApp : ' + s.fetches;
  if (!active || !s.tabs.some((t) => t.name === active)) active = s.tabs[0]?.name;
  const tabs = $('tabs'); tabs.replaceChildren();
  for (const t of s.tabs) {
    const b = el('button', t.name); b.type = 'button'; b.setAttribute('role', 'tab'); b.setAttribute('aria-selected', String(t.name === active));
    b.onclick = () => { active = t.name; selected = null; $('ref').textContent = ''; $('input').value = ''; refresh(); }; tabs.append(b);
  }
  draw(s.tabs.find((t) => t.name === active));
  if (s.sidebar && s.sidebar.version > sidebarVersion) {
    // Answers may arrive out of order: never go back to an older sidebar.
    sidebarVersion = s.sidebar.version;
    $('side').hidden = false; $('side-title').textContent = s.sidebar.title;
    $('sidebar').src = q('/harness/sidebar?v=' + sidebarVersion);
  }
  if (toasts < 0) toasts = s.toasts.length;
  if (s.toasts.length > toasts) { toasts = s.toasts.length; $('toast').textContent = s.toasts[toasts - 1].message; setTimeout(() => { $('toast').textContent = ''; }, 8000); }
}
$('input').onkeydown = async (e) => {
  if (e.key !== 'Enter' || !selected || !current) return;
  const p = protectedAt(current, selected.row, selected.col);
  if (p && !confirm('Attention : vous modifiez une plage protégée. ' + (p.description || '') + ' Continuer ?')) return;
  await post('/harness/edit', { tab: current.name, row: selected.row, col: selected.col, value: $('input').value }); refresh();
};
$('user').onchange = (e) => { params.set('user', e.target.value); location.search = params.toString(); };
$('close').onclick = () => { $('side').hidden = true; $('sidebar').src = 'about:blank'; };
window.addEventListener('message', (e) => { if (e.data === 'harness:changed') refresh(); if (e.data === 'harness:close') $('close').onclick(); });
refresh();
</script></body></html>`;

/** The google.script.run stand-in injected into each sidebar; FUNCTIONS are the script's. */
export const runStandIn = (functions: string[], user: string) => `<script>
(function () {
  var FUNCTIONS = ${JSON.stringify(functions)};
  var USER = ${JSON.stringify(user).replace(/</g, '\\u003c')};
  function runner(ok, ko, user) {
    var r = {
      withSuccessHandler: function (f) { return runner(f, ko, user); },
      withFailureHandler: function (f) { return runner(ok, f, user); },
      withUserObject: function (u) { return runner(ok, ko, u); },
    };
    FUNCTIONS.forEach(function (name) {
      r[name] = function () {
        var args = Array.prototype.slice.call(arguments);
        fetch('/harness/run?user=' + encodeURIComponent(USER), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ fn: name, args: args }) })
          .then(function (res) { return res.json(); })
          .then(function (res) {
            if (res.ok) { if (ok) ok(res.value, user); } else if (ko) ko(new Error(res.error), user);
            parent.postMessage('harness:changed', '*');
          })
          .catch(function (e) { if (ko) ko(e, user); });
      };
    });
    return r;
  }
  window.google = { script: { run: runner(null, null, undefined), host: { close: function () { parent.postMessage('harness:close', '*'); } } } };
})();
</script>`;
