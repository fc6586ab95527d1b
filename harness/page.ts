// The harness page: the spreadsheet (menu, tabs, grid) on the left, the open sidebar on the
// right in a 300 px frame, as in Google Sheets. Everything shown is set with textContent.
export const PAGE = `<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>VELI VELO — harnais local du module Sheets</title>
<style>
body{margin:0;font:13px/1.4 Arial,sans-serif;color:#202124;display:flex;flex-direction:column;height:100vh}
header{display:flex;gap:12px;align-items:center;padding:8px 12px;background:#f1f3f4;border-bottom:1px solid #dadce0;flex-wrap:wrap}
header h1{font-size:15px;margin:0}
#menu{display:flex;gap:4px;flex-wrap:wrap;padding:6px 12px;border-bottom:1px solid #dadce0}
#menu button{font:inherit;padding:3px 8px;border:1px solid #dadce0;background:#fff;border-radius:3px;cursor:pointer}
#menu .title{font-weight:bold;margin-right:6px;align-self:center}
main{flex:1;display:flex;min-height:0}
#sheet{flex:1;display:flex;flex-direction:column;min-width:0}
#grid{flex:1;overflow:auto}
table{border-collapse:collapse}
td,th{border:1px solid #e0e0e0;padding:2px 6px;max-width:260px;overflow:hidden;text-overflow:ellipsis;white-space:nowrap;vertical-align:top}
th{background:#f8f9fa;color:#5f6368;font-weight:normal}
tr:first-child td{font-weight:bold;background:#f8f9fa}
#tabs{display:flex;gap:2px;border-top:1px solid #dadce0;background:#f8f9fa;padding:2px 6px;overflow-x:auto}
#tabs button{font:inherit;border:0;background:none;padding:4px 10px;cursor:pointer}
#tabs button[aria-selected=true]{background:#fff;color:#188038;font-weight:bold;border-bottom:2px solid #188038}
aside{width:300px;border-left:1px solid #dadce0;display:flex;flex-direction:column}
aside h2{font-size:14px;margin:0;padding:8px 12px;border-bottom:1px solid #dadce0;display:flex;justify-content:space-between}
aside iframe{flex:1;border:0;width:300px}
#toast{position:fixed;left:12px;bottom:40px;background:#323232;color:#fff;padding:8px 12px;border-radius:4px;max-width:480px}
#toast:empty{display:none}
</style></head>
<body>
<header><h1>Suivi VELI VELO — harnais local</h1>
<label>Identité (X-Dev-User) <select id="user"></select></label>
<span id="calls" aria-live="polite"></span></header>
<nav id="menu" aria-label="Extensions"></nav>
<main><section id="sheet"><div id="grid" role="region" aria-label="Feuille"></div><div id="tabs" role="tablist" aria-label="Onglets"></div></section>
<aside id="side" hidden><h2><span id="side-title"></span><button type="button" id="close" aria-label="Fermer le panneau">×</button></h2><iframe id="sidebar" title="Panneau latéral"></iframe></aside></main>
<div id="toast" role="status"></div>
<script>
let active = null, sidebarVersion = 0, toasts = 0;
const $ = (id) => document.getElementById(id);
const el = (tag, text) => { const e = document.createElement(tag); if (text !== undefined) e.textContent = String(text); return e; };
async function post(path, body) {
  const r = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return r.json();
}
async function refresh() {
  const s = await (await fetch('/harness/state')).json();
  const menu = $('menu'); menu.replaceChildren(el('span', 'Extensions ▸ ' + s.menu.title));
  menu.firstChild.className = 'title';
  for (const item of s.menu.items) {
    if (!item) continue;
    const b = el('button', item.label); b.type = 'button';
    b.onclick = async () => { await post('/harness/run', { fn: item.fn, args: [] }); refresh(); };
    menu.append(b);
  }
  const users = $('user');
  if (!users.options.length) for (const u of s.users) { const o = el('option', u); o.value = u; users.append(o); }
  users.value = s.user;
  $('calls').textContent = 'Appels UrlFetchApp : ' + s.fetches;
  if (!active || !s.tabs.some((t) => t.name === active)) active = s.tabs[s.tabs.length - 1]?.name;
  const tabs = $('tabs'); tabs.replaceChildren();
  for (const t of s.tabs) {
    const b = el('button', t.name); b.type = 'button'; b.setAttribute('role', 'tab');
    b.setAttribute('aria-selected', String(t.name === active));
    b.onclick = () => { active = t.name; refresh(); };
    tabs.append(b);
  }
  const tab = s.tabs.find((t) => t.name === active);
  const table = el('table'); table.id = 'cells'; table.dataset.tab = active;
  const cols = Math.max(1, ...tab.rows.map((r) => r.length));
  const head = el('tr'); head.append(el('th', ''));
  for (let j = 0; j < cols; j++) head.append(el('th', String.fromCharCode(65 + (j % 26))));
  table.append(head);
  tab.rows.forEach((r, i) => { const tr = el('tr'); tr.append(el('th', i + 1)); for (let j = 0; j < cols; j++) tr.append(el('td', r[j] ?? '')); table.append(tr); });
  $('grid').replaceChildren(table);
  if (s.sidebar && s.sidebar.version > sidebarVersion) {
    // Answers may arrive out of order: never go back to an older sidebar.
    sidebarVersion = s.sidebar.version;
    $('side').hidden = false; $('side-title').textContent = s.sidebar.title;
    $('sidebar').src = '/harness/sidebar?v=' + sidebarVersion;
  }
  if (s.toasts.length > toasts) { toasts = s.toasts.length; $('toast').textContent = s.toasts[toasts - 1].message; setTimeout(() => { $('toast').textContent = ''; }, 6000); }
}
$('user').onchange = async (e) => { await post('/harness/identity', { email: e.target.value }); refresh(); };
$('close').onclick = () => { $('side').hidden = true; $('sidebar').src = 'about:blank'; };
window.addEventListener('message', (e) => { if (e.data === 'harness:changed') refresh(); if (e.data === 'harness:close') $('close').onclick(); });
refresh();
</script></body></html>`;

/** The google.script.run stand-in injected into each sidebar; FUNCTIONS are the script's. */
export const runStandIn = (functions: string[]) => `<script>
(function () {
  var FUNCTIONS = ${JSON.stringify(functions)};
  function runner(ok, ko, user) {
    var r = {
      withSuccessHandler: function (f) { return runner(f, ko, user); },
      withFailureHandler: function (f) { return runner(ok, f, user); },
      withUserObject: function (u) { return runner(ok, ko, u); },
    };
    FUNCTIONS.forEach(function (name) {
      r[name] = function () {
        var args = Array.prototype.slice.call(arguments);
        fetch('/harness/run', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ fn: name, args: args }) })
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
