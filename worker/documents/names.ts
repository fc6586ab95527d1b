import type { ProgrammeRecord } from './record';

const CACHE = new WeakMap<ProgrammeRecord, readonly string[]>();

/**
 * The proper names of a record (territories, central cities, partners, contacts, workshop
 * themes' hosts): a generated join never lower-cases a text that opens with one of them
 * (shared/i18n/wording.ts, `lowerFirst`). Longest first, computed once per record.
 */
export function properNames(r: ProgrammeRecord): readonly string[] {
  let names = CACHE.get(r);
  if (!names) {
    const all = [
      ...r.territories.flatMap((t) => [t.name, t.centralCity.name, ...t.contacts.map((c) => c.name)]),
      ...r.partners.map((p) => p.name),
    ];
    names = [...new Set(all.filter(Boolean))].sort((a, b) => b.length - a.length);
    CACHE.set(r, names);
  }
  return names;
}
