// A fake of SpreadsheetApp's spreadsheet, sheets and ranges, faithful where the add-on could
// tell the difference (each rule below is Google's documented behaviour):
// - setValues parses text as if typed (numbers, dates, formulas, leading zeros lost) unless the
//   cell's number format is "@" (sheet-values.ts); a leading apostrophe marks text;
// - a sheet has a grid size (1,000 × 26 when inserted): a range outside it throws, rows are
//   added with insertRows*; ranges that span an insertion point grow with it;
// - writes of one execution are buffered until that execution reads, calls
//   SpreadsheetApp.flush() or ends — another execution does not see them before (this is why
//   Google says to flush before releasing a lock);
// - protections, conditional format rules, filters, charts, notes and links are kept and
//   shown by the harness page.
import { evaluate } from './formula';
import { display, interpret, isDate, type Value } from './sheet-values';

export interface GridRange {
  row: number;
  col: number;
  rows: number;
  cols: number;
}
interface Cell {
  value: Value;
  formula?: string;
  link?: string;
}
export interface Style {
  format?: string | undefined;
  bold?: boolean | undefined;
  wrap?: boolean | undefined;
  background?: string | undefined;
  color?: string | undefined;
  note?: string | undefined;
  align?: string | undefined;
}
export interface Counts {
  getValues: number;
  setValues: number;
  setRichTextValues: number;
}

const OUTSIDE = 'Exception: The coordinates of the range are outside the dimensions of the sheet.';
const key = (r: number, c: number) => `${r}:${c}`;
const colLetters = (n: number): string => {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
};
const colNumber = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);

/** Sheets' sort order: numbers and dates first, then text (case and accents ignored), empty last. */
function sortOrder(a: Value, b: Value, ascending: boolean): number {
  const empty = (v: Value) => v === '' || v === null || v === undefined;
  if (empty(a) || empty(b)) return Number(empty(a)) - Number(empty(b));
  const rank = (v: Value) => (typeof v === 'number' || isDate(v) ? 0 : typeof v === 'boolean' ? 2 : 1);
  const num = (v: Value) => (isDate(v) ? v.getTime() : Number(v));
  let d = rank(a) - rank(b);
  if (!d)
    d = rank(a) === 1 ? String(a).localeCompare(String(b), 'fr', { sensitivity: 'base' }) : num(a) - num(b);
  return ascending ? d : -d;
}

/** A formula moved `delta` rows: its relative row references move with it (A2 → A5), anchored ones ($A$2) stay. */
export const shiftRows = (formula: string, delta: number) =>
  formula.replace(
    /("(?:[^"]|"")*")|(?<![A-Za-z_])(\$?[A-Z]{1,3})(\$?)(\d+)(?![\w(])/g,
    (m, text, col, anchor, row) => (text ? m : anchor ? m : `${col}${Number(row) + delta}`),
  );

/** Grows or shifts a stored range when rows are inserted before `at` (Sheets keeps ranges whole). */
function shiftOnInsert(g: GridRange, at: number, n: number) {
  if (g.row >= at) g.row += n;
  else if (g.row + g.rows - 1 >= at) g.rows += n;
}
function shiftOnDelete(g: GridRange, at: number, n: number) {
  const end = g.row + g.rows - 1;
  const delEnd = at + n - 1;
  if (delEnd < g.row) g.row -= n;
  else if (at <= end) {
    const removed = Math.min(end, delEnd) - Math.max(g.row, at) + 1;
    g.rows = Math.max(1, g.rows - removed);
    if (at < g.row) g.row = at;
  }
}

export class RichText {
  constructor(
    private text: string,
    private url: string | null,
  ) {}
  getText() {
    return this.text;
  }
  getLinkUrl() {
    return this.url;
  }
}
export class RichTextBuilder {
  private text = '';
  private url: string | null = null;
  setText(t: string) {
    this.text = String(t);
    return this;
  }
  setLinkUrl(...a: unknown[]) {
    this.url = String(a.length === 3 ? a[2] : a[0]);
    return this;
  }
  build() {
    return new RichText(this.text, this.url);
  }
}
export const newRichTextValue = () => new RichTextBuilder();

