import { LABELS } from '../../shared/i18n/labels';
import { days, duration, frDate, nf, plural, qty } from '../../shared/i18n/typography';
import { quotaStatus, RULES } from '../../shared/quotas/rules';
import { reproducibilityDegree, reproducibilityScore } from '../../shared/reproducibility';
import { REPRODUCIBILITY_METHOD } from './action-sheet';
import { addRanges, co2Method, co2Range, co2Text, declaredVeli, veliOf } from './co2';
import { kmByPartner, seriesOf } from './indicators';
import type { BarRow, BarTone, Block, Section } from './model';
import type { ProgrammeRecord } from './record';
import { progressWords, statusCounts } from './summary-progress';

export const FINAL_HEADINGS = {
  totals: 'Bilan chiffré du programme',
  matrix: 'Matrice de reproductibilité',
} as const;

const TONE = {
  ok: 'ok',
  warning: 'warning',
  reached: 'reached',
  exceeded: 'exceeded',
} as const satisfies Record<string, BarTone>;

/** Each quota of the tender summed over its subjects (ten territories, their partners...). */
function quotaTotals(r: ProgrammeRecord): BarRow[] {
  const p = r.programme;
  const subjects = { programme: 1, territory: r.territories.length, partner: r.partners.length } as const;
  return RULES.filter((rule) => !rule.perMonth && rule.limit(p) > 0).map((rule) => {
    const own = r.sessions.filter((s) => s.kind === rule.kind);
    const minutes = rule.unit === 'minutes';
    const used = minutes ? own.reduce((n, s) => n + s.durationMinutes, 0) : own.length;
    const limit = rule.limit(p) * subjects[rule.scope];
    const text = minutes
      ? `${days(used, p.minutesPerDay)} sur ${nf(limit / p.minutesPerDay, 1)}`
      : `${plural(used, 'séance')} sur ${nf(limit)}`;
    const status = quotaStatus(used, limit, p.warnAtRatio);
    return {
      label: LABELS.sessionKind[rule.kind],
      value: used,
      max: limit,
      text,
      tone: TONE[status],
      status: progressWords({ used, status }),
    };
  });
}

/** Usage rates: the latest value of each action's series against its target. */
function usageText(r: ProgrammeRecord, territoryId?: string): string {
  const series = seriesOf(
    r.indicators.filter(
      (i) => i.indicator === 'usage-rate' && (!territoryId || i.territoryId === territoryId),
    ),
  );
  if (!series.length) return 'Non mesuré';
  const last = series.map((s) => s.values.at(-1)!);
  const targets = last.filter((v) => v.target !== undefined);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const reached = targets.filter((v) => v.value >= (v.target ?? 0)).length;
  const base = `${qty(mean(last.map((v) => v.value)), '%', 0)} en moyenne`;
  return targets.length
    ? `${base} pour une cible moyenne de ${qty(mean(targets.map((v) => v.target ?? 0)), '%', 0)} ; ${nf(reached)} sur ${plural(targets.length, 'action')} à la cible`
    : base;
}

function territoryFigures(r: ProgrammeRecord, territoryId: string) {
  const values = r.indicators.filter((i) => i.territoryId === territoryId);
  let km = 0;
  let co2 = { low: 0, high: 0 };
  for (const [pid, k] of kmByPartner(values)) {
    km += k.km;
    co2 = addRanges(co2, co2Range(k.km, veliOf(r.actions, pid || undefined)));
  }
  const sessions = r.sessions.filter((s) => s.territoryId === territoryId);
  return { km, co2, sessions, minutes: sessions.reduce((n, s) => n + s.durationMinutes, 0) };
}

export function programmeTotals(r: ProgrammeRecord, asOf: string): Section {
  const per = r.territories.map((t) => ({ t, f: territoryFigures(r, t.id) }));
  const km = per.reduce((n, x) => n + x.f.km, 0);
  const co2 = per.reduce((a, x) => addRanges(a, x.f.co2), { low: 0, high: 0 });
  const minutes = r.sessions.reduce((n, s) => n + s.durationMinutes, 0);
  const lifted = r.blockers.filter((b) => b.status === 'resolved').length;
  const types = r.actions.map((a) => veliOf(r.actions, a.partnerId));
  const defaulted = r.indicators.some((i) => i.indicator === 'km' && !declaredVeli(r.actions, i.partnerId));
  const blocks: Block[] = [
    {
      kind: 'fields',
      rows: [
        [
          'Séances tenues',
          `${plural(r.sessions.length, 'séance')}, soit ${duration(minutes)} d’accompagnement au ${frDate(asOf)}`,
        ],
        ['Kilomètres parcourus en VELI', qty(km, 'km')],
        ['CO₂ évité (fourchette)', co2Text(co2)],
        ['Taux d’utilisation des VELI', usageText(r)],
        [
          'Verrous levés',
          `${nf(lifted)} sur ${nf(r.blockers.length)}${r.blockers.length ? ` (${statusCounts(r.blockers)})` : ''}`,
        ],
        ['Actions des partenaires', `${plural(r.actions.length, 'fiche action', 'fiches action')}`],
      ],
    },
    {
      kind: 'bars',
      caption: 'Prestations prévues au marché et réalisées, tous territoires et partenaires confondus',
      rows: quotaTotals(r),
    },
    {
      kind: 'table',
      columns: [
        'Territoire',
        'Séances',
        'Kilomètres VELI',
        'CO₂ évité',
        'Taux d’utilisation',
        'Verrous levés',
      ],
      widths: [3.2, 2.2, 2, 2.4, 3.6, 1.6],
      rows: per.map(({ t, f }) => {
        const blockers = r.blockers.filter((b) => b.territoryId === t.id);
        return [
          t.name,
          `${nf(f.sessions.length)} (${duration(f.minutes)})`,
          qty(f.km, 'km'),
          co2Text(f.co2),
          usageText(r, t.id),
          `${nf(blockers.filter((b) => b.status === 'resolved').length)} sur ${nf(blockers.length)}`,
        ];
      }),
    },
    { kind: 'note', text: co2Method(types, { defaulted }) },
  ];
  return { heading: FINAL_HEADINGS.totals, level: 2, blocks };
}

export function reproducibilityMatrix(r: ProgrammeRecord): Section {
  const name = (id: string) => r.territories.find((t) => t.id === id)?.name ?? id;
  // In the order of the sheets: grouped by territory.
  const order = new Map(r.territories.map((t, i) => [t.id, i]));
  const actions = [...r.actions].sort(
    (a, b) => (order.get(a.territoryId) ?? 0) - (order.get(b.territoryId) ?? 0),
  );
  const rows = actions.map((a) => {
    const rp = a.reproducibility;
    const s = reproducibilityScore(rp);
    return [
      a.title,
      name(a.territoryId),
      nf(rp.ease),
      nf(rp.duplicationPotential),
      `${nf(rp.actorsInvolved)} (note ${s.actors})`,
      `${s.total} sur 9`,
      LABELS.reproducibility[reproducibilityDegree(rp)],
    ];
  });
  return {
    heading: FINAL_HEADINGS.matrix,
    level: 2,
    blocks: rows.length
      ? [
          {
            kind: 'table',
            columns: ['Action', 'Territoire', 'Facilité', 'Duplication', 'Acteurs', 'Score', 'Degré'],
            widths: [4, 3, 1.3, 1.6, 1.8, 1.4, 1.3],
            rows,
          },
          { kind: 'note', text: REPRODUCIBILITY_METHOD },
        ]
      : [{ kind: 'note', text: 'Aucune fiche action à cette date.' }],
  };
}
