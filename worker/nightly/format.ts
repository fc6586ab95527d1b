import { FR_MONTHS, frDate } from '../../shared/i18n/messages';

export { amount, nf, plural } from '../../shared/i18n/messages';

/** 2025-04 → « avril 2025 ». */
export function frMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return `${FR_MONTHS[(m ?? 1) - 1]} ${y}`;
}

/** « de mars 2025 », « d’avril 2025 »: French elides « de » before a vowel. */
export const deMonth = (month: string) => {
  const name = frMonth(month);
  return /^[aeiouéèê]/i.test(name) ? `d’${name}` : `de ${name}`;
};

export { frDate };

const DAY_MS = 86_400_000;
const epochDay = (iso: string) => Math.floor(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / DAY_MS);

/** Whole days from `from` to `to` (calendar dates). */
export const daysBetween = (from: string, to: string) => epochDay(to) - epochDay(from);

export function addDays(iso: string, days: number): string {
  return new Date((epochDay(iso) + days) * DAY_MS).toISOString().slice(0, 10);
}

/** Months « YYYY-MM » from `first` to `last` included. */
export function monthsBetween(first: string, last: string): string[] {
  const out: string[] = [];
  let [y, m] = first.split('-').map(Number) as [number, number];
  const end = last.slice(0, 7);
  for (let guard = 0; guard < 1200; guard++) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (month > end) break;
    out.push(month);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

/**
 * The calendar date of an instant in a time zone: the nightly trigger fires at a UTC time,
 * the programme's "today" is the date in Europe/Paris (or the programme's zone).
 */
export function calendarDate(at: Date, timeZone: string): string {
  const format = (tz: string) =>
    new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' })
      .format(at)
      .slice(0, 10);
  try {
    return format(timeZone);
  } catch {
    return format('Europe/Paris');
  }
}

/** 2025-05-05T01:30:00Z → « 05/05/2025 03:30 » in the given zone, for the spreadsheet. */
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
export function frDateTime(iso: string, timeZone: string): string {
  let format = dateTimeFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('fr-FR', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    dateTimeFormats.set(timeZone, format);
  }
  return format.format(new Date(iso)).replace(',', '');
}