/** Apps Script's chained settings: each setter stores its value and answers the object itself. */
export class Settings<S extends object> {
  constructor(protected readonly settings: S) {}
  protected set(change: Partial<S>): this {
    Object.assign(this.settings, change);
    return this;
  }
}

export class Protection extends Settings<{ warningOnly: boolean; description: string }> {
  constructor(
    readonly sheet: FakeSheet,
    readonly grid: GridRange | null,
  ) {
    super({ warningOnly: false, description: '' });
  }
  setWarningOnly(b: boolean) {
    return this.set({ warningOnly: Boolean(b) });
  }
  isWarningOnly() {
    return this.settings.warningOnly;
  }
  setDescription(d: string) {
    return this.set({ description: String(d) });
  }
  getDescription() {
    return this.settings.description;
  }
  getRange() {
    return this.grid ? this.sheet.rangeOf(this.grid) : this.sheet.getDataRange();
  }
  canEdit() {
    return true;
  }
  remove() {
    this.sheet.protections.splice(this.sheet.protections.indexOf(this), 1);
  }
}

export class ConditionalFormatRule {
  constructor(
    readonly condition: { type: string; values: unknown[] },
    readonly format: { background?: string; color?: string; bold?: boolean },
    readonly ranges: { sheet: FakeSheet; grid: GridRange }[],
  ) {}
  getRanges() {
    return this.ranges.map((r) => r.sheet.rangeOf(r.grid));
  }
  getBooleanCondition() {
    return {
      getCriteriaType: () => this.condition.type,
      getCriteriaValues: () => [...this.condition.values],
      getBackground: () => this.format.background ?? null,
    };
  }
  copy() {
    return new ConditionalFormatRuleBuilder(this);
  }
}
export class ConditionalFormatRuleBuilder {
  private condition = { type: 'NONE', values: [] as unknown[] };
  private format: ConditionalFormatRule['format'] = {};
  private ranges: ConditionalFormatRule['ranges'] = [];
  constructor(from?: ConditionalFormatRule) {
    if (from) {
      this.condition = { ...from.condition };
      this.format = { ...from.format };
      this.ranges = [...from.ranges];
    }
  }
  whenTextEqualTo(t: string) {
    this.condition = { type: 'TEXT_EQUAL_TO', values: [String(t)] };
    return this;
  }
  whenNumberGreaterThanOrEqualTo(n: number) {
    this.condition = { type: 'NUMBER_GREATER_THAN_OR_EQUAL_TO', values: [n] };
    return this;
  }
  setBackground(c: string) {
    this.format.background = c;
    return this;
  }
  setFontColor(c: string) {
    this.format.color = c;
    return this;
  }
  setBold(b: boolean) {
    this.format.bold = b;
    return this;
  }
  setRanges(ranges: FakeRange[]) {
    this.ranges = ranges.map((r) => ({ sheet: r.sheet, grid: { ...r.grid } }));
    return this;
  }
  build() {
    return new ConditionalFormatRule(this.condition, this.format, this.ranges);
  }
}

