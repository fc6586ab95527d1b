import { type CalendarDate, type Instant, intlClock, type WallClock } from '../dates';

// French typography, in one place for documents, sidebars, alerts and messages.
// Rules (Imprimerie nationale, as summarised in ARCHITECTURE.md):
// - narrow no-break space (U+202F) before ; ? ! and as the thousands separator;
// - no-break space (U+00A0) before : and inside « »;
// - no line break inside a date (« 1er mars 2025 »), an amount (« 3 h 30 », « 2 j ») or between
//   a number and its noun (« 4 séances »);
// - the curly apostrophe (’) everywhere.

/** No-break space: before `:` and inside « ». */
export const NBSP = '\u00A0';
/** Narrow no-break space: before `; ? !` and between thousands. */
export const NNBSP = '\u202F';

const APOSTROPHE = /(\p{L})'(?=\p{L})/gu;
const BEFORE_TIGHT = /[ \t\u00A0\u202F]+([;?!])/g;
const BEFORE_COLON = /[ \t\u00A0\u202F]+:/g;
const OPEN_QUOTE = /«[ \t\u00A0\u202F]*/g;
const CLOSE_QUOTE = /[ \t\u00A0\u202F]*»/g;

/**
 * A text made right for French print: spaces before `; ? ! :` become the right no-break
 * spaces, « » hold no-break spaces, straight apostrophes between letters become curly.
 * Text that has no space before a sign is left alone (a time « 10:30 », an address).
 * Idempotent: applying it twice changes nothing more.
 */
export function frTypo(s: string): string {
  return s
    .replace(APOSTROPHE, '$1’')
    .replace(BEFORE_TIGHT, `${NNBSP}$1`)
    .replace(BEFORE_COLON, `${NBSP}:`)
    .replace(OPEN_QUOTE, `«${NBSP}`)
    .replace(CLOSE_QUOTE, `${NBSP}»`);
}

/** « texte » with no-break spaces inside. */
export const quoted = (s: string) => `«${NBSP}${s}${NBSP}»`;

// Intl formatters are costly to create and a document or a nightly run formats thousands of
// numbers: one formatter per precision, made once.
const NUMBER_FORMATS = new Map<number, Intl.NumberFormat>();

/** 12345.6 → « 12 345,6 » (narrow no-break space between thousands, at most `digits` decimals). */
export function nf(n: number, digits = 0): string {
  let f = NUMBER_FORMATS.get(digits);
  if (!f) {
    f = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
    NUMBER_FORMATS.set(digits, f);
  }
  return f.format(n);
}

/** A number and its unit that never break apart: « 12 km », « 45 % ». */
export const qty = (n: number, unit: string, digits = 0) => `${nf(n, digits)}${NBSP}${unit}`;

/**
 * A counted noun, singular or plural (French takes the singular for 0 and 1):
 * « 1 séance », « 4 séances », « 0 verrou ». The number and the noun never break apart.
 */
export const plural = (n: number, one: string, many = `${one}s`) =>
  `${nf(n)}${NBSP}${Math.abs(n) >= 2 ? many : one}`;

/** A duration in minutes as French print writes it: « 45 min », « 3 h », « 3 h 30 », « 45 h 30 ». */
export function duration(minutes: number): string {
  const m = Math.round(minutes);
  if (m < 60) return `${nf(m)}${NBSP}min`;
  const h = Math.floor(m / 60);
  const rest = m % 60;
  return rest ? `${nf(h)}${NBSP}h${NBSP}${String(rest).padStart(2, '0')}` : `${nf(h)}${NBSP}h`;
}

/** Minutes counted in the tender's days: « 2 j », « 2,5 j » (a day is `minutesPerDay`). */
export const days = (minutes: number, minutesPerDay: number) =>
  `${nf(Math.round((minutes / minutesPerDay) * 10) / 10, 1)}${NBSP}j`;

export const FR_MONTHS = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
] as const;

/** 2025-03-01 → « 1er mars 2025 », never broken across lines. A calendar date, never an instant. */
export function frDate(iso: CalendarDate): string {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  if (!y || !m || !d || m > 12) return iso;
  return `${d === 1 ? '1er' : d}${NBSP}${FR_MONTHS[m - 1]}${NBSP}${y}`;
}

/**
 * 2025-03-01 → « 01/03/2025 » (tables and sheets, where a short date reads better). A calendar
 * date only: an instant goes through `frInstant`, which reads it in Paris.
 */
export function frShortDate(iso: CalendarDate): string {
  const [y, m, d] = iso.split('-');
  return y && m && d && d.length === 2 ? `${d}/${m}/${y}` : iso;
}

/**
 * The one formatter of instants: 2026-12-06T23:09:00Z → « 07/12/2026 » (with `time`:
 * « 07/12/2026 à 00:09 »), read in Paris by `clock` — Intl by default; Apps Script's server
 * code passes its own (Utilities.formatDate, addon/paris.ts).
 */
export function frInstant(at: Instant, o: { time?: boolean; clock?: WallClock } = {}): string {
  const { day, time } = (o.clock ?? intlClock())(at);
  return o.time ? `${day} à ${time}` : day;
}

/** 2025-04 → « avril 2025 ». */
export function frMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return `${FR_MONTHS[(m ?? 1) - 1]}${NBSP}${y}`;
}

/** « a », « a et b », « a, b et c ». */
export function frList(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} et ${items.at(-1)}`;
}
