import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { frDate, frTypo, nf } from '../../shared/i18n/typography';
import { DRAFT_STATUS } from './identify';
import type { BarRow, BarTone, Block, DocumentModel, Identification, Section } from './model';

/**
 * The page every document is laid out for: A4 with 14 mm top and bottom margins and 15 mm
 * side margins, in points (the Docs API's unit). Chromium reads it from `@page`; Drive's HTML
 * import ignores `@page`, so publish.ts sets the same page through the Docs API
 * (`documents.batchUpdate` → `updateDocumentStyle`) right after each upload.
 */
export const PAGE = {
  widthPt: 595.28,
  heightPt: 841.89,
  marginTopPt: 39.69,
  marginBottomPt: 39.69,
  marginLeftPt: 42.52,
  marginRightPt: 42.52,
} as const;
export const CONTENT_WIDTH_PT = PAGE.widthPt - PAGE.marginLeftPt - PAGE.marginRightPt;

// How Drive's HTML import reads this page, and why the markup below has the shape it has:
// - Headings must be direct children of <body>: headings nested in <div> are imported as
//   plain text (terraware/terraware-server PR #1011, "Google Docs doesn't recognize header
//   tags inside <div>"), so there is no <section> or wrapper anywhere.
// - Styles are rules of Google's own export form only: one <style> block of rules whose
//   selectors are a single class (`.w3`, `.bar-ok`) or a single element (`p`, `td`); no
//   descendant or compound selector (`table.ident th`), which the import does not apply.
// - Page breaks are written as Google's own HTML export writes them,
//   `<hr style="page-break-before:always;display:none">` (the form Docs turns back into a
//   page break on import); an `@media print` rule makes Chromium break there too.
// - Column widths are written as Google's export writes them: a class per cell carrying
//   `width:<n>pt` (Google's cells read `.c4{…;width:240.9pt;…}`), plus the HTML `width`
//   attribute on the first row; never <colgroup> percentages.
// - A cell the import finds empty takes the default text size (11 pt): the bars' cells hold a
//   no-break space in a 5 pt class, so they stay thin.
// - Cell shading is `background-color` in a cell class, which Docs keeps; charts are shaded
//   cells because Docs drops SVG on import (PNG/JPEG/GIF only).
// - Links to sections point at heading ids in Google's export form (`#h.…`).
// - `@page` and `@media` are for Chromium only (see PAGE).

/** Cell padding and border in points: a column's `width` is its content box. */
const CELL_PAD_H = 3;
const CELL_BORDER = 0.5;

const CSS = `
@page { size: A4; margin: 14mm 15mm 14mm 15mm; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: Arial, "Liberation Sans", Helvetica, sans-serif; font-size: 9.5pt; line-height: 1.3;
  color: #1b1b1b; margin: 0; }
h1 { font-size: 16pt; margin: 0 0 2pt; color: #0b5f3a; }
h2 { font-size: 12pt; margin: 10pt 0 4pt; color: #0b5f3a; border-bottom: 1pt solid #0b5f3a;
  break-after: avoid; page-break-after: avoid; }
h3 { font-size: 10.5pt; margin: 7pt 0 3pt; break-after: avoid; page-break-after: avoid; }
p { margin: 0 0 4pt; }
a { color: #0b4f8a; }
.subtitle { font-size: 11pt; margin: 0 0 4pt; }
.meta { font-size: 8.5pt; color: #555555; margin: 0 0 8pt; }
.note { font-style: italic; color: #444444; font-size: 8.5pt; }
.caption { font-size: 8.5pt; font-weight: bold; margin: 2pt 0 2pt; }
.legend { font-size: 8pt; color: #333333; margin: 0 0 6pt; }
ul { margin: 0 0 4pt 14pt; padding: 0; }
table { border-collapse: collapse; width: 100%; margin: 0 0 5pt; table-layout: fixed; }
td { border: ${CELL_BORDER}pt solid #999999; padding: 1.5pt ${CELL_PAD_H}pt; text-align: left; vertical-align: top;
  font-size: 8.5pt; line-height: 1.2; overflow-wrap: anywhere; }
th { border: ${CELL_BORDER}pt solid #999999; padding: 1.5pt ${CELL_PAD_H}pt; text-align: left; vertical-align: top;
  font-size: 8.5pt; line-height: 1.2; overflow-wrap: anywhere; background-color: #e6f0ea; font-weight: bold; }
tr { break-inside: avoid; page-break-inside: avoid; }
tr.long { break-inside: auto; page-break-inside: auto; }
.ident { font-size: 8pt; }
.bar { padding: 0; height: 8pt; font-size: 5pt; line-height: 1; border-color: #ffffff; }
.bar-empty { background-color: #f5f5f5; }
@media print {
  hr.page-break { display: block !important; border: 0; margin: 0; height: 0;
    break-before: page; page-break-before: always; }
}
`;

