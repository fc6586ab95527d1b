export interface CentralCity {
  insee: string;
  name: string;
  population: number;
  departement: string;
}
export interface Commune extends CentralCity {
  region: string;
}
export declare const COMMUNES_SOURCE =
  'INSEE, Code officiel g\u00E9ographique (via @etalab/decoupage-administratif 6.0.0)';
export declare function findCommune(insee: string): Commune | null;
export type Eligibility =
  | {
      ok: true;
      city: CentralCity;
    }
  | {
      ok: false;
      reason: 'unknown';
    }
  | {
      ok: false;
      reason: 'region' | 'population';
      city: Commune;
    };
/** The tender's rule: a central city in the programme's region with at least `minPopulation`. */
export declare function checkCentralCity(
  insee: string,
  regionCode: string,
  minPopulation: number,
): Eligibility;