export class EmbeddedChart {
  constructor(
    readonly id: number,
    readonly type: string,
    readonly ranges: { sheet: FakeSheet; grid: GridRange }[],
    readonly position: { row: number; col: number },
    readonly options: Record<string, unknown>,
  ) {}
  getChartId() {
    return this.id;
  }
  getRanges() {
    return this.ranges.map((r) => r.sheet.rangeOf(r.grid));
  }
  getOptions() {
    return { get: (k: string) => this.options[k] ?? null };
  }
  getContainerInfo() {
    return { getAnchorRow: () => this.position.row, getAnchorColumn: () => this.position.col };
  }
  modify() {
    return new ChartBuilder(this.ranges[0]?.sheet ?? null, this);
  }
}
export class ChartBuilder {
  private type = 'COLUMN';
  private ranges: EmbeddedChart['ranges'] = [];
  private position = { row: 1, col: 1 };
  private options: Record<string, unknown> = {};
  constructor(
    private sheet: FakeSheet | null,
    private from?: EmbeddedChart,
  ) {
    if (from) {
      this.type = from.type;
      this.ranges = [...from.ranges];
      this.position = { ...from.position };
      this.options = { ...from.options };
    }
  }
  setChartType(t: string) {
    this.type = String(t);
    return this;
  }
  asBarChart() {
    return this.setChartType('BAR');
  }
  asColumnChart() {
    return this.setChartType('COLUMN');
  }
  asPieChart() {
    return this.setChartType('PIE');
  }
  addRange(r: FakeRange) {
    this.ranges.push({ sheet: r.sheet, grid: { ...r.grid } });
    return this;
  }
  clearRanges() {
    this.ranges = [];
    return this;
  }
  setPosition(row: number, col: number, _x: number, _y: number) {
    this.position = { row, col };
    return this;
  }
  setOption(k: string, v: unknown) {
    this.options[k] = v;
    return this;
  }
  setNumHeaders(n: number) {
    return this.setOption('numHeaders', n);
  }
  build() {
    const id = this.from?.id ?? this.sheet?.spreadsheet.nextChartId() ?? 1;
    return new EmbeddedChart(id, this.type, this.ranges, this.position, this.options);
  }
}

/** A filter's per-column criteria: kept and given back as set (the fake does not hide rows). */
class FilterCriteria {
  constructor(readonly hidden: readonly string[]) {}
  getHiddenValues() {
    return [...this.hidden];
  }
  copy() {
    return new FilterCriteriaBuilder(this.hidden);
  }
}
export class FilterCriteriaBuilder {
  constructor(private hidden: readonly string[] = []) {}
  setHiddenValues(values: string[]) {
    this.hidden = values.map(String);
    return this;
  }
  build() {
    return new FilterCriteria(this.hidden);
  }
}

class Filter {
  private criteria = new Map<number, FilterCriteria>();
  constructor(
    private sheet: FakeSheet,
    readonly grid: GridRange,
  ) {}
  getRange() {
    return this.sheet.rangeOf(this.grid);
  }
  remove() {
    this.sheet.filter = null;
  }
  getColumnFilterCriteria(col: number) {
    return this.criteria.get(col) ?? null;
  }
  setColumnFilterCriteria(col: number, c: FilterCriteria | null) {
    if (col < this.grid.col || col >= this.grid.col + this.grid.cols)
      throw new Error('Exception: The column position is outside the filter range.');
    if (c) this.criteria.set(col, c);
    else this.criteria.delete(col);
    return this;
  }
  /**
   * Sheets' « Trier de A à Z » from the filter: every row of the filter range but its header is
   * reordered by the column, each row moving whole — within the range's columns only.
   */
  sort(col: number, ascending: boolean) {
    const { row, rows } = this.grid;
    this.sheet.sortRows({ ...this.grid, row: row + 1, rows: rows - 1 }, col, ascending);
    return this;
  }
}