/**
 * Bar tones, from light to dark as the status grows more pressing: each differs from the
 * others in lightness (1.6:1 at least) and from an empty cell by 3:1 at least (WCAG 1.4.11),
 * and the status is also written in words beside every bar.
 */
export const TONE: Record<BarTone, string> = {
  ok: '#4f9663',
  warning: '#8f5800',
  reached: '#56270b',
  exceeded: '#160404',
  neutral: '#36639e',
};
export const EMPTY_CELL = '#f5f5f5';
const TONE_CSS = Object.entries(TONE)
  .map(
    ([tone, colour]) =>
      `.bar-${tone} { background-color: ${colour}; }\n.swatch-${tone} { color: ${colour}; }`,
  )
  .join('\n');

/** Cells per bar: one cell is 10 % of the scale. */
export const BAR_CELLS = 10;

/** Text as printed: French typography (it curls apostrophes); hono's `html` escapes it. */
const t = (s: string) => frTypo(s);

/**
 * hono's `html` answers synchronously when no value is a promise, which is always the case
 * here: the cast only drops the promise branch of its declared type.
 */
const h = (strings: TemplateStringsArray, ...values: unknown[]) =>
  html(strings, ...values) as HtmlEscapedString;

interface Col {
  cls: string;
  pt: number;
}

/** One document's rendering state: its width classes (one <style> block) and its figures. */
class Page {
  private readonly classes = new Map<string, string>();
  figures = 0;
  /** Widths in points of columns with these relative `shares`, filling the content width. */
  columns(shares: readonly number[]): Col[] {
    const total = shares.reduce((a, w) => a + w, 0) || 1;
    const free = CONTENT_WIDTH_PT - shares.length * (2 * CELL_PAD_H + CELL_BORDER);
    return shares.map((w) => {
      const pt = Math.max(1, Math.floor((w / total) * free * 10) / 10);
      const key = pt.toFixed(1);
      let cls = this.classes.get(key);
      if (!cls) {
        cls = `w${this.classes.size}`;
        this.classes.set(key, cls);
      }
      return { cls, pt };
    });
  }
  css(): string {
    return [...this.classes.entries()].map(([pt, cls]) => `.${cls} { width: ${pt}pt; }`).join('\n');
  }
}

/**
 * A cell: its width class (and `extra` classes), on the first row the `width` attribute; a
 * cell of personal data carries its territory (`PERSONAL_CLASS`, `data-territory`).
 */
function cell(tag: 'td' | 'th', col: Col, first: boolean, content: unknown, extra = '', territory?: string) {
  const cls = extra ? `${col.cls} ${extra}` : col.cls;
  // The attribute is in CSS pixels (96 per inch, 72 points per inch).
  const width = first ? raw(` width="${Math.round((col.pt * 4) / 3)}"`) : '';
  const owner = territory ? h` data-territory="${territory}"` : '';
  return tag === 'th'
    ? h`<th class="${cls}"${width}>${content}</th>`
    : h`<td class="${cls}"${width}${owner}>${content}</td>`;
}

/** The class of cells holding personal data (documents/personal.ts blanks them for some readers). */
export const PERSONAL_CLASS = 'pd';

type Personal = Extract<Block, { kind: 'table' }>['personal'];

/**
 * A row with a cell longer than this may break across pages, as Google Docs lets every row do
 * by default: kept whole, it would leave most of a page blank before it in Chromium's print.
 */
