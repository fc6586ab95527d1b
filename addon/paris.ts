// Instants shown to people, read on the Paris wall clock wherever the add-on's code runs: on
// Apps Script's servers with Utilities.formatDate (Google documents its time zones; what its V8
// offers of Intl's is not documented), in the sidebars with Intl (browsers know every zone).
import { type Instant, intlClock, PARIS, type WallClock } from '../shared/dates';

/** The one thing this module needs of Apps Script, so the sidebars' build can import it too. */
interface AppsScriptUtilities {
  formatDate(date: Date, timeZone: string, format: string): string;
}

export const parisClock: WallClock = (at: Instant | Date) => {
  const utilities = (globalThis as { Utilities?: AppsScriptUtilities }).Utilities;
  if (!utilities) return intlClock(PARIS)(at);
  const d = new Date(at);
  return { day: utilities.formatDate(d, PARIS, 'dd/MM/yyyy'), time: utilities.formatDate(d, PARIS, 'HH:mm') };
};
