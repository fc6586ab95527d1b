import { PARIS, zonedOffsetMinutes } from '../../shared/dates';

/**
 * CSV as French Excel opens it with a double click: UTF-8 with a byte order mark (without it
 * Excel reads Windows-1252), `;` between cells (the comma is the decimal separator), CRLF
 * between rows, dates `JJ/MM/AAAA` in Paris time, decimal commas, no thousands separator
 * (Excel would read « 1 234 » as text). A text cell that starts with `=`, `+`, `-` or `@` (or a
 * tab or carriage return) is a formula to a spreadsheet: it gets a leading apostrophe, so it is
 * read as the text it is (OWASP's advice on CSV injection).
 */
export const BOM = '\uFEFF';
export const SEPARATOR = ';';
export const EOL = '\r\n';

export type Cell = string | number | null | undefined;
/** A cell's value and how to write it: plain text, a calendar date, an instant, a number. */
export type Typed =
  | { date: string | null | undefined }
  | { instant: string | null | undefined }
  | { number: number | null | undefined };

const FORMULA_START = /^[=+\-@\t\r]/;

/** Text as a cell: defused when it would start a formula, quoted when it holds `;`, `"` or a line break. */
export function textCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** 12.5 → « 12,5 »; integers as they are; never an exponent or a thousands separator. */
export function numberCell(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '';
  const text = Number.isInteger(n) ? String(n) : String(Number(n.toFixed(6)));
  return text.includes('e')
    ? n
        .toFixed(6)
        .replace(/\.?0+$/, '')
        .replace('.', ',')
    : text.replace('.', ',');
}

/** 2025-03-01 → « 01/03/2025 » (a calendar date is already a Paris day). */
export function dateCell(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : textCell(iso);
}

/** The Paris offset of each UTC hour seen: a few Intl calls for a whole export, not one per cell. */
const offsets = new Map<number, number>();
const HOUR_MS = 3_600_000;
function parisOffsetMs(ms: number): number {
  const hour = Math.floor(ms / HOUR_MS);
  let minutes = offsets.get(hour);
  if (minutes === undefined) {
    minutes = zonedOffsetMinutes(hour * HOUR_MS, PARIS);
    if (offsets.size > 50_000) offsets.clear();
    offsets.set(hour, minutes);
  }
  return minutes * 60_000;
}

/** An instant (ISO, UTC) → « 07/12/2026 02:30 », Paris wall clock. */
export function instantCell(iso: string | null | undefined): string {
  if (!iso) return '';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return textCell(iso);
  const local = new Date(ms + parisOffsetMs(ms)).toISOString();
  return `${local.slice(8, 10)}/${local.slice(5, 7)}/${local.slice(0, 4)} ${local.slice(11, 16)}`;
}

export function cell(v: Cell | Typed): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return numberCell(v);
  if (typeof v === 'string') return textCell(v);
  if ('date' in v) return dateCell(v.date);
  if ('instant' in v) return instantCell(v.instant);
  return numberCell(v.number);
}

export const csvLine = (cells: readonly (Cell | Typed)[]) => cells.map(cell).join(SEPARATOR) + EOL;
