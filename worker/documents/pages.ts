import { DRAFT_STATUS } from './identify';
import type { Block, DocumentModel } from './model';
import { CONTENT_WIDTH_PT, PAGE } from './render';

/**
 * Page estimate for the A4 layout of `render.ts`, used to choose a page budget before any
 * printing and as `pages` in the local default. It simulates the flow (headings, wrapped
 * lines, table rows that never split) with deliberately wide character widths, so it errs
 * towards more pages. The reference count is the PDF of the real layout: Google's export in
 * production, headless Chromium in the tests.
 */
const MM_PER_PT = 25.4 / 72;
const PAGE_HEIGHT = (PAGE.heightPt - PAGE.marginTopPt - PAGE.marginBottomPt) * MM_PER_PT;
const PAGE_WIDTH = CONTENT_WIDTH_PT * MM_PER_PT;
/**
 * Average glyph width of French text in Arial is about 0.5 em; 0.53 keeps us on the safe side.
 * Measured against Chromium's A4 print (content height, stress summary): the estimate runs
 * about 12 % long overall, the identification table included.
 */
const EM_RATIO = 0.53;

const charsPerLine = (widthMm: number, fontPt: number) =>
  Math.max(8, Math.floor(widthMm / (fontPt * EM_RATIO * MM_PER_PT)));

function wrappedLines(text: string, widthMm: number, fontPt: number): number {
  const per = charsPerLine(widthMm, fontPt);
  return text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(line.length / per)), 0);
}

/** Paragraphs as render.ts prints them: one per blank-line-separated part, each with its gap. */
function paragraphs(flow: Flow, text: string, fontPt: number, lineHeight: number) {
  for (const part of text.split(/\n\s*\n/)) {
    flow.lines(wrappedLines(part.trim(), PAGE_WIDTH, fontPt), lineHeight);
    flow.y += GAP;
  }
}

const BODY_LINE = 9.5 * 1.3 * MM_PER_PT;
const NOTE_LINE = 8.5 * 1.3 * MM_PER_PT;
const CELL_LINE = 8.5 * 1.2 * MM_PER_PT;
const CELL_PAD = 4 * MM_PER_PT;
const GAP = 4 * MM_PER_PT;

class Flow {
  pages = 1;
  y = 0;
  /** Places an unbreakable box, moving to a new page when it does not fit. */
  box(h: number) {
    if (this.y + h > PAGE_HEIGHT && this.y > 0) {
      this.pages++;
      this.y = 0;
    }
    this.y += h;
  }
  /** Places `n` lines of height `h`, breaking between lines. */
  lines(n: number, h: number) {
    for (let i = 0; i < n; i++) this.box(h);
  }
  newPage() {
    if (this.y > 0) {
      this.pages++;
      this.y = 0;
    }
  }
}

function tableRows(
  flow: Flow,
  columns: readonly string[],
  rows: readonly (readonly string[])[],
  widths: readonly number[],
) {
  const total = widths.reduce((a, w) => a + w, 0);
  const rowHeight = (cells: readonly string[]) =>
    Math.max(0, ...cells.map((c, i) => wrappedLines(c, ((widths[i] ?? 1) / total) * PAGE_WIDTH - 2.5, 8.5))) *
      CELL_LINE +
    CELL_PAD;
  const head = columns.length ? rowHeight(columns) : 0;
  // A heading row never sits alone at a page foot: keep it with the first row.
  flow.box(head + (rows[0] ? rowHeight(rows[0]) : 0));
  for (const r of rows.slice(1)) flow.box(rowHeight(r));
  flow.y += GAP;
}

function place(flow: Flow, b: Block) {
  switch (b.kind) {
    case 'p':
      paragraphs(flow, b.text, 9.5, BODY_LINE);
      if (b.shortened) flow.lines(2, NOTE_LINE);
      return;
    case 'note':
      paragraphs(flow, b.text, 8.5, NOTE_LINE);
      return;
    case 'list':
      for (const i of b.items) flow.lines(wrappedLines(i, PAGE_WIDTH - 6, 9.5), BODY_LINE);
      flow.y += GAP;
      return;
    case 'links':
      for (const i of b.items) flow.lines(wrappedLines(i.text, PAGE_WIDTH - 6, 9.5), BODY_LINE);
      flow.y += GAP;
      return;
    case 'fields':
      tableRows(flow, [], b.rows, [3, 7]);
      return;
    case 'bars':
      // Caption, the rows (label, bar, figure, status in words), then the legend.
      flow.lines(1, NOTE_LINE);
      tableRows(
        flow,
        [],
        b.rows.map((r) => [r.label, '', r.text, r.status ?? '']),
        [26, 36, 22, 16],
      );
      flow.lines(2, NOTE_LINE);
      return;
    case 'table':
      tableRows(flow, b.columns, b.rows, b.widths ?? b.columns.map(() => 1));
      if (b.rest) {
        flow.lines(wrappedLines(b.rest, PAGE_WIDTH, 8.5), NOTE_LINE);
        flow.y += GAP;
      }
      return;
  }
}

/** The title and the identification table (render.ts), at the head of the first page. */
function head(flow: Flow, doc: DocumentModel) {
  flow.box((16 + 11) * 1.3 * MM_PER_PT + 6 * MM_PER_PT);
  if (!doc.identification) return flow.box((8.5 * 1.3 + 8) * MM_PER_PT);
  const id = doc.identification;
  // Five rows of label | value | label | value (render.ts), at 8 pt.
  const pairs = [
    [id.authority, id.consultation],
    [id.programme, id.contractor],
    [id.subject, ''],
    [id.author, DRAFT_STATUS],
    ['', `12 décembre 2025 par ${id.generatedBy}`],
  ];
  tableRows(
    flow,
    [],
    pairs.map(([a, b]) => ['Commanditaire', a ?? '', 'Commanditaire', b ?? '']),
    [16, 34, 16, 34],
  );
  flow.y += 3 * MM_PER_PT;
}

/**
 * Lays the document out; `until` stops at the first block that starts past that page and
 * answers where (the sections before it, and its index in its section).
 */
function layout(doc: DocumentModel, until?: number) {
  const flow = new Flow();
  head(flow, doc);
  for (const [si, s] of doc.sections.entries()) {
    if (s.pageBreakBefore) flow.newPage();
    // A heading is kept with the first lines after it.
    const heading = s.level === 2 ? (12 * 1.3 + 15) * MM_PER_PT : (10.5 * 1.3 + 10) * MM_PER_PT;
    flow.box(heading + 3 * BODY_LINE);
    flow.y -= 3 * BODY_LINE;
    if (until !== undefined && flow.pages > until)
      return { pages: flow.pages, stop: { section: si, block: 0 } };
    for (const [bi, b] of s.blocks.entries()) {
      if (until !== undefined && flow.pages > until)
        return { pages: flow.pages, stop: { section: si, block: bi } };
      place(flow, b);
    }
  }
  return { pages: flow.pages, stop: null };
}

/** The page count the fitter and the local default go by: the one estimate of the project. */
export function estimatePages(doc: DocumentModel): number {
  return layout(doc).pages;
}

/** The document cut after what the estimate places on its first page (the sidebar's preview). */
export function firstPage(doc: DocumentModel): DocumentModel {
  const { stop } = layout(doc, 1);
  if (!stop) return doc;
  const sections = doc.sections
    .slice(0, stop.section + 1)
    .map((s, i) => (i === stop.section ? { ...s, blocks: s.blocks.slice(0, stop.block) } : s));
  return {
    ...doc,
    sections: sections.filter((s, i) => i < stop.section || s.blocks.length || stop.block > 0),
  };
}