const LONG_CELL = 600;

/** A table; with `labels` the first column holds the row labels (<th>). */
function table(
  page: Page,
  shares: readonly number[],
  head: readonly string[] | null,
  rows: readonly (readonly string[])[],
  labels = false,
  personal?: Personal,
) {
  const cols = page.columns(shares);
  const row = (cells: readonly string[], tag: 'td' | 'th', first: boolean) =>
    h`<tr${cells.some((c) => c.length > LONG_CELL) ? h` class="long"` : ''}>${cells.map((c, i) => {
      const pd = tag === 'td' && personal?.column === i;
      const kind = labels && i === 0 ? 'th' : tag;
      return cell(
        kind,
        cols[i] ?? cols[0]!,
        first,
        t(c),
        pd ? PERSONAL_CLASS : '',
        pd ? personal.territoryId : undefined,
      );
    })}</tr>`;
  const thead = head ? h`<thead>${row(head, 'th', true)}</thead>` : '';
  return h`<table>${thead}<tbody>${rows.map((r, i) => row(r, 'td', !head && i === 0))}</tbody></table>`;
}

/** A person's text: blank lines separate paragraphs, single line breaks stay. */
const paragraphs = (text: string, cls?: string) =>
  text.split(/\n\s*\n/).map((p) => {
    const lines = t(p.trim())
      .split('\n')
      .map((l, i) => (i ? h`<br>${l}` : l));
    return cls ? h`<p class="${cls}">${lines}</p>` : h`<p>${lines}</p>`;
  });

function block(page: Page, b: Block) {
  switch (b.kind) {
    case 'p': {
      const note = b.shortened
        ? paragraphs(
            `Texte abrégé pour tenir le format : ${nf(b.shortened.kept)} caractères sur ${nf(b.shortened.total)} ; le texte intégral reste dans le registre.`,
            'note',
          )
        : '';
      return h`${paragraphs(b.text)}${note}`;
    }
    case 'note':
      return paragraphs(b.text, 'note');
    case 'list':
      return h`<ul>${b.items.map((i) => h`<li>${t(i)}</li>`)}</ul>`;
    case 'links':
      return h`<ul>${b.items.map((i) => h`<li><a href="#h.${i.anchor}">${t(i.text)}</a></li>`)}</ul>`;
    case 'bars':
      return bars(page, b.caption, b.rows);
    case 'fields':
      return table(page, [3, 7], null, b.rows, true);
    case 'table': {
      const rest = b.rest ? paragraphs(b.rest, 'note') : '';
      return h`${table(page, b.widths ?? b.columns.map(() => 1), b.columns, b.rows, false, b.personal)}${rest}`;
    }
  }
}

/** « Légende : ■ réalisé ; ■ en cours » — each tone the figure's bars show, in words. */
function legend(rows: readonly BarRow[]) {
  const used = new Map<BarTone, string>();
  for (const r of rows)
    if (r.status && r.value > 0 && !used.has(r.tone ?? 'neutral')) used.set(r.tone ?? 'neutral', r.status);
  const items = [...used].map(
    ([tone, words], i) => h`${i ? ' ; ' : ''}<span class="swatch-${tone}">■</span> ${t(words)}`,
  );
  return h`<p class="legend">${t('Légende : ')}${items}${t(' ; barre grise : part non utilisée.')}</p>`;
}

/**
 * A horizontal bar chart as shaded table cells: a label, `BAR_CELLS` cells of which the
 * first `value / max` are coloured by tone, the figure and the status in words, a numbered
 * caption above and a legend below. Docs keeps cell shading; the words carry everything for
 * whoever cannot see the colours. Cells rather than a PNG: chart libraries draw on a canvas,
 * which Workers do not have, and a table stays text the reader can edit in the Doc.
 */
