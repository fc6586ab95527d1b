// What Google Sheets does with a value written by Range.setValues, and how a cell is displayed.
// setValues behaves as if a person typed the text (Apps Script documentation): in the
// spreadsheet's locale (fr_FR here) "12,5" is a number, "09122" is the number 9122 (the zero
// is lost), "2025-03-12" and "12/03/2025" are dates, "=…" is a formula. A cell whose number
// format is plain text ("@") keeps the text as written. A leading apostrophe marks text in any
// format and is not part of the value. Paris dates come from shared/dates.ts, as everywhere.
import { zonedDayStart, zonedOffsetMinutes } from '../shared/dates';

export type Value = string | number | boolean | Date;
export interface Written {
  value: Value;
  formula?: string;
  /** The number format Sheets gives a cell when it recognises a typed date. */
  impliedFormat?: string;
}

const SHEETS_EPOCH = Date.UTC(1899, 11, 30);

/** A Date from any realm (the add-on runs in a vm context with its own Date). */
export const isDate = (v: unknown): v is Date => Object.prototype.toString.call(v) === '[object Date]';
const DAY_MS = 86_400_000;

/** Midnight in Paris (the spreadsheet's time zone) on that calendar day, as an instant. */
export const parisMidnight = (y: number, m: number, d: number): Date =>
  new Date(zonedDayStart(`${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`));

/** An instant read on a Paris wall clock, as a Date whose UTC fields hold that reading. */
export const parisWallClock = (d: Date): Date => new Date(d.getTime() + zonedOffsetMinutes(d) * 60_000);

/** A date-time as Sheets stores it: days since 1899-12-30 in the spreadsheet's time zone. */
export const serial = (d: Date): number => (parisWallClock(d).getTime() - SHEETS_EPOCH) / DAY_MS;

const NUMBER = /^[+-]?(\d{1,3}([ \u00A0\u202F]\d{3})+|\d+)([.,]\d+)?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const FR_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

function typedDate(s: string): Date | null {
  const iso = ISO_DATE.exec(s);
  const fr = FR_DATE.exec(s);
  const [y, m, d] = iso
    ? [Number(iso[1]), Number(iso[2]), Number(iso[3])]
    : fr
      ? [Number(fr[3]), Number(fr[2]), Number(fr[1])]
      : [0, 0, 0];
  // A day the month does not have (31/04) is no date: Sheets keeps the text.
  if (!y || m < 1 || m > 12 || d < 1 || new Date(Date.UTC(y, m - 1, d)).getUTCMonth() !== m - 1) return null;
  return parisMidnight(y, m, d);
}

/** The value a cell holds after setValues wrote `v` into a cell of number format `format`. */
export function interpret(v: unknown, format = ''): Written {
  if (v === null || v === undefined) return { value: '' };
  if (isDate(v)) return { value: new Date(v.getTime()) };
  if (typeof v === 'number' || typeof v === 'boolean') return { value: v };
  const s = String(v);
  if (s.startsWith("'")) return { value: s.slice(1) };
  if (format === '@') return { value: s };
  const t = s.trim();
  if (NUMBER.test(t)) return { value: Number(t.replace(/[ \u00A0\u202F]/g, '').replace(',', '.')) };
  if (/^(VRAI|TRUE)$/i.test(t)) return { value: true };
  if (/^(FAUX|FALSE)$/i.test(t)) return { value: false };
  const date = typedDate(t);
  if (date) return { value: date, impliedFormat: 'dd/mm/yyyy' };
  if (/^[=+\-@]/.test(s)) return { value: '', formula: s.startsWith('=') ? s : `=${s}` };
  return { value: s };
}

/** French month names, from Intl (the spreadsheet's locale is fr_FR). */
const MONTHS = Array.from({ length: 12 }, (_, m) =>
  new Intl.DateTimeFormat('fr-FR', { month: 'long', timeZone: 'UTC' }).format(Date.UTC(2025, m, 1)),
);

function parisParts(d: Date) {
  const local = parisWallClock(d);
  const p2 = (n: number) => String(n).padStart(2, '0');
  return {
    dd: p2(local.getUTCDate()),
    mm: p2(local.getUTCMonth() + 1),
    month: MONTHS[local.getUTCMonth()]!,
    yyyy: String(local.getUTCFullYear()),
    hh: p2(local.getUTCHours()),
    mi: p2(local.getUTCMinutes()),
    ss: p2(local.getUTCSeconds()),
  };
}

function formatDate(d: Date, format: string): string {
  const p = parisParts(d);
  if (/^mmmm yyyy$/i.test(format)) return `${p.month} ${p.yyyy}`;
  const date = `${p.dd}/${p.mm}/${p.yyyy}`;
  if (/hh:mm:ss/.test(format)) return `${date} ${p.hh}:${p.mi}:${p.ss}`;
  if (/hh:mm/.test(format)) return `${date} ${p.hh}:${p.mi}`;
  return date;
}

function formatNumber(n: number, format: string): string {
  const percent = format.endsWith('%');
  const decimals = (/\.(0+)/.exec(format)?.[1] ?? '').length;
  const grouping = format.includes(',');
  const x = percent ? n * 100 : n;
  const text = new Intl.NumberFormat('fr-FR', {
    minimumFractionDigits: format ? decimals : 0,
    maximumFractionDigits: format ? decimals : 10,
    useGrouping: grouping,
  }).format(x);
  return percent ? `${text} %` : text;
}

/** What a person sees in the cell (Range.getDisplayValues). */
export function display(value: Value, format = ''): string {
  if (value === '') return '';
  if (isDate(value)) return formatDate(value, format || 'dd/mm/yyyy hh:mm:ss');
  if (typeof value === 'boolean') return value ? 'VRAI' : 'FAUX';
  if (typeof value === 'number') {
    if (/d|y/i.test(format)) return formatDate(new Date(SHEETS_EPOCH + value * DAY_MS), format);
    return formatNumber(value, format === '@' ? '' : format);
  }
  return value;
}

/** A value as the formula engine compares it: dates are serial numbers. */
export const comparable = (v: Value): string | number | boolean => (isDate(v) ? serial(v) : v);
