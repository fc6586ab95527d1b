import { LABELS } from '../../shared/i18n/labels';
import { frDate, nf, plural } from '../../shared/i18n/typography';
import { lowerLabel } from '../../shared/i18n/wording';
import type { VeliType } from '../../shared/schemas/enums';
import type { ActionRec, IndicatorRec } from './record';

/**
 * ADEME's Impact CO₂ factors, g CO₂e per km and passenger, construction included: the
 * repository incubateur-ademe/impactco2, src/data/categories/deplacement.ts (the data behind
 * impactco2.fr), read on the day below. Cars: « voiture thermique » and « voiture
 * électrique » averages. VELI: « vélo à assistance électrique », « triporteur électrique »
 * (source « XD Mobilités ADEME »), « vélo », « trottinette électrique », « scooter
 * électrique ». Impact CO₂ publishes no factor for light quadricycles or velomobiles:
 * « other-veli » takes the electric scooter's, the closest published motorised two-wheeler.
 */
export const IMPACT_CO2 = {
  consulted: '2026-11-29',
  car: { electric: 67.4, thermal: 142.3 },
  veli: {
    'e-bike': 10.95,
    'cargo-bike': 14.8,
    bike: 0.17,
    'e-kick-scooter': 24.9,
    'e-scooter': 59.3,
    'other-veli': 59.3,
  } satisfies Record<VeliType, number>,
} as const;

/** An action without a declared vehicle is counted as the XD programme's reference VELI. */
export const DEFAULT_VELI: VeliType = 'cargo-bike';

/** kg CO₂e avoided by `km` VELI kilometres, from « replaces an electric car » to « a thermal car ». */
export function co2Range(km: number, veli: VeliType = DEFAULT_VELI) {
  const f = IMPACT_CO2.veli[veli];
  const kg = (car: number) => Math.max(0, (km * (car - f)) / 1000);
  return { low: kg(IMPACT_CO2.car.electric), high: kg(IMPACT_CO2.car.thermal) };
}

export const addRanges = (a: { low: number; high: number }, b: { low: number; high: number }) => ({
  low: a.low + b.low,
  high: a.high + b.high,
});

/** « 120 à 260 kg CO₂e », « 1,2 à 2,6 t CO₂e ». */
export function co2Text(r: { low: number; high: number }): string {
  if (r.high >= 1000) return `${nf(r.low / 1000, 1)} à ${nf(r.high / 1000, 1)}\u00A0t CO₂e`;
  return `${nf(r.low)} à ${nf(r.high)}\u00A0kg CO₂e`;
}

export interface KmTotal {
  km: number;
  /** The values counted: one per period, periods never overlapping. */
  counted: readonly IndicatorRec[];
  /** Values left out because their period overlaps one counted (cumulative readings). */
  overlapping: number;
}

/**
 * Kilometres of one series of `km` values, each the distance travelled during its period.
 * Periods that overlap are not added up: a value whose period covers earlier ones (a reading
 * since the start) replaces them; one inside or across a counted period is left out.
 */
export function kmTotal(values: readonly IndicatorRec[]): KmTotal {
  const sorted = [...values].sort(
    (a, b) => a.periodStart.localeCompare(b.periodStart) || b.periodEnd.localeCompare(a.periodEnd),
  );
  let counted: IndicatorRec[] = [];
  let overlapping = 0;
  for (const v of sorted) {
    const clash = counted.filter((c) => c.periodStart <= v.periodEnd && v.periodStart <= c.periodEnd);
    if (!clash.length) counted.push(v);
    else if (clash.every((c) => v.periodStart <= c.periodStart && c.periodEnd <= v.periodEnd)) {
      counted = [...counted.filter((c) => !clash.includes(c)), v];
      overlapping += clash.length;
    } else overlapping++;
  }
  return { km: counted.reduce((n, v) => n + v.value, 0), counted, overlapping };
}

/** The VELI a partner's actions declare (the first that does), if any. */
export const declaredVeli = (actions: readonly ActionRec[], partnerId: string | undefined) =>
  actions.find((a) => a.partnerId === partnerId && a.vehicleType)?.vehicleType;

/** The VELI type of a partner's kilometres: declared, else the XD programme's reference VELI. */
export const veliOf = (actions: readonly ActionRec[], partnerId: string | undefined): VeliType =>
  declaredVeli(actions, partnerId) ?? DEFAULT_VELI;

const g = (n: number) => `${nf(n, 2)}\u00A0g`;

/** Why a VELI takes the factor it takes, said beside that VELI (and nowhere else). */
const FACTOR_NOTE: Partial<Record<VeliType, string>> = {
  'other-veli':
    'celui du scooter électrique, faute de facteur publié pour les quadricycles légers et les vélomobiles',
  'cargo-bike': 'source « XD Mobilités ADEME »',
};

/**
 * The method, sources and assumptions, printed once under every CO₂ figure: one idea per
 * sentence, each VELI's factor in its own sentence with what explains it.
 */
export function co2Method(
  types: readonly VeliType[],
  opts: { overlapping?: number; manual?: number; defaulted?: boolean } = {},
): string {
  const { overlapping = 0, manual = 0, defaulted = !types.length } = opts;
  const used = [...new Set(types.length ? types : [DEFAULT_VELI])];
  const factors = used.map((t) => {
    const note = FACTOR_NOTE[t];
    return `Facteur retenu pour « ${lowerLabel(LABELS.veliType[t])} » : ${g(IMPACT_CO2.veli[t])}${note ? `, ${note}` : ''}.`;
  });
  return [
    'Le CO₂ évité est calculé à partir des kilomètres parcourus en VELI pendant chaque période.',
    'Chaque kilomètre évite la différence entre le facteur de la voiture remplacée et celui du VELI.',
    `Les facteurs sont ceux d’ADEME Impact CO₂ (impactco2.fr, données consultées le ${frDate(IMPACT_CO2.consulted)}), en g CO₂e par km et par passager, construction incluse.`,
    `La fourchette suppose que le VELI remplace une voiture électrique (${g(IMPACT_CO2.car.electric)}, bas de la fourchette) ou thermique (${g(IMPACT_CO2.car.thermal)}, haut de la fourchette).`,
    ...factors,
    defaulted ? 'Une action sans type de VELI déclaré est comptée comme un triporteur.' : '',
    overlapping
      ? `${plural(overlapping, 'valeur de kilométrage', 'valeurs de kilométrage')} dont la période chevauche une autre (relevés cumulés) ${overlapping > 1 ? 'ne sont pas additionnées' : 'n’est pas additionnée'}.`
      : '',
    manual
      ? `${plural(manual, 'valeur « CO₂ évité » saisie', 'valeurs « CO₂ évité » saisies')} à la main ${manual > 1 ? 'ne sont pas reprises' : 'n’est pas reprise'} : le CO₂ évité est calculé ici, une seule fois.`
      : '',
  ]
    .filter(Boolean)
    .join(' ');
}
