import { frDate, frTypo, nf } from '../../shared/i18n/typography';
import type { BarRow, BarTone, Block, DocumentModel, Identification, Section } from './model';
import { escapeHtml } from './text';

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
// - Page breaks are written as Google's own HTML export writes them,
//   `<hr style="page-break-before:always;display:none">` (the form Docs turns back into a
//   page break on import); an `@media print` rule makes Chromium break there too.
// - Column widths are written as Google's export writes them: a class per cell in the one
//   <style> block carrying `width:<n>pt` (Google's cells read `.c4{…;width:240.9pt;…}`),
//   plus the HTML `width` attribute on the first row; never <colgroup> percentages.
// - Cell shading is `background-color` in a cell class, which Docs keeps; charts are shaded
//   cells because Docs drops SVG on import (PNG/JPEG/GIF only).
// - `@page` is for Chromium only (see PAGE).

/** Cell padding and border in points: a column's `width` is its content box. */
const CELL_PAD_H = 3;
const CELL_BORDER = 0.5;

const CSS = `
@page { size: A4; margin: 14mm 15mm 14mm 15mm; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: Arial, "Liberation Sans", Helvetica, sans-serif; font-size: 9.5pt; line-height: 1.3;
  color: #1b1b1b; margin: 0; }
h1 { font-size: 16pt; margin: 0 0 2pt; color: #0b5f3a; }
h2 { font-size: 12pt; margin: 10pt 0 4pt; color: #0b5f3a; border-bottom: 1pt solid #0b5f3a; }
h3 { font-size: 10.5pt; margin: 7pt 0 3pt; }
h2, h3 { break-after: avoid; page-break-after: avoid; }
p { margin: 0 0 4pt; }
.subtitle { font-size: 11pt; margin: 0 0 4pt; }
.meta { font-size: 8.5pt; color: #555555; margin: 0 0 8pt; }
.note { font-style: italic; color: #444444; font-size: 8.5pt; }
.caption { font-size: 8.5pt; font-weight: bold; margin: 2pt 0 2pt; }
ul { margin: 0 0 4pt 14pt; padding: 0; }
table { border-collapse: collapse; width: 100%; margin: 0 0 5pt; table-layout: fixed; }
td, th { border: ${CELL_BORDER}pt solid #999999; padding: 1.5pt ${CELL_PAD_H}pt; text-align: left; vertical-align: top;
  font-size: 8.5pt; line-height: 1.2; overflow-wrap: anywhere; }
th { background-color: #e6f0ea; font-weight: bold; }
tr { break-inside: avoid; page-break-inside: avoid; }
table.ident { margin: 0 0 8pt; }
table.ident th, table.ident td { font-size: 8pt; }
td.bar { padding: 0; height: 8pt; font-size: 6pt; line-height: 1; border-color: #ffffff; }
td.bar-empty { background-color: #eeeeee; }
@media print {
  hr.page-break { display: block !important; border: 0; margin: 0; height: 0;
    break-before: page; page-break-before: always; }
}
`;

const TONE: Record<BarTone, string> = {
  ok: '#3a8f5c',
  warning: '#d9a400',
  reached: '#c46a00',
  exceeded: '#b3261e',
  neutral: '#4a6fa5',
};
const TONE_CSS = Object.entries(TONE)
  .map(([tone, colour]) => `td.bar-${tone} { background-color: ${colour}; }`)
  .join('\n');

/** Cells per bar: one cell is 5 % of the scale. */
export const BAR_CELLS = 20;

/** Text as printed: French typography first (it curls apostrophes), then escaped. */
const t = (s: string) => escapeHtml(frTypo(s));

