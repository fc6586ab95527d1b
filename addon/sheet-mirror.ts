// Mirrors what the worker accepted into the spreadsheet's tabs, where ADEME staff read it.
// - The add-on owns the mirrored columns (A … "Identifiant"); columns a person adds to the
//   right are theirs: never written, and they stay on the row of their record because rows
//   are matched by id, updated in place, appended, and only removed (with the whole row)
//   when the record is gone and the person wrote nothing beside it; a row kept for what the
//   person wrote is greyed, with a note saying its record is gone (nobody counts it as live).
// - Each cell is written with its column's number format first: "@" keeps codes and user text
//   as typed (09122 keeps its zero, "1/2" stays text), dates are real dates in French format.
// - Per tab touched: one read (the data range) and one batch of writes, flushed once under
//   the document lock (see lock.ts). Layout (header, widths, filter, protection, colours) is
//   set when the tab is created and repaired by a resynchronisation.

import { frTypo } from '../shared/i18n/typography';

export type Kind = 'text' | 'code' | 'date' | 'instant' | 'int' | 'number' | 'days' | 'percent' | 'link';
export interface Link {
  text: string;
  url: string;
}
export interface Names {
  territory(id: string | null | undefined): string;
  partner(id: string | null | undefined): string;
  /** A person's display name, their e-mail when no name is known. */
  person(email: string | null | undefined): string;
}
export interface Column<T> {
  header: string;
  kind: Kind;
  width?: number;
  /** Long prose: wrapped rather than cut. */
  wrap?: boolean;
  value: (record: T, names: Names) => unknown;
}
export interface TabSpec<T> {
  name: string;
  columns: readonly Column<T>[];
  /** The record's id, written in the last mirrored column and used to match rows. */
  id: (record: T) => string;
  idHeader?: string;
  /** Text of the status column → background colour (conditional format rules). */
  colours?: { header: string; background: Record<string, string> };
}

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Cell = string | number | boolean | Date;

export const MANAGED_NOTE = frTypo(
  'Colonne tenue par le module VELI VELO : elle est réécrite à chaque enregistrement. ' +
    'Corrigez depuis le menu Extensions ▸ VELI VELO. Vos propres colonnes, à droite de la dernière, sont conservées.',
);
export const PROTECTION = frTypo('VELI VELO : colonnes tenues par le module');
/**
 * A protection this module set, also with the plain space earlier versions wrote before the
 * colon (spreadsheets already in use keep it until their protection is set again).
 */
export const isOurProtection = (p: { getDescription(): string }) =>
  p.getDescription().replace(/[\u00a0\u202f]/g, ' ') === PROTECTION.replace(/[\u00a0\u202f]/g, ' ');
export const REMOVED_NOTE = frTypo(
  'Supprimé du serveur VELI VELO : ligne gardée pour vos annotations, à droite. Ne la comptez plus.',
);
const REMOVED_COLOUR = '#9aa0a6';
/**
 * Appended to the id of a row kept for staff's notes once its record is gone: formulas (the
 * dashboard's counts) leave such rows out by it, and the row is still matched by its id.
 */
export const REMOVED_MARK = ' (supprimé)';
/** The record id of a row's id cell, with or without the mark of a record gone. */
export const idOf = (cell: unknown) => {
  const s = String(cell ?? '');
  return s.endsWith(REMOVED_MARK) ? s.slice(0, -REMOVED_MARK.length) : s;
};
const FORMAT: Record<Kind, string> = {
  text: '@',
  code: '@',
  link: '@',
  date: 'dd/mm/yyyy',
  instant: 'dd/mm/yyyy hh:mm',
  int: '#,##0',
  number: '#,##0.###',
  days: '#,##0.0',
  percent: '0 %',
};
const SPARE_ROWS = 200;
const LOOKS_LIKE_FORMULA = /^[=+\-@]/;

/** Text that Sheets would read as a formula gets the apostrophe that marks text (not stored). */
export const asText = (s: string) => (LOOKS_LIKE_FORMULA.test(s) ? `'${s}` : s);