export class FakeRange {
  readonly grid: GridRange;
  constructor(
    readonly sheet: FakeSheet,
    row: number,
    col: number,
    rows: number,
    cols: number,
  ) {
    if (row < 1 || col < 1 || rows < 1 || cols < 1) throw new Error(OUTSIDE);
    if (row + rows - 1 > sheet.getMaxRows() || col + cols - 1 > sheet.getMaxColumns())
      throw new Error(OUTSIDE);
    this.grid = { row, col, rows, cols };
  }
  getRow() {
    return this.grid.row;
  }
  getColumn() {
    return this.grid.col;
  }
  getNumRows() {
    return this.grid.rows;
  }
  getNumColumns() {
    return this.grid.cols;
  }
  getLastRow() {
    return this.grid.row + this.grid.rows - 1;
  }
  getSheet() {
    return this.sheet;
  }
  getA1Notation() {
    const { row, col, rows, cols } = this.grid;
    const a = `${colLetters(col)}${row}`;
    return rows === 1 && cols === 1 ? a : `${a}:${colLetters(col + cols - 1)}${row + rows - 1}`;
  }
  /** A change to every cell: buffered like every write, applied in order with the others. */
  private each(f: (r: number, c: number) => void) {
    const { row, col, rows, cols } = this.grid;
    this.sheet.spreadsheet.write(() => {
      for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) f(row + i, col + j);
    });
  }
  private map<T>(f: (r: number, c: number) => T): T[][] {
    this.sheet.spreadsheet.sync();
    return Array.from({ length: this.grid.rows }, (_, i) =>
      Array.from({ length: this.grid.cols }, (_, j) => f(this.grid.row + i, this.grid.col + j)),
    );
  }
  private checkShape(values: unknown[][], what = 'data') {
    if (!Array.isArray(values) || values.length !== this.grid.rows)
      throw new Error(
        `Exception: The number of rows in the ${what} does not match the number of rows in the range. The ${what} has ${values?.length} but the range has ${this.grid.rows}.`,
      );
    for (const r of values)
      if (!Array.isArray(r) || r.length !== this.grid.cols)
        throw new Error(
          `Exception: The number of columns in the ${what} does not match the number of columns in the range. The ${what} has ${r?.length} but the range has ${this.grid.cols}.`,
        );
  }
  getValues(): Value[][] {
    this.sheet.counts.getValues++;
    return this.map((r, c) => this.sheet.valueAt(r, c));
  }
  getValue(): Value {
    return this.sheet.valueAt(this.grid.row, this.grid.col);
  }
  getDisplayValues(): string[][] {
    return this.map((r, c) => this.sheet.displayAt(r, c));
  }
  getFormulas(): string[][] {
    return this.map((r, c) => this.sheet.cell(r, c)?.formula ?? '');
  }
  getNumberFormats(): string[][] {
    return this.map((r, c) => this.sheet.style(r, c)?.format ?? '');
  }
  getRichTextValues(): RichText[][] {
    return this.map((r, c) => new RichText(this.sheet.displayAt(r, c), this.sheet.cell(r, c)?.link ?? null));
  }
  getNote() {
    return this.sheet.style(this.grid.row, this.grid.col)?.note ?? '';
  }
  setValues(values: unknown[][]) {
    this.checkShape(values);
    this.sheet.counts.setValues++;
    const { row, col } = this.grid;
    const copy = values.map((r) => r.map((v) => (isDate(v) ? new Date(v.getTime()) : v)));
    this.sheet.spreadsheet.write(() =>
      copy.forEach((r, i) => {
        r.forEach((v, j) => {
          this.sheet.typeIn(row + i, col + j, v);
        });
      }),
    );
    return this;
  }
  setValue(v: unknown) {
    return new FakeRange(this.sheet, this.grid.row, this.grid.col, 1, 1).setValues([[v]]);
  }
  setFormula(f: string) {
    const { row, col } = this.grid;
    this.sheet.spreadsheet.write(() => this.sheet.put(row, col, { value: '', formula: String(f) }));
    return this;
  }
  setRichTextValues(values: RichText[][]) {
    this.checkShape(values);
    this.sheet.counts.setRichTextValues++;
    const { row, col } = this.grid;
    this.sheet.spreadsheet.write(() =>
      values.forEach((r, i) => {
        r.forEach((v, j) => {
          const url = v.getLinkUrl();
          this.sheet.put(row + i, col + j, { value: v.getText(), ...(url ? { link: url } : {}) });
        });
      }),
    );
    return this;
  }
  clearContent() {
    this.each((r, c) => this.sheet.put(r, c, { value: '' }));
    return this;
  }
  private styleAll(s: Partial<Style>) {
    this.each((r, c) => this.sheet.setStyle(r, c, s));
    return this;
  }
  setNumberFormat(f: string) {
    return this.styleAll({ format: String(f) });
  }
  setNumberFormats(formats: string[][]) {
    this.checkShape(formats, 'data');
    const copy = formats.map((r) => r.map(String));
    this.each((r, c) => this.sheet.setStyle(r, c, { format: copy[r - this.grid.row]![c - this.grid.col] }));
    return this;
  }
  setFontWeight(w: string) {
    return this.styleAll({ bold: w === 'bold' });
  }
  setWrap(b: boolean) {
    return this.styleAll({ wrap: Boolean(b) });
  }
  setWrapStrategy(s: string) {
    return this.styleAll({ wrap: s === 'WRAP' });
  }
  setBackground(c: string | null) {
    return this.styleAll({ background: c ?? undefined });
  }
  setFontColor(c: string | null) {
    return this.styleAll({ color: c ?? undefined });
  }
  setHorizontalAlignment(a: string) {
    return this.styleAll({ align: a });
  }
  setVerticalAlignment(_a: string) {
    return this;
  }
  setNote(n: string | null) {
    return this.styleAll({ note: n ?? '' });
  }
  clearNote() {
    return this.styleAll({ note: '' });
  }
  protect() {
    const p = new Protection(this.sheet, { ...this.grid });
    this.sheet.protections.push(p);
    return p;
  }
  /** Range.sort(column | {column, ascending}): the range's rows reordered, each moving whole within it. */
  sort(spec: number | { column: number; ascending?: boolean }) {
    const { column, ascending = true } = typeof spec === 'number' ? { column: spec } : spec;
    this.sheet.sortRows(this.grid, column, ascending);
    return this;
  }
  createFilter() {
    if (this.sheet.filter)
      throw new Error("Exception: You can't create a filter in a sheet that already has a filter.");
    this.sheet.filter = new Filter(this.sheet, { ...this.grid });
    return this.sheet.filter;
  }
  activate() {
    return this;
  }
}

