// Calendar dates of the programme. The API's dates are days in the programme's time zone
// (Europe/Paris), its instants are UTC: every comparison between the two goes through these
// helpers, never through `toISOString().slice(0, 10)` (which is the UTC day: an edit at
// 00:30 in Paris would count as the day before). Pure and browser-safe: the add-on may use them.

export const PARIS = 'Europe/Paris';

/**
 * A calendar date, `YYYY-MM-DD`: a day in the programme's zone (the API's `date`,
 * `periodStart`, `asOf`…). Never an instant: an instant's day depends on the zone it is read in.
 */
export type CalendarDate = string & { readonly __calendar?: 'day' };
/**
 * An instant, ISO 8601 in UTC (the API's `createdAt`, `updatedAt`, `lastSeenAt`…). Shown to
 * people only through a wall clock in Paris (`frInstant`): cutting it to its first ten
 * characters gives the UTC day, the day before in Paris late in the evening.
 */
export type Instant = string & { readonly __calendar?: 'instant' };
/** An instant read on a wall clock: its day `dd/mm/yyyy` and its time `hh:mm`. */
export type WallClock = (at: Instant | Date) => { day: string; time: string };

const DAY_MS = 86_400_000;
const formats = new Map<string, Intl.DateTimeFormat>();

/** A day and a time to the minute; formats are made once per locale, zone and options (they are costly). */
export const DAY_AND_TIME = {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
} as const;

export function dateFormat(locale: string, timeZone: string, options: Intl.DateTimeFormatOptions) {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  const made = formats.get(key) ?? new Intl.DateTimeFormat(locale, { timeZone, ...options });
  formats.set(key, made);
  return made;
}

const wallClock = (timeZone: string) =>
  dateFormat('en-US', timeZone, { ...DAY_AND_TIME, second: '2-digit', hourCycle: 'h23' });

/** Whether `Intl` knows this IANA time zone (an unknown one makes every date computation fail). */
export function isTimeZone(timeZone: string): boolean {
  try {
    wallClock(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall clock of an instant in a zone, as if it were UTC (ms). */
function wallMs(at: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const p of wallClock(timeZone).formatToParts(new Date(at))) parts[p.type] = Number(p.value);
  return Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
}

/** How far the zone's wall clock is ahead of UTC at that instant, in minutes (summer time included). */
export const zonedOffsetMinutes = (at: Date | string | number, timeZone: string = PARIS): number => {
  const ms = new Date(at).getTime();
  return Math.round((wallMs(ms, isTimeZone(timeZone) ? timeZone : PARIS) - ms) / 60_000);
};

/** The calendar date (YYYY-MM-DD) of an instant in a time zone (Europe/Paris by default). */
export function zonedDate(at: Date | string | number, timeZone: string = PARIS): string {
  const ms = new Date(at).getTime();
  return new Date(wallMs(ms, isTimeZone(timeZone) ? timeZone : PARIS)).toISOString().slice(0, 10);
}

/** The UTC instant (ISO) at which a calendar day, `plusDays` after `date`, starts in the zone. */
export function zonedDayStart(date: string, timeZone: string = PARIS, plusDays = 0): string {
  const zone = isTimeZone(timeZone) ? timeZone : PARIS;
  const midnight = epochDay(date) * DAY_MS + plusDays * DAY_MS;
  // Two passes: the offset at the first guess may differ from that at midnight (a DST change).
  let at = midnight - (wallMs(midnight, zone) - midnight);
  at = midnight - (wallMs(at, zone) - at);
  return new Date(at).toISOString();
}

const epochDay = (iso: string) => Math.floor(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / DAY_MS);

/** Whole days from `from` to `to` (calendar dates). */
export const daysBetween = (from: string, to: string) => epochDay(to) - epochDay(from);

/** The calendar date `days` after `date`. */
export const addDays = (date: string, days: number) =>
  new Date((epochDay(date) + days) * DAY_MS).toISOString().slice(0, 10);

/** The same day `years` later (29 February becomes 28 February in a common year). */
export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y + years, m, 0)).getUTCDate();
  return `${String(y + years).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/**
 * The wall clock of a zone through `Intl` (the worker and the sidebars, whose runtimes know every
 * zone). Apps Script's server code reads it with Utilities.formatDate instead (addon/paris.ts).
 */
export function intlClock(timeZone: string = PARIS): WallClock {
  // The zone checked and its format found once per clock, not once per reading.
  const zone = isTimeZone(timeZone) ? timeZone : PARIS;
  const format = dateFormat('fr-FR', zone, { ...DAY_AND_TIME, hourCycle: 'h23' });
  return (at) => {
    const parts: Record<string, string> = {};
    for (const p of format.formatToParts(new Date(at))) parts[p.type] = p.value;
    return { day: `${parts.day}/${parts.month}/${parts.year}`, time: `${parts.hour}:${parts.minute}` };
  };
}
