import { LABELS } from '../../shared/i18n/labels';
import { FR_MONTHS, frShortDate, nf, plural, qty } from '../../shared/i18n/typography';
import type { IndicatorCode, VeliType } from '../../shared/schemas/enums';
import {
  addRanges,
  co2Method,
  co2Range,
  co2Text,
  DEFAULT_VELI,
  declaredVeli,
  type KmTotal,
  kmTotal,
} from './co2';
import type { Block } from './model';
import type { IndicatorRec, ProgrammeRecord } from './record';

/** One indicator of one action (partner) over its periods, oldest first. */
export interface Series {
  key: string;
  partnerId?: string | undefined;
  indicator: IndicatorCode;
  name: string;
  unit: string;
  values: readonly IndicatorRec[];
}

export const indicatorName = (i: IndicatorRec) =>
  i.indicator === 'custom' ? (i.label ?? '') : LABELS.indicator[i.indicator];

/**
 * Values grouped into series. `co2-avoided-kg` values typed by hand are left out: the CO₂
 * avoided is computed once, from the kilometres (co2.ts), so no second figure disagrees.
 */
export function seriesOf(values: readonly IndicatorRec[]): Series[] {
  const out = new Map<string, IndicatorRec[]>();
  for (const v of values) {
    if (v.indicator === 'co2-avoided-kg') continue;
    const key = `${v.partnerId ?? ''}\u0000${v.indicator}\u0000${v.label ?? ''}`;
    out.set(key, [...(out.get(key) ?? []), v]);
  }
  return [...out.entries()].map(([key, list]) => {
    const sorted = list.sort(
      (a, b) => a.periodStart.localeCompare(b.periodStart) || a.periodEnd.localeCompare(b.periodEnd),
    );
    const last = sorted.at(-1)!;
    return {
      key,
      partnerId: last.partnerId,
      indicator: last.indicator,
      name: indicatorName(last),
      unit: last.unit,
      values: sorted,
    };
  });
}

const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** « 2025 », « T4 2025 », « octobre 2025 », else « 01/10/2025 – 15/11/2025 ». */
export function periodLabel(start: string, end: string): string {
  const [y, m, d] = start.split('-').map(Number) as [number, number, number];
  const [y2, m2, d2] = end.split('-').map(Number) as [number, number, number];
  if (d === 1 && y === y2 && d2 === lastDay(y2, m2)) {
    if (m === 1 && m2 === 12) return String(y);
    if (m2 === m + 2 && (m - 1) % 3 === 0) return `T${(m - 1) / 3 + 1}\u00A0${y}`;
    if (m2 === m) return `${FR_MONTHS[m - 1]}\u00A0${y}`;
  }
  return `${frShortDate(start)} – ${frShortDate(end)}`;
}

export const valueText = (v: number, unit: string) => qty(v, unit.trim() || 'u', 2);

/** The last `periods` values, by period, with a count of the earlier ones. */
export function valuesText(s: Series, periods: number): string {
  const shown = s.values.slice(-periods);
  const earlier = s.values.length - shown.length;
  const list = shown
    .map((v) => `${periodLabel(v.periodStart, v.periodEnd)} : ${valueText(v.value, s.unit)}`)
    .join(' ; ');
  return earlier > 0 ? `${list} (et ${plural(earlier, 'période antérieure', 'périodes antérieures')})` : list;
}

/** Direction of the last change: « en hausse (+8 pts) », « stable », « une seule période ». */
export function trendText(s: Series): string {
  const [prev, last] = s.values.slice(-2);
  if (!prev || !last) return 'Une seule période';
  const delta = last.value - prev.value;
  const percent = s.unit.trim() === '%';
  const relative = prev.value ? delta / prev.value : delta ? 1 : 0;
  if (percent ? Math.abs(delta) < 1 : Math.abs(relative) < 0.02) return 'Stable';
  const size = percent
    ? `${delta > 0 ? '+' : '−'}${nf(Math.abs(delta), 1)}\u00A0pts`
    : `${delta > 0 ? '+' : '−'}${nf(Math.abs(relative) * 100)}\u00A0%`;
  return `${delta > 0 ? 'En hausse' : 'En baisse'} (${size})`;
}

/** The latest target and whether the latest value reaches it (every indicator here grows). */
export function targetText(s: Series): string {
  const last = s.values.at(-1)!;
  const target = [...s.values].reverse().find((v) => v.target !== undefined)?.target;
  if (target === undefined) return '—';
  return `${valueText(target, s.unit)} (${last.value >= target ? 'atteinte' : 'non atteinte'})`;
}

/** Kilometres per action (partner; '' for the territory as a whole), periods never overlapping. */
export function kmByPartner(values: readonly IndicatorRec[]): Map<string, KmTotal> {
  const groups = new Map<string, IndicatorRec[]>();
  for (const v of values)
    if (v.indicator === 'km') groups.set(v.partnerId ?? '', [...(groups.get(v.partnerId ?? '') ?? []), v]);
  return new Map([...groups].map(([k, list]) => [k, kmTotal(list)]));
}

/**
 * Kilometres and CO₂ avoided, one row per action (partner) and a total, with the method and
 * its sources underneath (unless the document states it once elsewhere): the documents'
 * only CO₂ figure.
 */
export function co2Blocks(
  r: ProgrammeRecord,
  values: readonly IndicatorRec[],
  subject: (partnerId: string) => string,
  opts: { totalLabel?: string; method?: boolean } = {},
): Block[] {
  const km = kmByPartner(values);
  const manual = values.filter((v) => v.indicator === 'co2-avoided-kg').length;
  if (!km.size)
    return [
      {
        kind: 'note',
        text: `Aucun kilométrage VELI saisi à cette date : CO₂ évité non calculable.${manual ? ` ${co2Method([], { manual })}` : ''}`,
      },
    ];
  const types: VeliType[] = [];
  let total = { low: 0, high: 0 };
  let totalKm = 0;
  let overlapping = 0;
  let defaulted = false;
  const rows = [...km].map(([pid, k]) => {
    const declared = declaredVeli(r.actions, pid || undefined);
    const veli = declared ?? DEFAULT_VELI;
    const range = co2Range(k.km, veli);
    defaulted ||= !declared;
    types.push(veli);
    total = addRanges(total, range);
    totalKm += k.km;
    overlapping += k.overlapping;
    return [
      subject(pid),
      `${qty(k.km, 'km')} (${plural(k.counted.length, 'période', 'périodes')})`,
      LABELS.veliType[veli],
      co2Text(range),
    ];
  });
  if (rows.length > 1 && opts.totalLabel)
    rows.push([opts.totalLabel, qty(totalKm, 'km'), '—', co2Text(total)]);
  const table: Block = {
    kind: 'table',
    columns: ['Action (partenaire)', 'Kilomètres VELI', 'VELI', 'CO₂ évité (fourchette)'],
    widths: [4, 2.4, 2.6, 2.6],
    rows,
  };
  if (opts.method === false) return [table];
  return [table, { kind: 'note', text: co2Method(types, { overlapping, manual, defaulted }) }];
}