export class FakeSheet {
  readonly counts: Counts = { getValues: 0, setValues: 0, setRichTextValues: 0 };
  private cells = new Map<string, Cell>();
  private styles = new Map<string, Style>();
  private maxRows = 1000;
  private maxCols = 26;
  private frozen = 0;
  readonly widths = new Map<number, number>();
  readonly hidden = new Set<number>();
  readonly protections: Protection[] = [];
  rules: ConditionalFormatRule[] = [];
  readonly charts: EmbeddedChart[] = [];
  filter: Filter | null = null;
  private evaluating = 0;
  constructor(
    readonly spreadsheet: FakeSpreadsheet,
    private name: string,
    readonly id: number,
  ) {}
  getName() {
    return this.name;
  }
  setName(n: string) {
    this.name = String(n);
    return this;
  }
  getSheetId() {
    return this.id;
  }
  getParent() {
    return this.spreadsheet;
  }
  cell(r: number, c: number) {
    return this.cells.get(key(r, c));
  }
  style(r: number, c: number) {
    return this.styles.get(key(r, c));
  }
  setStyle(r: number, c: number, s: Partial<Style>) {
    this.styles.set(key(r, c), { ...this.styles.get(key(r, c)), ...s });
  }
  put(r: number, c: number, d: Cell) {
    if (d.value === '' && !d.formula) this.cells.delete(key(r, c));
    else this.cells.set(key(r, c), d);
  }
  /** A value written by setValues, parsed as Sheets parses typed text in that cell's format. */
  typeIn(r: number, c: number, v: unknown) {
    const w = interpret(v, this.style(r, c)?.format ?? '');
    this.put(r, c, { value: w.value, ...(w.formula ? { formula: w.formula } : {}) });
    if (w.impliedFormat && !this.style(r, c)?.format) this.setStyle(r, c, { format: w.impliedFormat });
  }
  valueAt(r: number, c: number): Value {
    const cell = this.cell(r, c);
    if (!cell) return '';
    if (!cell.formula) return isDate(cell.value) ? new Date(cell.value.getTime()) : cell.value;
    if (this.evaluating > 20) return '#REF!';
    this.evaluating++;
    try {
      return evaluate(cell.formula, {
        read: (sheet, ...rest) => this.spreadsheet.readRef(this, sheet, ...rest),
      });
    } finally {
      this.evaluating--;
    }
  }
  displayAt(r: number, c: number): string {
    return display(this.valueAt(r, c), this.style(r, c)?.format ?? '');
  }
  getLastRow() {
    this.spreadsheet.sync();
    let last = 0;
    for (const k of this.cells.keys()) last = Math.max(last, Number(k.split(':')[0]));
    return last;
  }
  getLastColumn() {
    this.spreadsheet.sync();
    let last = 0;
    for (const k of this.cells.keys()) last = Math.max(last, Number(k.split(':')[1]));
    return last;
  }
  getMaxRows() {
    return this.maxRows;
  }
  getMaxColumns() {
    return this.maxCols;
  }
  rangeOf(g: GridRange) {
    return new FakeRange(this, g.row, g.col, g.rows, g.cols);
  }
  getRange(a: number | string, col?: number, rows = 1, cols = 1) {
    if (typeof a === 'number') return new FakeRange(this, a, col ?? 1, rows, cols);
    const m = /^([A-Z]+)(\d*)(?::([A-Z]+)(\d*))?$/.exec(String(a).replace(/\$/g, ''));
    if (!m) throw new Error(`Exception: Range not found`);
    const c1 = colNumber(m[1]!);
    const c2 = m[3] ? colNumber(m[3]) : c1;
    const r1 = m[2] ? Number(m[2]) : 1;
    const r2 = m[4] ? Number(m[4]) : m[2] && !m[3] ? r1 : this.maxRows;
    return new FakeRange(this, r1, c1, r2 - r1 + 1, c2 - c1 + 1);
  }
  getDataRange() {
    return new FakeRange(this, 1, 1, Math.max(1, this.getLastRow()), Math.max(1, this.getLastColumn()));
  }
  private moveRows(from: number, delta: number) {
    const shift = <T>(m: Map<string, T>) => {
      const moved = new Map<string, T>();
      for (const [k, v] of m) {
        const [r, c] = k.split(':').map(Number) as [number, number];
        moved.set(r < from ? k : key(r + delta, c), v);
      }
      return moved;
    };
    this.cells = shift(this.cells);
    this.styles = shift(this.styles);
  }
  private grids(): GridRange[] {
    return [
      ...this.protections.flatMap((p) => (p.grid ? [p.grid] : [])),
      ...this.spreadsheet.allRuleGrids(this),
      ...this.charts.flatMap((ch) => ch.ranges.filter((r) => r.sheet === this).map((r) => r.grid)),
      ...(this.filter ? [this.filter.grid] : []),
    ];
  }
  /**
   * The rows of `g` reordered by the values of column `col` as Sheets sorts: numbers and dates
   * before text, text without regard to case or accents, empty cells last whichever the
   * direction, ties in their order. Only the cells, formats and notes inside `g` move; a
   * formula's relative row references move with its row.
   */
  sortRows(g: GridRange, col: number, ascending: boolean) {
    this.spreadsheet.sync();
    const last = Math.min(g.row + g.rows - 1, Math.max(g.row, this.getLastRow()));
    const rows = Array.from({ length: Math.max(0, last - g.row + 1) }, (_, i) => g.row + i);
    const cols = Array.from({ length: g.cols }, (_, j) => g.col + j);
    const sortKey = (r: number) => this.valueAt(r, col);
    const order = [...rows].sort((a, b) => sortOrder(sortKey(a), sortKey(b), ascending) || a - b);
    const taken = order.map((from) => ({
      from,
      cells: cols.map((c) => this.cell(from, c)),
      styles: cols.map((c) => this.style(from, c)),
    }));
    taken.forEach(({ from, cells, styles }, i) => {
      const to = rows[i]!;
      cols.forEach((c, j) => {
        const cell = cells[j];
        this.cells.delete(key(to, c));
        if (cell)
          this.cells.set(
            key(to, c),
            cell.formula ? { ...cell, formula: shiftRows(cell.formula, to - from) } : cell,
          );
        const style = styles[j];
        if (style) this.styles.set(key(to, c), style);
        else this.styles.delete(key(to, c));
      });
    });
  }
  insertRowsBefore(before: number, n: number) {
    this.spreadsheet.sync();
    this.moveRows(before, n);
    this.maxRows += n;
    for (const g of this.grids()) shiftOnInsert(g, before, n);
    return this;
  }
  insertRowsAfter(after: number, n: number) {
    this.spreadsheet.sync();
    this.moveRows(after + 1, n);
    this.maxRows += n;
    for (const g of this.grids()) shiftOnInsert(g, after + 1, n);
    return this;
  }
  deleteRows(at: number, n: number) {
    this.spreadsheet.sync();
    for (let r = at; r < at + n; r++)
      for (let c = 1; c <= this.maxCols; c++) {
        this.cells.delete(key(r, c));
        this.styles.delete(key(r, c));
      }
    this.moveRows(at + n, -n);
    this.maxRows -= n;
    for (const g of this.grids()) shiftOnDelete(g, at, n);
    return this;
  }
  insertColumnsAfter(_after: number, n: number) {
    this.maxCols += n;
    return this;
  }
  // Clearing is a write like the others: buffered, applied in order.
  clearContents() {
    this.spreadsheet.write(() => this.cells.clear());
    return this;
  }
  clear() {
    this.spreadsheet.write(() => {
      this.cells.clear();
      this.styles.clear();
    });
    return this;
  }
  setFrozenRows(n: number) {
    this.frozen = n;
    return this;
  }
  getFrozenRows() {
    return this.frozen;
  }
  setColumnWidth(c: number, w: number) {
    this.widths.set(c, w);
    return this;
  }
  setColumnWidths(c: number, n: number, w: number) {
    for (let i = 0; i < n; i++) this.widths.set(c + i, w);
    return this;
  }
  getColumnWidth(c: number) {
    return this.widths.get(c) ?? 100;
  }
  hideColumns(c: number, n = 1) {
    for (let i = 0; i < n; i++) this.hidden.add(c + i);
  }
  showColumns(c: number, n = 1) {
    for (let i = 0; i < n; i++) this.hidden.delete(c + i);
  }
  isColumnHiddenByUser(c: number) {
    return this.hidden.has(c);
  }
  getFilter() {
    return this.filter;
  }
  getProtections(type: string) {
    return this.protections.filter((p) => (type === 'SHEET' ? p.grid === null : p.grid !== null));
  }
  protect() {
    const p = new Protection(this, null);
    this.protections.push(p);
    return p;
  }
  setConditionalFormatRules(rules: ConditionalFormatRule[]) {
    this.rules = [...rules];
  }
  getConditionalFormatRules() {
    return [...this.rules];
  }
  newChart() {
    return new ChartBuilder(this);
  }
  insertChart(chart: EmbeddedChart) {
    this.charts.push(chart);
  }
  updateChart(chart: EmbeddedChart) {
    const i = this.charts.findIndex((c) => c.id === chart.id);
    if (i >= 0) this.charts[i] = chart;
  }
  removeChart(chart: EmbeddedChart) {
    const i = this.charts.findIndex((c) => c.id === chart.id);
    if (i >= 0) this.charts.splice(i, 1);
  }
  getCharts() {
    return [...this.charts];
  }
  activate() {
    this.spreadsheet.active = this;
    return this;
  }
  setTabColor(_c: string) {
    return this;
  }
  /** Everything a person sees in the tab, for the harness page and the tests (committed state). */
  grid(): Value[][] {
    const rows = this.committedLast(0);
    const cols = this.committedLast(1);
    return Array.from({ length: rows }, (_, i) =>
      Array.from({ length: cols }, (_, j) => this.valueAt(i + 1, j + 1)),
    );
  }
  displayGrid(): string[][] {
    const rows = this.committedLast(0);
    const cols = this.committedLast(1);
    return Array.from({ length: rows }, (_, i) =>
      Array.from({ length: cols }, (_, j) => this.displayAt(i + 1, j + 1)),
    );
  }
  committedLastRow() {
    return this.committedLast(0);
  }
  private committedLast(axis: 0 | 1) {
    let last = 0;
    for (const k of this.cells.keys()) last = Math.max(last, Number(k.split(':')[axis]));
    return last;
  }
}

