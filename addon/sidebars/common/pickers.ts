// Pickers shared by the forms: partners of the chosen territory, durations as the tender
// counts them (½ day, 1 day, 2 h) with a free value for the rest.
import { duration, frTypo } from '../../../shared/i18n/typography';
import type { QuotaReport } from '../../../shared/quotas/rules';
import type { SessionKind } from '../../../shared/schemas/enums';
import { h } from './dom';
import { fillSelect, type Option } from './form';

export const partnerOptions = (r: QuotaReport, territoryId: string): Option[] =>
  r.partners.filter((p) => p.territoryId === territoryId).map((p) => [p.partnerId, p.name] as const);

/** Keeps a partner select in step with the territory select above it. */
export function linkPartners(
  r: QuotaReport,
  territory: HTMLSelectElement,
  partner: HTMLSelectElement,
  empty = '— aucun —',
) {
  const refresh = () => fillSelect(partner, partnerOptions(r, territory.value), empty);
  territory.addEventListener('change', refresh);
  refresh();
  return refresh;
}

export const OTHER = 'other';

/**
 * 2 h, ½ day and 1 day of the programme's `minutesPerDay`, 1 h, then a free duration — only
 * those the kind's maximum allows (a collective support: 2 h at most, no half day offered).
 */
export function durationOptions(minutesPerDay: number, max?: number): Option[] {
  const half = Math.round(minutesPerDay / 2);
  const options: Option[] = [
    ['120', frTypo(`2 h (forfait d’appui)`)],
    [String(half), `½ journée (${duration(half)})`],
    [String(minutesPerDay), `1 journée (${duration(minutesPerDay)})`],
    ['60', duration(60)],
  ];
  return [...options.filter(([v]) => max === undefined || Number(v) <= max), [OTHER, 'Autre durée…']];
}

/** The usual length of each kind of session, chosen when the kind is (never over its maximum). */
export function defaultDuration(kind: SessionKind | '', minutesPerDay: number, max?: number): string {
  if (max !== undefined && max < 120) return String(max);
  if (kind === 'diagnostic') return String(Math.round(minutesPerDay / 2));
  if (kind === 'ademe-monthly') return '60';
  if (kind === 'workshop' || kind === 'team-building' || kind === 'closing-event')
    return String(minutesPerDay);
  return '120';
}

/** The minutes follow the preset, and are typed only for "Autre durée…". */
export function linkDuration(preset: HTMLSelectElement, minutes: HTMLInputElement) {
  const sync = () => {
    const other = preset.value === OTHER;
    minutes.readOnly = !other;
    if (!other && preset.value) minutes.value = preset.value;
  };
  preset.addEventListener('change', sync);
  sync();
  return sync;
}

export const emptyNote = (text: string) => h('p', { class: 'hint' }, text);
