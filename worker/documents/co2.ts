import { nf } from './text';

/**
 * ADEME's Impact CO₂ factors (g CO₂e per km and passenger, construction included), from the
 * repository incubateur-ademe/impactco2, src/data/categories/deplacement.ts (2026).
 * Hypothesis: each VELI kilometre replaces one kilometre of an average diesel car, and the
 * VELI emits like the electric cargo trike (factor "XD Mobilités ADEME").
 */
export const CO2_FACTORS = {
  carDieselAverage: 142.3,
  cargoTrikeElectric: 14.8,
} as const;

export const CO2_SOURCE =
  'Source : ADEME, Impact CO₂ (incubateur-ademe/impactco2, src/data/categories/deplacement.ts, 2026), ' +
  `facteurs en g CO₂e par km et par passager, construction incluse : voiture thermique diesel moyenne ${nf(CO2_FACTORS.carDieselAverage, 1)} ; ` +
  `triporteur à assistance électrique ${nf(CO2_FACTORS.cargoTrikeElectric, 1)} (source « XD Mobilités ADEME »). ` +
  'Hypothèse : chaque kilomètre parcouru en VELI remplace un kilomètre en voiture thermique moyenne.';

/** kg CO₂e avoided by `km` VELI kilometres replacing an average car. */
export const co2AvoidedKg = (km: number) =>
  (km * (CO2_FACTORS.carDieselAverage - CO2_FACTORS.cargoTrikeElectric)) / 1000;
