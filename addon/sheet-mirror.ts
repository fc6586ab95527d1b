// Mirrors what the worker accepted into the spreadsheet's tabs, where ADEME staff read it.
// Each tab touched costs one getValues and one setValues: Apps Script bills every range
// call as a round trip to Sheets, so rows are merged in memory and written back at once.

export type Cell = string | number | boolean | Date;
export interface TabSpec<T> {
  name: string;
  headers: readonly string[];
  /** The row for a record; its first cell is the record's id, the key of the upsert. */
  row: (record: T) => Cell[];
}

const LOOKS_LIKE_FORMULA = /^[=+\-@]/;

/**
 * User text starting with = + - @ would be parsed by Sheets as a formula (a classic CSV
 * injection); a leading apostrophe makes Sheets keep it as text and is not part of the value.
 */
export function asCell(v: unknown): Cell {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return LOOKS_LIKE_FORMULA.test(v) ? `'${v}` : v;
  if (typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  return String(v);
}

function tab(name: string): GoogleAppsScript.Spreadsheet.Sheet {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const existing = ss.getSheetByName(name);
  if (existing) return existing;
  const sheet = ss.insertSheet(name);
  sheet.setFrozenRows(1);
  return sheet;
}

function write(sheet: GoogleAppsScript.Spreadsheet.Sheet, rows: unknown[][], width: number): void {
  const matrix = rows.map((r) => Array.from({ length: width }, (_, i) => asCell(r[i])));
  sheet.getRange(1, 1, matrix.length, width).setValues(matrix);
}

/** Inserts or replaces rows by id: a record already in the tab keeps its line. */
export function upsertRows<T>(spec: TabSpec<T>, records: readonly T[]): void {
  if (records.length === 0) return;
  const sheet = tab(spec.name);
  const width = spec.headers.length;
  const last = sheet.getLastRow();
  const rows: unknown[][] = last > 0 ? sheet.getRange(1, 1, last, width).getValues() : [];
  rows[0] = [...spec.headers];
  const lineOf = new Map<string, number>();
  for (let i = 1; i < rows.length; i++) {
    const id = String(rows[i]?.[0] ?? '');
    if (id && !lineOf.has(id)) lineOf.set(id, i);
  }
  for (const record of records) {
    const row = spec.row(record);
    const id = String(row[0]);
    const line = lineOf.get(id);
    if (line === undefined) {
      lineOf.set(id, rows.length);
      rows.push(row);
    } else rows[line] = row;
  }
  write(sheet, rows, width);
}

/** Replaces a tab's content with exactly these records (resynchronisation). */
export function rebuildTab<T>(spec: TabSpec<T>, records: readonly T[]): void {
  const sheet = tab(spec.name);
  sheet.clearContents();
  write(sheet, [[...spec.headers], ...records.map(spec.row)], spec.headers.length);
}