/** Collects the width classes of one document, written once in its <style> block. */
class Widths {
  private readonly classes = new Map<string, string>();
  /** Widths in points of columns with these relative `shares`, filling the content width. */
  columns(shares: readonly number[]): { cls: string; pt: number }[] {
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

/** The opening tag of a cell: its width class, and on the first row the `width` attribute. */
function cellTag(tag: 'td' | 'th', col: { cls: string; pt: number }, first: boolean, extra = ''): string {
  const cls = extra ? `${col.cls} ${extra}` : col.cls;
  // The attribute is in CSS pixels (96 per inch, 72 points per inch).
  return `<${tag} class="${cls}"${first ? ` width="${Math.round((col.pt * 4) / 3)}"` : ''}>`;
}

/** A table; with `cls: 'fields'` the first column holds the row labels (<th>). */
function table(
  w: Widths,
  shares: readonly number[],
  head: readonly string[] | null,
  rows: readonly (readonly string[])[],
  cls?: string,
): string {
  const cols = w.columns(shares);
  const row = (cells: readonly string[], tag: 'td' | 'th', first: boolean) =>
    `<tr>${cells
      .map((c, i) => {
        const cellTagName = cls === 'fields' && i === 0 ? 'th' : tag;
        return `${cellTag(cellTagName, cols[i] ?? cols[0]!, first)}${t(c)}</${cellTagName}>`;
      })
      .join('')}</tr>`;
  const thead = head ? `<thead>${row(head, 'th', true)}</thead>` : '';
  const body = rows.map((r, i) => row(r, 'td', !head && i === 0)).join('');
  return `<table${cls ? ` class="${cls}"` : ''}>${thead}<tbody>${body}</tbody></table>`;
}

/** A consultant's text: blank lines separate paragraphs, single line breaks stay. */
const paragraphs = (text: string, cls?: string) =>
  text
    .split(/\n\s*\n/)
    .map((p) => `<p${cls ? ` class="${cls}"` : ''}>${t(p.trim()).replace(/\n/g, '<br>')}</p>`)
    .join('');

function block(w: Widths, b: Block): string {
  switch (b.kind) {
    case 'p': {
      const note = b.shortened
        ? paragraphs(
            `Texte abrégé pour tenir le format : ${nf(b.shortened.kept)} caractères sur ${nf(b.shortened.total)} ; le texte intégral reste dans le registre.`,
            'note',
          )
        : '';
      return paragraphs(b.text) + note;
    }
    case 'note':
      return paragraphs(b.text, 'note');
    case 'list':
      return `<ul>${b.items.map((i) => `<li>${t(i)}</li>`).join('')}</ul>`;
    case 'bars':
      return bars(w, b.caption, b.rows);
    case 'fields':
      return table(
        w,
        [3, 7],
        null,
        b.rows.map(([k, v]) => [k, v]),
        'fields',
      );
    case 'table': {
      const rest = b.rest ? paragraphs(b.rest, 'note') : '';
      return table(w, b.widths ?? b.columns.map(() => 1), b.columns, b.rows) + rest;
    }
  }
}

/**
 * A horizontal bar chart as shaded table cells: a label, `BAR_CELLS` cells of which the
 * first `value / max` are coloured by tone, and the figure in words. Docs keeps cell
 * shading; the words carry the figure for whoever cannot see the colours. Cells rather than
 * a PNG: chart libraries draw on a canvas, which Workers do not have (a WASM rasteriser would
 * weigh more than the whole worker), and a table stays text the reader can edit in the Doc.
 */
function bars(w: Widths, caption: string, rows: readonly BarRow[]): string {
  const shares = [30, ...Array.from({ length: BAR_CELLS }, () => 2.2), 26];
  const cols = w.columns(shares);
  const body = rows
    .map((r, n) => {
      const ratio = r.max > 0 ? Math.max(0, r.value) / r.max : 0;
      const filled = Math.min(BAR_CELLS, Math.round(ratio * BAR_CELLS));
      const tone = `bar-${r.tone ?? 'neutral'}`;
      const cells = Array.from(
        { length: BAR_CELLS },
        (_, i) => `${cellTag('td', cols[i + 1]!, n === 0, `bar ${i < filled ? tone : 'bar-empty'}`)}</td>`,
      ).join('');
      return `<tr>${cellTag('td', cols[0]!, n === 0)}${t(r.label)}</td>${cells}${cellTag('td', cols[BAR_CELLS + 1]!, n === 0)}${t(r.text)}</td></tr>`;
    })
    .join('');
  return `<p class="caption">${t(caption)}</p><table class="bars"><tbody>${body}</tbody></table>`;
}

const STATUS: Record<Identification['status'], string> = {
  draft: 'Projet, non validé',
  validated: 'Validé',
};

/** What the document is, as a table at its head: four columns, label and value twice. */
function identification(w: Widths, id: Identification): string {
  const pairs: [string, string][] = [
    ['Commanditaire', id.authority],
    ['Marché', id.consultation],
    ['Programme', id.programme],
    ['Titulaire', id.contractor],
    ['Objet', id.subject],
    ['Auteur', id.author],
    ['Version', nf(id.version)],
    ['Statut', STATUS[id.status]],
    ['Données arrêtées au', frDate(id.asOf)],
    ['Généré le', frDate(id.generatedOn)],
  ];
  const cols = w.columns([16, 34, 16, 34]);
  const rows: string[] = [];
  for (let i = 0; i < pairs.length; i += 2) {
    const cells = [pairs[i], pairs[i + 1]].flatMap((p, j) =>
      p
        ? [
            `${cellTag('th', cols[2 * j]!, i === 0)}${t(p[0])}</th>`,
            `${cellTag('td', cols[2 * j + 1]!, i === 0)}${t(p[1])}</td>`,
          ]
        : [],
    );
    rows.push(`<tr>${cells.join('')}</tr>`);
  }
  return `<table class="ident"><tbody>${rows.join('')}</tbody></table>`;
}

/** Google's own form of a page break (see the notes at the top). */
export const PAGE_BREAK = '<hr class="page-break" style="page-break-before:always;display:none">';

function section(w: Widths, s: Section): string {
  const brk = s.pageBreakBefore ? `${PAGE_BREAK}\n` : '';
  return `${brk}<h${s.level}>${t(s.heading)}</h${s.level}>\n${s.blocks.map((b) => block(w, b)).join('\n')}`;
}

/**
 * The one renderer: a complete, self-contained French HTML page, every user string set in
 * French typography and escaped, in the shapes Drive's HTML import keeps (notes above).
 */
export function renderHtml(doc: DocumentModel): string {
  const w = new Widths();
  const subtitle = doc.subtitle ? `<p class="subtitle">${t(doc.subtitle)}</p>\n` : '';
  const head = doc.identification
    ? identification(w, doc.identification)
    : `<p class="meta">${t(`Document généré le ${frDate(doc.date)} à partir du registre du programme — version ${nf(doc.version)}`)}</p>`;
  const body = doc.sections.map((s) => section(w, s)).join('\n');
  return `<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${t(doc.title)}</title>
<style>${CSS}${TONE_CSS}
${w.css()}
</style></head>
<body>
<h1>${t(doc.title)}</h1>
${subtitle}${head}
${body}
</body></html>
`;
}