export const headersOf = <T>(spec: TabSpec<T>) => [
  ...spec.columns.map((c) => c.header),
  spec.idHeader ?? 'Identifiant',
];
const kindsOf = <T>(spec: TabSpec<T>): Kind[] => [...spec.columns.map((c) => c.kind), 'code'];

/** Dates read from a sheet are Dates; the tag test also holds across JavaScript realms. */
export const isDate = (v: unknown): v is Date => Object.prototype.toString.call(v) === '[object Date]';

/** A calendar date (YYYY-MM-DD, Paris) as the midnight Sheets shows as that date. */
const parisDate = (iso: string) => Utilities.parseDate(iso.slice(0, 10), 'Europe/Paris', 'yyyy-MM-dd');

/** One value as the cell it becomes, in its column's kind. */
export function toCell(kind: Kind, v: unknown): Cell | Link {
  if (v === null || v === undefined || v === '') return '';
  switch (kind) {
    case 'link':
      return typeof v === 'object' && 'url' in (v as Link) ? (v as Link) : asText(String(v));
    case 'date':
      if (isDate(v)) return v;
      return /^\d{4}-\d{2}-\d{2}/.test(String(v)) ? parisDate(String(v)) : asText(String(v));
    case 'instant':
      // An ISO instant from the API; other text (the worker's « 05/05/2025 03:30 » in the
      // Alertes tab, kept on a row whose alert was lifted) stays as written, never misparsed.
      if (isDate(v)) return v;
      return /^\d{4}-\d{2}-\d{2}T/.test(String(v)) ? new Date(String(v)) : asText(String(v));
    case 'int':
    case 'number':
    case 'days':
    case 'percent':
      return typeof v === 'number' ? v : Number.isFinite(Number(v)) ? Number(v) : asText(String(v));
    default:
      return isDate(v) ? v : asText(String(v));
  }
}

interface Plan {
  sheet: Sheet;
  spec: TabSpec<unknown>;
  rows: (Cell | Link)[][];
  /** Rows (0-based in `rows`) whose link cells must be written. */
  touched: Set<number>;
  /** Single link cells set on rows already there (a summary's link on its territory's row). */
  linkCells: { i: number; j: number }[];
  /** Sheet rows to delete first (records gone, nothing written beside them). */
  deletions: number[];
  layout: boolean;
  /** Rows (0-based in `rows`) kept although their record is gone, because staff wrote beside them. */
  removed: number[];
  /** Staff added columns to the right: the filter must span them too. */
  staffColumns: boolean;
}

function createTab(spec: TabSpec<unknown>): Sheet {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  return ss.getSheetByName(spec.name) ?? ss.insertSheet(spec.name);
}

const filled = (v: unknown) => v !== '' && v !== null && v !== undefined;

