// What the harness page draws for one tab: display values, the styles a person would see
// (bold header, widths, wrap, conditional colours), links, notes, protections, the filter and
// the charts with their data — read from the fake's committed state.
import type { FakeSheet } from './fake-sheets';

export interface CellView {
  v: string;
  bold?: boolean;
  bg?: string;
  color?: string;
  wrap?: boolean;
  link?: string;
  note?: string;
}
export interface TabView {
  name: string;
  rows: CellView[][];
  totalRows: number;
  widths: Record<number, number>;
  hidden: number[];
  frozen: number;
  /** The columns the filter spans (a sort from it reorders those only), 0 without one. */
  filterCols: number;
  protections: {
    row: number;
    col: number;
    rows: number;
    cols: number;
    warningOnly: boolean;
    description: string;
  }[];
  sheetProtected: boolean;
  charts: {
    type: string;
    title: string;
    row: number;
    col: number;
    width: number;
    height: number;
    data: string[][];
  }[];
}

const MAX_ROWS = 400;

function ruleBackground(sheet: FakeSheet, r: number, c: number, text: string) {
  for (const rule of sheet.rules) {
    const inside = rule.ranges.some(
      (x) =>
        x.sheet === sheet &&
        r >= x.grid.row &&
        r < x.grid.row + x.grid.rows &&
        c >= x.grid.col &&
        c < x.grid.col + x.grid.cols,
    );
    if (inside && rule.condition.type === 'TEXT_EQUAL_TO' && String(rule.condition.values[0]) === text)
      return rule.format.background;
  }
  return undefined;
}

function cellView(sheet: FakeSheet, r: number, c: number): CellView {
  const v = sheet.displayAt(r, c);
  const s = sheet.style(r, c);
  const cell: CellView = { v };
  const bg = ruleBackground(sheet, r, c, v) ?? s?.background;
  if (bg) cell.bg = bg;
  if (s?.bold) cell.bold = true;
  if (s?.color) cell.color = s.color;
  if (s?.wrap) cell.wrap = true;
  if (s?.note) cell.note = s.note;
  const link = sheet.cell(r, c)?.link;
  if (link) cell.link = link;
  return cell;
}

export function tabView(sheet: FakeSheet): TabView {
  const grid = sheet.displayGrid();
  const cols = Math.max(1, ...grid.map((r) => r.length));
  const shown = Math.min(grid.length, MAX_ROWS);
  return {
    name: sheet.getName(),
    rows: Array.from({ length: shown }, (_, i) =>
      Array.from({ length: cols }, (_, j) => cellView(sheet, i + 1, j + 1)),
    ),
    totalRows: grid.length,
    widths: Object.fromEntries(sheet.widths),
    hidden: [...sheet.hidden],
    frozen: sheet.getFrozenRows(),
    filterCols: sheet.getFilter()?.getRange().getNumColumns() ?? 0,
    protections: sheet.protections
      .filter((p) => p.grid)
      .map((p) => ({ ...p.grid!, warningOnly: p.isWarningOnly(), description: p.getDescription() })),
    sheetProtected: sheet.protections.some((p) => !p.grid),
    charts: sheet.charts.map((ch) => ({
      type: ch.type,
      title: String(ch.options.title ?? ''),
      width: Number(ch.options.width ?? 600),
      height: Number(ch.options.height ?? 371),
      row: ch.position.row,
      col: ch.position.col,
      data: ch.getRanges().flatMap((r) => r.getDisplayValues()),
    })),
  };
}
