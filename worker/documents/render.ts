import { frDate } from '../../shared/i18n/messages';
import type { BarRow, BarTone, Block, DocumentModel, Section } from './model';
import { escapeHtml as e, nf } from './text';

/**
 * A4 print styles. Chromium prints them as they are; Google Docs keeps headings, tables,
 * bold and italics when it converts the upload. Sizes are in points so both agree closely.
 */
export const PRINT_CSS = `
@page { size: A4; margin: 14mm 15mm 14mm 15mm; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: Arial, "Liberation Sans", Helvetica, sans-serif; font-size: 9.5pt; line-height: 1.3;
  color: #1b1b1b; margin: 0; }
h1 { font-size: 16pt; margin: 0 0 2pt; color: #0b5f3a; }
.subtitle { font-size: 11pt; margin: 0 0 2pt; }
.meta { font-size: 8.5pt; color: #555; margin: 0 0 8pt; }
h2 { font-size: 12pt; margin: 10pt 0 4pt; color: #0b5f3a; border-bottom: 1pt solid #0b5f3a; }
h3 { font-size: 10.5pt; margin: 7pt 0 3pt; }
h2, h3 { break-after: avoid; page-break-after: avoid; }
p { margin: 0 0 4pt; white-space: pre-wrap; }
p.note { font-style: italic; color: #444; font-size: 8.5pt; }
ul { margin: 0 0 4pt 14pt; padding: 0; }
table { border-collapse: collapse; width: 100%; margin: 0 0 5pt; table-layout: fixed; }
th, td { border: 0.5pt solid #999; padding: 1.5pt 3pt; text-align: left; vertical-align: top;
  font-size: 8.5pt; line-height: 1.2; overflow-wrap: anywhere; }
th { background: #e6f0ea; }
tr { break-inside: avoid; page-break-inside: avoid; }
table.fields th { width: 30%; }
.break { break-before: page; page-break-before: always; }
table.bars caption { text-align: left; font-size: 8.5pt; padding-bottom: 2pt; }
table.bars th { width: 34%; font-weight: normal; background: none; }
table.bars td.bar { padding: 0; border: 0.5pt solid #fff; }
table.bars td:last-child { width: 14%; }
`;

function block(b: Block): string {
  switch (b.kind) {
    case 'p': {
      const note = b.shortened
        ? `<p class="note">Texte abrégé pour tenir le format : ${nf(b.shortened.kept)} caractères sur ${nf(b.shortened.total)} ; le texte intégral reste dans le registre.</p>`
        : '';
      return `<p>${e(b.text)}</p>${note}`;
    }
    case 'note':
      return `<p class="note">${e(b.text)}</p>`;
    case 'list':
      return `<ul>${b.items.map((i) => `<li>${e(i)}</li>`).join('')}</ul>`;
    case 'bars':
      return bars(b.caption, b.rows);
    case 'fields':
      return `<table class="fields"><tbody>${b.rows
        .map(([k, v]) => `<tr><th>${e(k)}</th><td>${e(v)}</td></tr>`)
        .join('')}</tbody></table>`;
    case 'table': {
      const total = (b.widths ?? b.columns.map(() => 1)).reduce((a, w) => a + w, 0);
      const cols = b.widths
        ? `<colgroup>${b.widths.map((w) => `<col style="width:${((w / total) * 100).toFixed(1)}%">`).join('')}</colgroup>`
        : '';
      const head = `<thead><tr>${b.columns.map((c) => `<th>${e(c)}</th>`).join('')}</tr></thead>`;
      const body = b.rows.map((r) => `<tr>${r.map((c) => `<td>${e(c)}</td>`).join('')}</tr>`).join('');
      const rest = b.rest ? `<p class="note">${e(b.rest)}</p>` : '';
      return `<table>${cols}${head}<tbody>${body}</tbody></table>${rest}`;
    }
  }
}

const TONE: Record<BarTone, string> = {
  ok: '#3a8f5c',
  warning: '#d9a400',
  reached: '#c46a00',
  exceeded: '#b3261e',
  neutral: '#4a6fa5',
};

/** Bars as shaded cells of a fixed 20-cell grid: Google Docs keeps cell shading, not SVG. */
function bars(caption: string, rows: readonly BarRow[]): string {
  const CELLS = 20;
  const body = rows
    .map((r) => {
      const filled = r.max > 0 ? Math.min(CELLS, Math.round((Math.max(0, r.value) / r.max) * CELLS)) : 0;
      const colour = TONE[r.tone ?? 'neutral'];
      const cells = Array.from(
        { length: CELLS },
        (_, i) => `<td class="bar" style="background:${i < filled ? colour : '#eeeeee'}"></td>`,
      ).join('');
      return `<tr><th>${e(r.label)}</th>${cells}<td>${e(r.text)}</td></tr>`;
    })
    .join('');
  return `<table class="bars"><caption>${e(caption)}</caption><tbody>${body}</tbody></table>`;
}

function section(s: Section): string {
  const cls = s.pageBreakBefore ? ' class="break"' : '';
  return `<section${cls}><h${s.level}>${e(s.heading)}</h${s.level}>${s.blocks.map(block).join('\n')}</section>`;
}

/** The one renderer: a complete, self-contained French HTML page, every user string escaped. */
export function renderHtml(doc: DocumentModel): string {
  const subtitle = doc.subtitle ? `<p class="subtitle">${e(doc.subtitle)}</p>` : '';
  return `<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${e(doc.title)}</title>
<style>${PRINT_CSS}</style></head>
<body>
<h1>${e(doc.title)}</h1>${subtitle}
<p class="meta">Document généré le ${e(frDate(doc.date))} à partir du registre du programme — version ${nf(doc.version)}</p>
${doc.sections.map(section).join('\n')}
</body></html>
`;
}
