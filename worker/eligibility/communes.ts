import { COMMUNES, REGION_OF_DEPARTEMENT } from './communes.generated';

export interface CentralCity {
  insee: string;
  name: string;
  population: number;
  departement: string;
}

export interface Commune extends CentralCity {
  region: string;
}

let index: Map<string, Commune> | null = null;

/** Decodes the compact table once per isolate (~35,000 communes, a few milliseconds). */
function load(): Map<string, Commune> {
  const map = new Map<string, Commune>();
  let dep = '';
  let width = 3;
  let num = 0;
  for (const line of COMMUNES.split('\n')) {
    if (line.startsWith('#')) {
      dep = line.slice(1);
      width = 5 - dep.length;
      num = 0;
      continue;
    }
    const first = line.indexOf(',');
    const second = line.indexOf(',', first + 1);
    const delta = first === 0 ? 1 : Number.parseInt(line.slice(0, first), 36);
    num += delta;
    const population = Number.parseInt(line.slice(first + 1, second === -1 ? undefined : second), 36);
    const insee = dep + String(num).padStart(width, '0');
    const name = second === -1 ? `Commune ${insee}` : line.slice(second + 1);
    map.set(insee, { insee, name, population, departement: dep, region: REGION_OF_DEPARTEMENT[dep] ?? '' });
  }
  return map;
}

export function findCommune(insee: string): Commune | null {
  index ??= load();
  return index.get(insee.toUpperCase()) ?? null;
}

export type Eligibility =
  | { ok: true; city: CentralCity }
  | { ok: false; reason: 'unknown' }
  | { ok: false; reason: 'region' | 'population'; city: Commune };

/** The tender's rule: a central city in the programme's region with at least `minPopulation`. */
export function checkCentralCity(insee: string, regionCode: string, minPopulation: number): Eligibility {
  const commune = findCommune(insee);
  if (!commune) return { ok: false, reason: 'unknown' };
  if (commune.region !== regionCode) return { ok: false, reason: 'region', city: commune };
  if (commune.population < minPopulation) return { ok: false, reason: 'population', city: commune };
  const { region: _region, ...city } = commune;
  return { ok: true, city };
}
