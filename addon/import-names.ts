// Which territory or partner a person means in their own tab: the name, the id, the usual short
// name (« Albigeois » for « Communauté d’agglomération de l’Albigeois », « Carcassonne » for
// « Carcassonne Agglo ») or the central city (« Albi », « Tarbes »). A word that could mean two
// of them is said to be ambiguous rather than guessed. Pure: built from the worker's lists.
import { normalise } from './import-fields';

export interface NamedTerritory {
  id: string;
  name: string;
  centralCity?: { name: string } | undefined;
}
export interface NamedPartner {
  id: string;
  name: string;
  territoryId: string;
}
export type Found = { id: string } | { error: 'unknown' | 'ambiguous'; candidates?: string[] };

/** Words of a territory's name that say what kind of body it is, not which one. */
const LEGAL_WORDS =
  /^(communaute (d agglomeration|de communes|urbaine)|agglomeration|agglo|metropole|petr|pays|parc naturel regional|pole d equilibre territorial et rural|syndicat mixte|ca|cc|cu)\b/;
const TRAILING_WORDS = / (agglomeration|agglo|metropole)$/;
const ARTICLES = /^(de la|de l|des|du|de|d|la|le|les|l) /;

/** « Communauté d’agglomération de l’Albigeois » → « albigeois »; « Rodez Agglomération » → « rodez ». */
export function shortName(name: string): string {
  let n = normalise(name);
  for (let i = 0; i < 3; i++) n = n.replace(LEGAL_WORDS, '').trim().replace(ARTICLES, '').trim();
  return n.replace(TRAILING_WORDS, '').trim();
}

/** A lookup by every name a record goes by; a name shared by two records answers both. */
function index<T extends { id: string }>(items: readonly T[], names: (t: T) => (string | undefined)[]) {
  const byName = new Map<string, Set<string>>();
  for (const item of items)
    for (const raw of names(item)) {
      const key = raw ? normalise(raw) : '';
      if (!key) continue;
      byName.set(key, (byName.get(key) ?? new Set()).add(item.id));
    }
  return byName;
}

/** Whole words of `wanted` found, in order, in a name (« Lourdes » in « Tarbes-Lourdes-Pyrénées »). */
const withinWords = (name: string, wanted: string) => ` ${normalise(name)} `.includes(` ${wanted} `);

function find<T extends { id: string; name: string }>(
  byName: Map<string, Set<string>>,
  items: readonly T[],
  raw: string,
  label: (t: T) => string,
): Found {
  const wanted = normalise(raw);
  if (!wanted) return { error: 'unknown' };
  const exact = [...(byName.get(wanted) ?? [])];
  // Part of a name, as whole words, only when it is long enough to mean something.
  const ids = exact.length
    ? exact
    : wanted.length >= 4
      ? items.filter((t) => withinWords(t.name, wanted)).map((t) => t.id)
      : [];
  if (ids.length === 1) return { id: ids[0]! };
  if (ids.length === 0) return { error: 'unknown' };
  const named = items.filter((t) => ids.includes(t.id)).map(label);
  // Two records of the same name are told apart by their ids.
  const candidates = named.map((n, i) =>
    named.indexOf(n) !== named.lastIndexOf(n) ? `${n} (${ids[i]})` : n,
  );
  return { error: 'ambiguous', candidates };
}

export interface Directory {
  territory(raw: string): Found;
  partner(raw: string, territoryId?: string): Found;
  territoryName(id: string): string;
  partnerName(id: string): string;
}

export function directory(
  territories: readonly NamedTerritory[],
  partners: readonly NamedPartner[],
): Directory {
  const territoriesByName = index(territories, (t) => [t.id, t.name, shortName(t.name), t.centralCity?.name]);
  const tName = new Map(territories.map((t) => [t.id, t.name]));
  const pName = new Map(partners.map((p) => [p.id, p.name]));
  return {
    territory: (raw) => find(territoriesByName, territories, raw, (t) => t.name),
    // A partner's name may repeat across territories: the row's territory decides.
    partner: (raw, territoryId) => {
      const mine = territoryId ? partners.filter((p) => p.territoryId === territoryId) : partners;
      return find(
        index(mine, (p) => [p.id, p.name]),
        mine,
        raw,
        (p) => p.name,
      );
    },
    territoryName: (id) => tName.get(id) ?? id,
    partnerName: (id) => pName.get(id) ?? id,
  };
}