/** Reads the tab once and merges the records into it (nothing written yet). */
function plan<T>(spec: TabSpec<T>, records: readonly T[], names: Names, j: Job): Plan {
  const existing = SpreadsheetApp.getActiveSpreadsheet().getSheetByName(spec.name);
  const sheet = existing ?? createTab(spec as TabSpec<unknown>);
  const width = headersOf(spec).length;
  const kinds = kindsOf(spec);
  const grid = existing ? sheet.getDataRange().getValues() : [];
  const gone = new Set(j.gone ?? []);
  const incoming = new Map(records.map((r) => [spec.id(r), r] as const));
  const cellsOf = (r: T) => [...spec.columns.map((c) => toCell(c.kind, c.value(r, names))), spec.id(r)];
  const rows: (Cell | Link)[][] = [];
  const keep: boolean[] = [];
  const touched = new Set<number>();
  const seen = new Set<string>();
  const kept: number[] = [];
  for (const r of grid.slice(1)) {
    const id = idOf(r[width - 1]);
    const record = id && !seen.has(id) ? incoming.get(id) : undefined;
    if (record !== undefined) {
      seen.add(id);
      touched.add(rows.length);
      rows.push(cellsOf(record));
      keep.push(true);
      continue;
    }
    const removed = Boolean(id) && (Boolean(j.replaceAll) || gone.has(id));
    const staff = r.slice(width).some(filled);
    if (removed && staff) kept.push(rows.length);
    keep.push(!removed || staff);
    const cells = Array.from({ length: width }, (_, k) => toCell(kinds[k]!, r[k]));
    if (removed && staff) cells[width - 1] = `${id}${REMOVED_MARK}`;
    rows.push(cells);
  }
  for (const [id, record] of incoming)
    if (!seen.has(id)) {
      touched.add(rows.length);
      rows.push(cellsOf(record));
      keep.push(true);
    }
  const newIndex = indexesAfterDeletion(keep);
  return {
    sheet,
    spec: spec as TabSpec<unknown>,
    linkCells: placeLinks(spec, grid.slice(1), j.links ?? [], { rows, keep, newIndex }),
    rows: rows.filter((_, i) => keep[i]),
    touched: new Set([...touched].map((i) => newIndex[i]!)),
    deletions: keep.flatMap((k, i) => (k ? [] : [i + 2])),
    layout: !existing || Boolean(j.layout),
    removed: kept.map((i) => newIndex[i]!),
    staffColumns: (grid[0]?.length ?? 0) > width,
  };
}

/** Each row's index once the rows not kept are deleted. */
function indexesAfterDeletion(keep: readonly boolean[]): number[] {
  const out: number[] = [];
  keep.reduce((removedSoFar, k, i) => {
    out[i] = i - removedSoFar;
    return k ? removedSoFar : removedSoFar + 1;
  }, 0);
  return out;
}

/**
 * Puts each link in its cell on the row of its record (`existing`: the tab's rows as read),
 * where that row stays; the cells to write as rich text, by their index after deletion.
 */
function placeLinks<T>(
  spec: TabSpec<T>,
  existing: unknown[][],
  links: NonNullable<Job['links']>,
  p: { rows: (Cell | Link)[][]; keep: readonly boolean[]; newIndex: readonly number[] },
): { i: number; j: number }[] {
  const headers = headersOf(spec);
  const cells: { i: number; j: number }[] = [];
  for (const l of links) {
    const at = existing.findIndex((r) => idOf(r[headers.length - 1]) === l.id);
    const col = headers.indexOf(l.header);
    if (at < 0 || col < 0 || !p.keep[at]) continue;
    p.rows[at]![col] = l.link;
    cells.push({ i: p.newIndex[at]!, j: col });
  }
  return cells;
}

/** Contiguous runs of the columns written by setValues (link columns are rich text). */
function valueRuns(kinds: Kind[]): [number, number][] {
  const runs: [number, number][] = [];
  kinds.forEach((k, i) => {
    if (k === 'link') return;
    const last = runs.at(-1);
    if (last && last[1] === i) last[1] = i + 1;
    else runs.push([i, i + 1]);
  });
  return runs;
}

function ensureRows(sheet: Sheet, needed: number) {
  const max = sheet.getMaxRows();
  // Inserted before the last row, the new rows fall inside the protected, filtered and
  // coloured ranges, which grow with them.
  if (needed >= max) sheet.insertRowsBefore(max, needed - max + SPARE_ROWS);
}

