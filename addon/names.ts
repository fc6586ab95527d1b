// Territory and partner names for the tabs: staff read "Albi Agglomération", not "t-albi".
// Every answer that lists them (the sidebar context, a resynchronisation, the quotas screen)
// refreshes a directory kept in the document cache, shared by everyone using the spreadsheet,
// so that mirroring one saved session needs no extra request to name its territory.
import type { QuotaReport } from '../shared/quotas/rules';
import type { Names } from './sheet-mirror';

const KEY = 'veli:names';
const SECONDS = 21_600;

interface Directory {
  t: Record<string, string>;
  p: Record<string, string>;
  /** People: e-mail → display name (members an admin named). */
  m?: Record<string, string>;
}

function read(): Directory {
  try {
    const raw = CacheService.getDocumentCache()?.get(KEY);
    if (raw) return JSON.parse(raw) as Directory;
  } catch {
    // an unreadable entry is as good as none
  }
  return { t: {}, p: {} };
}

/** Remembers names (merged into what is known) and returns the lookup for the tabs. */
export function rememberNames(
  territories: readonly { id: string; name: string }[],
  partners: readonly { id: string; name: string }[] = [],
  people?: readonly { email: string; name: string }[],
): Names {
  const d = read();
  for (const t of territories) d.t[t.id] = t.name;
  for (const p of partners) d.p[p.id] = p.name;
  // The server's list is whole: a name an admin cleared goes too.
  if (people) d.m = Object.fromEntries(people.map((p) => [p.email, p.name]));
  try {
    CacheService.getDocumentCache()?.put(KEY, JSON.stringify(d), SECONDS);
  } catch {
    // too large for one cache entry (thousands of partners): lookups fall back to ids
  }
  return lookup(d);
}

export const namesFromReport = (r: QuotaReport) =>
  rememberNames(
    r.territories.map((t) => ({ id: t.territoryId, name: t.name })),
    r.partners.map((p) => ({ id: p.partnerId, name: p.name })),
  );

const lookup = (d: Directory): Names => ({
  territory: (id) => (id ? (d.t[id] ?? id) : ''),
  partner: (id) => (id ? (d.p[id] ?? id) : ''),
  person: (email) => (email ? (d.m?.[email] ?? email) : ''),
});

/** The snapshot's `people`: who has a display name, for the tabs and the messages naming people. */
export const rememberPeople = (people: readonly { email: string; name: string }[]) =>
  rememberNames([], [], people);

/** What is known now, without any request. */
export const names = (): Names => lookup(read());
