import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { checkCentralCity, findCommune } from '../../worker/eligibility/communes';
import { NAME_MIN_POPULATION } from '../../worker/eligibility/communes.generated';

const require = createRequire(import.meta.url);
type Source = {
  code: string;
  nom: string;
  population?: number;
  region: string;
  departement: string;
  type: string;
};
const official = (require('@etalab/decoupage-administratif/data/communes.json') as Source[]).filter(
  (c) => c.type === 'commune-actuelle',
);

describe('the compact commune table', () => {
  it('decodes to the official list: every commune, its population, region and (above the threshold) name', () => {
    expect(official.length).toBeGreaterThan(34000);
    for (const c of official) {
      const found = findCommune(c.code);
      expect(found, c.code).not.toBeNull();
      expect(found!.population, c.code).toBe(c.population ?? 0);
      expect(found!.region, c.code).toBe(c.region);
      expect(found!.departement, c.code).toBe(c.departement);
      expect(found!.name, c.code).toBe(
        (c.population ?? 0) >= NAME_MIN_POPULATION ? c.nom : `Commune ${c.code}`,
      );
    }
  });

  it('applies the tender rule: 229 Occitanie communes have 4,500 inhabitants or more', () => {
    const eligible = official.filter((c) => checkCentralCity(c.code, '76', 4500).ok);
    expect(eligible.length).toBe(
      official.filter((c) => c.region === '76' && (c.population ?? 0) >= 4500).length,
    );
    expect(eligible.length).toBe(229);
    expect(findCommune('99999')).toBeNull();
  });
});