const linkCell = (v: Cell | Link) => {
  const b = SpreadsheetApp.newRichTextValue();
  if (typeof v === 'object' && !isDate(v)) return b.setText(v.text).setLinkUrl(v.url).build();
  return b.setText(String(isDate(v) ? '' : v).replace(/^'/, '')).build();
};

/** Writes the merged tab: deletions, then values and formats, then the link cells touched. */
function write(p: Plan) {
  const { sheet, rows } = p;
  for (const row of [...p.deletions].reverse()) sheet.deleteRows(row, 1);
  ensureRows(sheet, rows.length + 1);
  const headers = headersOf(p.spec);
  const kinds = kindsOf(p.spec);
  const height = rows.length + 1;
  for (const [from, to] of valueRuns(kinds)) {
    const formats = [
      headers.slice(from, to).map(() => '@'),
      ...rows.map((r) => kinds.slice(from, to).map((k, j) => numberFormat(k, r[from + j]))),
    ];
    const values = [headers.slice(from, to), ...rows.map((r) => r.slice(from, to) as Cell[])];
    const range = sheet.getRange(1, from + 1, height, to - from);
    range.setNumberFormats(formats);
    range.setValues(values);
  }
  kinds.forEach((k, j) => {
    if (k !== 'link') return;
    if (p.layout)
      sheet
        .getRange(1, j + 1, height, 1)
        .setRichTextValues([headers[j]!, ...rows.map((r) => r[j]!)].map((v) => [linkCell(v)]));
    // A record that carries no link (an assessment saved) leaves the row's link as it was.
    else
      for (const i of p.touched)
        if (rows[i]![j] !== '') sheet.getRange(i + 2, j + 1).setRichTextValues([[linkCell(rows[i]![j]!)]]);
  });
  if (!p.layout)
    for (const { i, j } of p.linkCells)
      sheet.getRange(i + 2, j + 1).setRichTextValues([[linkCell(rows[i]![j]!)]]);
  if (p.layout) layout(sheet, p.spec);
  else if (p.staffColumns) filterWholeRows(sheet);
  markRemoved(p);
}

/**
 * Rows whose record is gone but that staff annotated: greyed, a note on their first cell. Rows
 * written from a record lose both (a record that comes back is live again); one call per run
 * of consecutive rows.
 */
function markRemoved(p: Plan) {
  const width = headersOf(p.spec).length - 1;
  const runs = (rows: number[]) =>
    [...rows]
      .sort((a, b) => a - b)
      .reduce<[number, number][]>((acc, i) => {
        const last = acc.at(-1);
        if (last && last[0] + last[1] === i) last[1]++;
        else acc.push([i, 1]);
        return acc;
      }, []);
  for (const [i, n] of runs([...p.touched])) {
    p.sheet.getRange(i + 2, 1, n, width).setFontColor(null);
    p.sheet.getRange(i + 2, 1, n, 1).clearNote();
  }
  for (const [i, n] of runs(p.removed)) {
    p.sheet.getRange(i + 2, 1, n, width).setFontColor(REMOVED_COLOUR);
    p.sheet.getRange(i + 2, 1, n, 1).setNote(REMOVED_NOTE);
  }
}

/** Whole numbers without decimals ("4 jours", "3 séances"), the others with theirs. */
const numberFormat = (k: Kind, v: unknown) =>
  (k === 'number' || k === 'days') && typeof v === 'number' && Number.isInteger(v) ? FORMAT.int : FORMAT[k];

/** Header, widths, wrap, filter, warning-only protection and status colours of a tab. */
export function layout(sheet: Sheet, spec: TabSpec<unknown>) {
  const headers = headersOf(spec);
  const width = headers.length;
  const rows = sheet.getMaxRows();
  sheet.setFrozenRows(1);
  const head = sheet.getRange(1, 1, 1, width);
  head.setFontWeight('bold').setBackground('#e8eaed').setNote(MANAGED_NOTE);
  spec.columns.forEach((c, i) => {
    sheet.setColumnWidth(i + 1, c.width ?? 120);
    sheet
      .getRange(2, i + 1, rows - 1, 1)
      .setWrapStrategy(c.wrap ? SpreadsheetApp.WrapStrategy.WRAP : SpreadsheetApp.WrapStrategy.CLIP);
  });
  sheet.setColumnWidth(width, 90);
  sheet.getRange(2, width, rows - 1, 1).setFontColor('#80868b');
  filterWholeRows(sheet);
  for (const p of sheet.getProtections(SpreadsheetApp.ProtectionType.RANGE))
    if (isOurProtection(p)) p.remove();
  sheet.getRange(1, 1, rows, width).protect().setDescription(PROTECTION).setWarningOnly(true);
  if (spec.colours) colourRules(sheet, spec, rows);
}

/**
 * The filter spans every column of the tab, staff's included: a sort from it (Sheets sorts the
 * filter's range only) moves whole rows, so what staff wrote beside a record stays beside it.
 * A filter of an earlier version over the managed columns alone is widened, its criteria kept.
 */
export function filterWholeRows(sheet: Sheet) {
  const [rows, cols] = [sheet.getMaxRows(), sheet.getMaxColumns()];
  const filter = sheet.getFilter();
  const range = filter?.getRange();
  if (range && range.getRow() === 1 && range.getNumRows() >= rows && range.getNumColumns() >= cols) return;
  const criteria: [number, GoogleAppsScript.Spreadsheet.FilterCriteria][] = [];
  if (filter && range)
    for (let c = range.getColumn(); c < range.getColumn() + range.getNumColumns(); c++) {
      const got = filter.getColumnFilterCriteria(c);
      if (got) criteria.push([c, got]);
    }
  filter?.remove();
  const widened = sheet.getRange(1, 1, rows, cols).createFilter();
  for (const [c, got] of criteria) widened.setColumnFilterCriteria(c, got);
}

function colourRules(sheet: Sheet, spec: TabSpec<unknown>, rows: number) {
  const { header, background } = spec.colours!;
  const col = headersOf(spec).indexOf(header) + 1;
  const ours = (r: GoogleAppsScript.Spreadsheet.ConditionalFormatRule) =>
    r.getRanges().every((x) => x.getColumn() === col && x.getNumColumns() === 1) &&
    (r.getBooleanCondition()?.getCriteriaValues() ?? []).every((v) => String(v) in background);
  const range = sheet.getRange(2, col, rows - 1, 1);
  const rules = Object.entries(background).map(([text, colour]) =>
    SpreadsheetApp.newConditionalFormatRule()
      .whenTextEqualTo(text)
      .setBackground(colour)
      .setRanges([range])
      .build(),
  );
  sheet.setConditionalFormatRules([...sheet.getConditionalFormatRules().filter((r) => !ours(r)), ...rules]);
}

export interface Job {
  spec: TabSpec<never>;
  records: readonly unknown[];
  /** The tab holds exactly these records (plus rows staff annotated, which are kept). */
  replaceAll?: boolean;
  /** Ids of records deleted: their rows go, unless staff wrote beside them. */
  gone?: readonly string[];
  /** Repair the tab's layout too (resynchronisation). */
  layout?: boolean;
  /** Links to set on rows already in the tab, by record id and column header. */
  links?: readonly { id: string; header: string; link: Link }[];
}
export const job = <T>(
  spec: TabSpec<T>,
  records: readonly T[],
  opts: Omit<Job, 'spec' | 'records'> = {},
): Job => ({ spec: spec as unknown as TabSpec<never>, records, ...opts });

/**
 * Reads every tab of the jobs, then writes them all: the reads come first so that Apps Script
 * sends the writes as one batch, flushed once by the caller's lock (see lock.ts).
 */
export function mirrorTabs(
  jobs: readonly Job[],
  names: Names,
): Record<string, { rows: number; annotated: number }> {
  const plans = jobs
    .filter(
      (j) =>
        j.records.length > 0 ||
        j.replaceAll ||
        // Removing or linking rows of a tab that does not exist yet: nothing to do.
        ((j.gone?.length || j.links?.length) &&
          SpreadsheetApp.getActiveSpreadsheet().getSheetByName(j.spec.name)),
    )
    .map((j) => plan(j.spec as TabSpec<unknown>, j.records, names, j));
  for (const p of plans) write(p);
  return Object.fromEntries(
    plans.map((p) => [p.spec.name, { rows: p.rows.length, annotated: p.removed.length }]),
  );
}
