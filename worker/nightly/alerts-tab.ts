// The nightly check's write of the « Alertes » tab. The add-on writes the same tab from the
// same spec (shared/sheets/alerts-tab.ts) and lets ADEME staff add their own columns to the
// right of the key; rows are matched by key exactly as the add-on matches them
// (addon/sheet-mirror.ts `plan`), so a « Commentaire ADEME » stays beside its alert:
// - an alert still open keeps its row and what staff wrote beside it;
// - a new alert is appended;
// - the row of a lifted alert goes, unless staff wrote beside it: then it stays, marked
//   « Levée le … » (ALERTS_TAB.resolved);
// - a row without a key (a person's own line) stays as it is.
// Two Sheets calls: one values.get of the whole tab, one values.update from A1. Rows below a
// removed one move up, and their staff cells move with them; a cell whose value does not change
// is sent as null, which Google skips, so it keeps its formula and format.
import { isTimeZone, PARIS } from '../../shared/dates';
import { ALERTS_HEADERS, ALERTS_TAB, type AlertRow, alertKey } from '../../shared/sheets/alerts-tab';
import type { Env } from '../env';
import { alertsSpreadsheet, readTab, type SheetCell, writeTab } from '../google/sheets';
import { frDateTime } from './format';

const WIDTH = ALERTS_HEADERS.length;
const KEY = WIDTH - 1;
const STATUS = ALERTS_HEADERS.indexOf(ALERTS_TAB.resolvedHeader);
const INSTANTS = new Set(ALERTS_TAB.columns.flatMap((c, i) => (c.kind === 'instant' ? [i] : [])));

/**
 * A date Sheets holds (the add-on writes real dates) read unformatted: days since 30 December
 * 1899, in the spreadsheet's wall-clock time. Written back as the worker writes instants, it
 * reads the same wherever its row moves, whatever that cell's number format.
 */
const SERIAL_EPOCH_MS = Date.UTC(1899, 11, 30);
const serialText = (days: number) =>
  frDateTime(new Date(SERIAL_EPOCH_MS + Math.round(days * 86_400_000)).toISOString(), 'UTC');

const filled = (v: unknown) => v !== '' && v !== null && v !== undefined;

/** A row of the tab once written: its managed cells, and the row (index in the read) it was. */
interface Placed {
  managed: SheetCell[];
  from: number | null;
}

export interface TabPlan {
  /** The range from A1, null where a cell stays as it is. */
  values: (SheetCell | null)[][];
  /** Rows of the tab once written, the header's included. */
  rows: number;
  /** Rows of lifted alerts kept for what staff wrote beside them. */
  kept: number;
}

const alertCells = (a: AlertRow, timeZone: string): SheetCell[] => [
  ...ALERTS_TAB.columns.map((c) => (c.kind === 'instant' ? frDateTime(c.value(a), timeZone) : c.value(a))),
  alertKey(a),
];

/** A row kept as it was; a lifted alert's marked on the day it was lifted (once). */
function keptCells(r: readonly SheetCell[], liftedOn: string | null): SheetCell[] {
  const cells = Array.from({ length: WIDTH }, (_, i) => {
    const v = r[i] ?? '';
    return INSTANTS.has(i) && typeof v === 'number' ? serialText(v) : v;
  });
  if (liftedOn && !ALERTS_TAB.isResolved(cells[STATUS])) cells[STATUS] = ALERTS_TAB.resolved(liftedOn);
  return cells;
}

/** The tab's rows in their new order (the add-on's rule: matched, kept, dropped, appended). */
function placeRows(read: readonly SheetCell[][], open: readonly AlertRow[], asOf: string, timeZone: string) {
  const incoming = new Map(open.map((a) => [alertKey(a), a] as const));
  const seen = new Set<string>();
  const placed: Placed[] = [];
  let kept = 0;
  read.forEach((r, from) => {
    if (from === 0) return;
    const id = String(r[KEY] ?? '');
    const alert = id && !seen.has(id) ? incoming.get(id) : undefined;
    if (alert) {
      seen.add(id);
      placed.push({ managed: alertCells(alert, timeZone), from });
      return;
    }
    // A keyed row that matched nothing (a lifted alert, a second row of one key) goes, unless
    // staff wrote beside it.
    if (id && !r.slice(WIDTH).some(filled)) return;
    const lifted = Boolean(id) && !incoming.has(id);
    if (lifted) kept++;
    placed.push({ managed: keptCells(r, lifted ? asOf : null), from });
  });
  for (const [id, a] of incoming)
    if (!seen.has(id)) placed.push({ managed: alertCells(a, timeZone), from: null });
  return { placed, kept };
}

/**
 * What to write over the tab `read` (values.get's rows) so that it shows `open`, most severe
 * first for new ones: the header, the rows placed, their staff cells, and blanks below.
 */
export function planAlertsTab(
  read: readonly SheetCell[][],
  open: readonly AlertRow[],
  asOf: string,
  timeZone: string,
): TabPlan {
  const { placed, kept } = placeRows(read, open, asOf, isTimeZone(timeZone) ? timeZone : PARIS);
  const width = Math.max(WIDTH, ...read.map((r) => r.length));
  const height = Math.max(placed.length + 1, read.length);
  const wanted = (p: number): readonly SheetCell[] => {
    if (p === 0) return [...ALERTS_HEADERS, ...(read[0] ?? []).slice(WIDTH)];
    const row = placed[p - 1];
    if (!row) return [];
    return [...row.managed, ...(row.from === null ? [] : (read[row.from] ?? []).slice(WIDTH))];
  };
  const values = Array.from({ length: height }, (_, p) => {
    const want = wanted(p);
    const have = read[p] ?? [];
    return Array.from({ length: width }, (_, c) => {
      const v = want[c] ?? '';
      return v === (have[c] ?? '') ? null : v;
    });
  });
  return { values, rows: placed.length + 1, kept };
}

/** Reads the tab, lays it out, writes it: null when no spreadsheet is configured. */
export async function deliverAlertsTab(
  env: Env,
  open: readonly AlertRow[],
  asOf: string,
  timeZone: string,
): Promise<TabPlan | null> {
  const sheet = await alertsSpreadsheet(env);
  if (!sheet) return null;
  const plan = planAlertsTab(await readTab(sheet, ALERTS_TAB.name), open, asOf, timeZone);
  await writeTab(sheet, ALERTS_TAB.name, plan.values);
  return plan;
}