export class FakeSpreadsheet {
  readonly sheets: FakeSheet[] = [];
  readonly toasts: { message: string; title: string }[] = [];
  active: FakeSheet | null = null;
  /** The execution whose calls are running now (set by the runtime around each call). */
  execution: string | null = null;
  private pending = new Map<string, (() => void)[]>();
  private nextId = 1;
  private chartId = 1;
  constructor(private name = 'Suivi VELI VELO') {
    this.sheets.push(new FakeSheet(this, 'Feuille 1', 0));
  }
  getName() {
    return this.name;
  }
  getId() {
    return 'harness-spreadsheet';
  }
  getSpreadsheetTimeZone() {
    return 'Europe/Paris';
  }
  getSpreadsheetLocale() {
    return 'fr_FR';
  }
  getSheets() {
    return [...this.sheets];
  }
  getSheetByName(name: string) {
    return this.sheets.find((s) => s.getName() === name) ?? null;
  }
  getActiveSheet() {
    return this.active ?? this.sheets[0]!;
  }
  insertSheet(name: string, index?: number) {
    if (this.getSheetByName(name))
      throw new Error(
        `Exception: A sheet with the name "${name}" already exists. Please enter another name.`,
      );
    const s = new FakeSheet(this, name, this.nextId++);
    if (index === undefined) this.sheets.push(s);
    else this.sheets.splice(index, 0, s);
    this.active = s;
    return s;
  }
  deleteSheet(s: FakeSheet) {
    this.sheets.splice(this.sheets.indexOf(s), 1);
  }
  toast(message: string, title = '', _timeout?: number) {
    this.toasts.push({ message: String(message), title: String(title) });
  }
  nextChartId() {
    return this.chartId++;
  }
  allRuleGrids(sheet: FakeSheet) {
    return sheet.rules.flatMap((r) => r.ranges.filter((x) => x.sheet === sheet).map((x) => x.grid));
  }
  readRef(
    from: FakeSheet,
    name: string | null,
    r1: number,
    c1: number,
    r2: number | null,
    c2: number | null,
  ) {
    const sheet = name === null ? from : this.getSheetByName(name);
    if (!sheet) return [['#REF!']];
    const lastRow = r2 ?? sheet.committedLastRow();
    const lastCol = c2 ?? c1;
    return Array.from({ length: Math.max(0, lastRow - r1 + 1) }, (_, i) =>
      Array.from({ length: lastCol - c1 + 1 }, (_, j) => sheet.valueAt(r1 + i, c1 + j)),
    );
  }
  // ---- buffered writes --------------------------------------------------------------------
  /** A write of the current execution: applied when that execution next reads or flushes. */
  write(apply: () => void) {
    if (!this.execution) return apply();
    const list = this.pending.get(this.execution) ?? [];
    list.push(apply);
    this.pending.set(this.execution, list);
  }
  /** Before anything else the current execution does: its own buffered writes land first. */
  sync() {
    if (this.execution) this.flushExecution(this.execution);
  }
  /** Batches of buffered writes sent to Sheets (each one round trip in Apps Script). */
  commits = 0;
  flushExecution(execution: string) {
    const list = this.pending.get(execution);
    this.pending.delete(execution);
    if (list?.length) this.commits++;
    for (const apply of list ?? []) apply();
  }
  /** Range calls per tab since the last reset. */
  counts(): Record<string, Counts> {
    return Object.fromEntries(this.sheets.map((s) => [s.getName(), { ...s.counts }]));
  }
  resetCounts() {
    for (const s of this.sheets)
      Object.assign(s.counts, { getValues: 0, setValues: 0, setRichTextValues: 0 });
    this.commits = 0;
  }
}