function bars(page: Page, caption: string, rows: readonly BarRow[]) {
  const cols = page.columns([26, ...Array.from({ length: BAR_CELLS }, () => 3.6), 22, 16]);
  const body = rows.map((r, n) => {
    const ratio = r.max > 0 ? Math.max(0, r.value) / r.max : 0;
    const filled = Math.min(BAR_CELLS, Math.round(ratio * BAR_CELLS));
    const tone = `bar-${r.tone ?? 'neutral'}`;
    const cells = Array.from({ length: BAR_CELLS }, (_, i) =>
      cell('td', cols[i + 1]!, n === 0, raw('&nbsp;'), `bar ${i < filled ? tone : 'bar-empty'}`),
    );
    return h`<tr>${cell('td', cols[0]!, n === 0, t(r.label))}${cells}${cell('td', cols[BAR_CELLS + 1]!, n === 0, t(r.text))}${cell('td', cols[BAR_CELLS + 2]!, n === 0, t(r.status ?? ''))}</tr>`;
  });
  page.figures++;
  const id = `fig-${page.figures}`;
  return h`<p class="caption" id="${id}">${t(`Figure ${page.figures} — ${caption}`)}</p><table aria-labelledby="${id}"><tbody>${body}</tbody></table>${legend(rows)}`;
}

/** What the document is, as a table at its head: four columns, label and value twice. */
function identification(page: Page, id: Identification) {
  const pairs: [string, string, string?][] = [
    ['Commanditaire', id.authority],
    ['Marché', id.consultation],
    ['Programme', id.programme],
    ['Titulaire', id.contractor],
    ['Objet', id.subject],
    ['Version', nf(id.version)],
    ['Auteur', id.author, 'ident-author'],
    // The draft's status: a submission replaces it in the stored HTML (freeze.ts).
    ['Statut', DRAFT_STATUS, 'ident-status'],
    ['Données arrêtées au', frDate(id.asOf)],
    ['Généré le', `${frDate(id.generatedOn)} par ${id.generatedBy}`],
  ];
  const cols = page.columns([16, 34, 16, 34]);
  const rows = [];
  for (let i = 0; i < pairs.length; i += 2) {
    const cells = [pairs[i], pairs[i + 1]].flatMap((p, j) =>
      p
        ? [
            cell('th', cols[2 * j]!, i === 0, t(p[0]), 'ident'),
            cell('td', cols[2 * j + 1]!, i === 0, t(p[1]), p[2] ? `ident ${p[2]}` : 'ident'),
          ]
        : [],
    );
    rows.push(h`<tr>${cells}</tr>`);
  }
  return h`<table><tbody>${rows}</tbody></table>`;
}

/** Google's own form of a page break (see the notes at the top). */
export const PAGE_BREAK = '<hr class="page-break" style="page-break-before:always;display:none">';

function section(page: Page, s: Section) {
  const brk = s.pageBreakBefore ? raw(`${PAGE_BREAK}\n`) : '';
  const id = s.anchor ? raw(` id="h.${s.anchor.replace(/[^A-Za-z0-9_-]/g, '')}"`) : '';
  const heading = s.level === 2 ? h`<h2${id}>${t(s.heading)}</h2>` : h`<h3${id}>${t(s.heading)}</h3>`;
  return h`${brk}${heading}\n${s.blocks.map((b) => h`${block(page, b)}\n`)}`;
}

/**
 * The one renderer: a complete, self-contained French HTML page, every user string set in
 * French typography and escaped by construction (hono's `html`), in the shapes Drive's HTML
 * import keeps (notes above).
 */
export function renderHtml(doc: DocumentModel): string {
  const page = new Page();
  const subtitle = doc.subtitle ? h`<p class="subtitle">${t(doc.subtitle)}</p>\n` : '';
  const head = doc.identification
    ? identification(page, doc.identification)
    : h`<p class="meta">${t(`Document généré le ${frDate(doc.date)} à partir du registre du programme — version ${nf(doc.version)}`)}</p>`;
  // Rendered first: the width classes the <style> block lists are known once the body is.
  const body = doc.sections.map((s) => h`${section(page, s)}\n`);
  const style = raw(`${CSS}${TONE_CSS}\n${page.css()}\n`);
  return h`<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${t(doc.title)}</title>
<style>${style}</style></head>
<body>
<h1>${t(doc.title)}</h1>
${subtitle}${head}
${body}
</body></html>
`.toString();
}
