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

export { daysBetween } from '../../shared/dates';

import { type Instant, intlClock } from '../../shared/dates';

export { frDate };

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

/** 2025-05-05T01:30:00Z → « 05/05/2025 03:30 » in the given zone, for the spreadsheet. */
export const frDateTime = (iso: Instant, timeZone: string) => {
  const { day, time } = intlClock(timeZone)(iso);
  return `${day} ${time}`;
};
