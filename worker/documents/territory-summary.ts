import { LABELS } from '../../shared/i18n/labels';
import { frDate } from '../../shared/i18n/messages';
import type { Quota } from '../../shared/quotas/rules';
import type { BlockerStatus } from '../../shared/schemas';
import { type Budget, SUMMARY_BUDGETS, SUMMARY_MAX_PAGES } from './budget';
import { CO2_SOURCE, co2AvoidedKg } from './co2';
import type { Block, DocumentModel, Section } from './model';
import { estimatePages } from './pages';
import type { BlockerRec, Edition, IndicatorRec, PartnerRec, ProgrammeRecord, TerritoryRec } from './record';
import { count, nf, shorten } from './text';

/** The headings the tender names for the phase 1 summary; tests check each one. */
export const SUMMARY_HEADINGS = {
  descriptive: 'Fiche descriptive',
  assessment: 'Constat, enjeux et recommandations',
  findings: 'Constat',
  stakes: 'Enjeux',
  recommendations: 'Recommandations',
  progress: 'État d’avancement',
  blockers: 'Verrous et solutions',
  indicators: 'Indicateurs par action',
} as const;

const para = (text: string, max: number): Block => {
  const s = shorten(text, max);
  return s.shortened ? { kind: 'p', text: s.text, shortened: s.shortened } : { kind: 'p', text: s.text };
};

/** "3 h 30" style durations for minute quotas; plain counts for session quotas. */
function amount(q: Quota, n: number): string {
  if (q.unit !== 'minutes') return nf(n);
  const h = Math.floor(n / 60);
  const m = n % 60;
  return m ? `${h} h ${String(m).padStart(2, '0')}` : `${h} h`;
}

function descriptive(t: TerritoryRec, partners: readonly PartnerRec[], b: Budget): Section {
  const c = t.centralCity;
  const vehicles = [...new Set(partners.flatMap((p) => p.vehicles ?? []))];
  const blocks: Block[] = [
    {
      kind: 'fields',
      rows: [
        ['Territoire', t.name],
        ['Forme juridique', LABELS.legalForm[t.legalForm]],
        ['Ville centre', `${c.name} (code INSEE ${c.insee}, département ${c.departement})`],
        ['Population de la ville centre (INSEE)', `${nf(c.population)} habitants`],
        ['Consultants', t.consultants.join(', ') || '—'],
        [
          'Partenaires',
          partners.length ? partners.map((p) => p.name).join(' ; ') : 'Aucun partenaire déclaré',
        ],
        ['Véhicules (VELI)', vehicles.length ? vehicles.join(', ') : 'Non précisés'],
      ],
    },
  ];
  if (partners.length) {
    let cut = false;
    const rows = partners.map((p) => {
      const s = shorten(p.useCase.description, b.useCaseChars);
      cut ||= Boolean(s.shortened);
      return [
        p.name,
        LABELS.partnerKind[p.kind],
        `${LABELS.useCase[p.useCase.category]} : ${s.text}`,
        (p.vehicles ?? []).join(', ') || '—',
      ];
    });
    blocks.push({
      kind: 'table',
      columns: ['Partenaire', 'Type', 'Cas d’usage', 'Véhicules'],
      widths: [2, 2, 5, 2],
      rows,
      rest: cut
        ? 'Descriptions des cas d’usage abrégées ([…]) ; le texte intégral reste dans le registre.'
        : undefined,
    });
  }
  return { heading: SUMMARY_HEADINGS.descriptive, level: 2, blocks };
}

function assessment(t: TerritoryRec, b: Budget): Section[] {
  const a = t.assessment;
  const missing: Block = { kind: 'note', text: 'Non encore saisi par le consultant.' };
  return [
    { heading: SUMMARY_HEADINGS.assessment, level: 2, blocks: [] },
    {
      heading: SUMMARY_HEADINGS.findings,
      level: 3,
      blocks: [a ? para(a.findings, b.assessmentChars) : missing],
    },
    { heading: SUMMARY_HEADINGS.stakes, level: 3, blocks: [a ? para(a.stakes, b.assessmentChars) : missing] },
    {
      heading: SUMMARY_HEADINGS.recommendations,
      level: 3,
      blocks: [a ? para(a.recommendations, b.assessmentChars) : missing],
    },
  ];
}

function progress(
  r: ProgrammeRecord,
  t: TerritoryRec,
  partners: readonly PartnerRec[],
  asOf: string,
  b: Budget,
): Section {
  const rows: string[][] = [];
  for (const q of r.territoryQuotas.get(t.id) ?? []) {
    rows.push([q.label, `${amount(q, q.used)} sur ${amount(q, q.limit)}`, LABELS.quotaStatus[q.status]]);
  }
  for (const p of partners) {
    for (const q of r.partnerQuotas.get(p.id) ?? []) {
      rows.push([
        `${q.label} — ${p.name}`,
        `${amount(q, q.used)} sur ${amount(q, q.limit)}`,
        LABELS.quotaStatus[q.status],
      ]);
    }
  }
  const milestones = [...r.programme.milestones].sort((x, y) => x.due.localeCompare(y.due));
  // The nearest milestones matter most: the next ones to come, then the latest passed.
  const upcoming = milestones.filter((m) => m.due >= asOf);
  const passed = milestones.filter((m) => m.due < asOf).reverse();
  const kept = [...upcoming.slice(0, b.milestoneRows), ...passed].slice(0, b.milestoneRows);
  kept.sort((x, y) => x.due.localeCompare(y.due));
  for (const m of kept) {
    const status = m.due < asOf ? 'Échéance passée' : m.start && m.start <= asOf ? 'En cours' : 'À venir';
    rows.push([`Jalon : ${m.label}`, `échéance le ${frDate(m.due)}`, status]);
  }
  const sessions = r.sessions.filter((s) => s.territoryId === t.id);
  const minutes = sessions.reduce((a, s) => a + s.durationMinutes, 0);
  const left = milestones.length - kept.length;
  const blocks: Block[] = [
    {
      kind: 'p',
      text: `${count(sessions.length, 'séance consignée', 'séances consignées')} au ${frDate(asOf)} pour ce territoire et ses partenaires, soit ${nf(Math.round(minutes / 6) / 10, 1)} h d’accompagnement.`,
    },
    {
      kind: 'table',
      columns: ['Quota ou jalon', 'Réalisé ou échéance', 'Statut'],
      widths: [5, 3, 2],
      rows,
      rest:
        left > 0
          ? `${count(left, 'autre jalon', 'autres jalons')} du programme non détaillé${left > 1 ? 's' : ''} ici (calendrier complet dans le programme).`
          : undefined,
    },
  ];
  return { heading: SUMMARY_HEADINGS.progress, level: 2, blocks };
}

const STATUS_RANK: Record<BlockerStatus, number> = { 'in-progress': 0, open: 1, resolved: 2, abandoned: 3 };

function byCounts<K extends string>(items: readonly { key: K }[], labels: Record<K, string>): string {
  const m = new Map<K, number>();
  for (const i of items) m.set(i.key, (m.get(i.key) ?? 0) + 1);
  return [...m.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${labels[k]} ${nf(n)}`)
    .join(', ');
}

function blockersSection(
  blockers: readonly BlockerRec[],
  partners: readonly PartnerRec[],
  b: Budget,
): Section {
  if (!blockers.length)
    return {
      heading: SUMMARY_HEADINGS.blockers,
      level: 2,
      blocks: [{ kind: 'note', text: 'Aucun verrou consigné.' }],
    };
  // Most relevant first: those being worked on, then open, then lifted, then abandoned;
  // within a status, the most recently updated.
  const sorted = [...blockers].sort(
    (x, y) => STATUS_RANK[x.status] - STATUS_RANK[y.status] || y.updatedAt.localeCompare(x.updatedAt),
  );
  const kept = sorted.slice(0, b.blockerRows);
  const rest = sorted.slice(b.blockerRows);
  const name = new Map(partners.map((p) => [p.id, p.name]));
  let cut = false;
  const short = (s: string | undefined) => {
    if (!s) return '—';
    const r = shorten(s, b.blockerChars);
    cut ||= Boolean(r.shortened);
    return r.text;
  };
  const rows = kept.map((x) => [
    LABELS.blockerCategory[x.category],
    `${x.title}${x.partnerId && name.get(x.partnerId) ? ` (${name.get(x.partnerId)})` : ''} : ${short(x.description)}`,
    `${LABELS.blockerOwner[x.owner]}${x.ownerName ? ` (${x.ownerName})` : ''}`,
    LABELS.blockerStatus[x.status],
    short(x.solution),
  ]);
  const notes: string[] = [];
  if (rest.length) {
    notes.push(
      `${count(rest.length, 'autre verrou non détaillé', 'autres verrous non détaillés')} — par statut : ${byCounts(
        rest.map((x) => ({ key: x.status })),
        LABELS.blockerStatus,
      )} ; par catégorie : ${byCounts(
        rest.map((x) => ({ key: x.category })),
        LABELS.blockerCategory,
      )}.`,
    );
  }
  if (cut)
    notes.push('Textes abrégés ([…]) ; la liste complète et les textes intégraux restent dans le registre.');
  return {
    heading: SUMMARY_HEADINGS.blockers,
    level: 2,
    blocks: [
      {
        kind: 'p',
        text: `${count(blockers.length, 'verrou consigné', 'verrous consignés')} : ${byCounts(
          blockers.map((x) => ({ key: x.status })),
          LABELS.blockerStatus,
        )}.`,
      },
      {
        kind: 'table',
        columns: ['Catégorie', 'Verrou', 'Porteur', 'Statut', 'Solution'],
        widths: [2, 6, 2, 1.5, 4.5],
        rows,
        rest: notes.join(' ') || undefined,
      },
    ],
  };
}

const indicatorName = (i: IndicatorRec) =>
  i.indicator === 'custom' ? (i.label ?? '') : LABELS.indicator[i.indicator];

function indicatorsSection(
  r: ProgrammeRecord,
  t: TerritoryRec,
  partners: readonly PartnerRec[],
  b: Budget,
): Section {
  const values = r.indicators.filter((i) => i.territoryId === t.id);
  const actionsOf = (pid: string | undefined) =>
    r.actions.filter((a) => a.territoryId === t.id && a.partnerId === pid).map((a) => a.title);
  const subject = (pid: string | undefined) => {
    if (!pid) return 'Territoire (toutes actions)';
    const p = partners.find((x) => x.id === pid);
    const acts = actionsOf(pid);
    return `${p?.name ?? pid}${acts.length ? ` — ${acts.join(' ; ')}` : ''}`;
  };
  // Per action (partner) and indicator, the latest value is the relevant one; older values
  // are summarised with counts.
  const latest = new Map<string, IndicatorRec>();
  for (const i of values) {
    const key = `${i.partnerId ?? ''}\u0000${i.indicator}\u0000${i.label ?? ''}`;
    const cur = latest.get(key);
    if (!cur || i.periodEnd > cur.periodEnd || (i.periodEnd === cur.periodEnd && i.id > cur.id))
      latest.set(key, i);
  }
  const order = new Map(partners.map((p, n) => [p.id, n]));
  const byAction = (x: IndicatorRec, y: IndicatorRec) =>
    (order.get(x.partnerId ?? '') ?? -1) - (order.get(y.partnerId ?? '') ?? -1) ||
    x.indicator.localeCompare(y.indicator);
  const rows = [...latest.values()].sort(byAction);
  // Every action gets its share of the rows: take them in turns (first indicator of each
  // action, then the second...), then print them grouped by action again.
  const rank = new Map<IndicatorRec, number>();
  const seen = new Map<string, number>();
  for (const i of rows) {
    const n = seen.get(i.partnerId ?? '') ?? 0;
    rank.set(i, n);
    seen.set(i.partnerId ?? '', n + 1);
  }
  const kept = [...rows]
    .sort((x, y) => (rank.get(x) ?? 0) - (rank.get(y) ?? 0) || byAction(x, y))
    .slice(0, b.indicatorRows)
    .sort(byAction);
  const older = values.length - latest.size;
  const hidden = rows.length - kept.length;
  const blocks: Block[] = [];
  if (!values.length) blocks.push({ kind: 'note', text: 'Aucune valeur d’indicateur saisie.' });
  else {
    const notes: string[] = [];
    if (hidden > 0) {
      const left = rows.filter((r) => !kept.includes(r));
      const names = new Map<string, number>();
      for (const r of left) names.set(indicatorName(r), (names.get(indicatorName(r)) ?? 0) + 1);
      const detail = [...names.entries()].map(([n, c]) => `${n} ${nf(c)}`).join(', ');
      notes.push(
        `${count(hidden, 'autre indicateur non détaillé', 'autres indicateurs non détaillés')} — par indicateur : ${detail}.`,
      );
    }
    if (older > 0)
      notes.push(
        `${count(older, 'valeur antérieure', 'valeurs antérieures')} (périodes précédentes) non ${older > 1 ? 'reprises' : 'reprise'} ici ; l’historique reste dans le registre.`,
      );
    blocks.push({
      kind: 'table',
      columns: ['Action (partenaire)', 'Indicateur', 'Période', 'Valeur', 'Cible'],
      widths: [4, 3, 3, 1.6, 1.6],
      rows: kept.map((i) => [
        subject(i.partnerId),
        indicatorName(i),
        `${frDate(i.periodStart)} – ${frDate(i.periodEnd)}`,
        `${nf(i.value, 2)} ${i.unit}`,
        i.target === undefined ? '—' : `${nf(i.target, 2)} ${i.unit}`,
      ]),
      rest: notes.join(' ') || undefined,
    });
  }
  // CO₂ avoided from all VELI kilometres recorded, per action (partner).
  const km = new Map<string, number>();
  for (const i of values)
    if (i.indicator === 'km') km.set(i.partnerId ?? '', (km.get(i.partnerId ?? '') ?? 0) + i.value);
  const kmRows = [...km.entries()]
    .sort(([a], [b]) => (order.get(a) ?? -1) - (order.get(b) ?? -1))
    .map(([pid, total]) => [
      subject(pid || undefined),
      `${nf(total)} km`,
      `${nf(co2AvoidedKg(total), 1)} kg CO₂e`,
    ]);
  const totalKm = [...km.values()].reduce((a, v) => a + v, 0);
  if (kmRows.length > 1)
    kmRows.push(['Total du territoire', `${nf(totalKm)} km`, `${nf(co2AvoidedKg(totalKm), 1)} kg CO₂e`]);
  blocks.push({ kind: 'p', text: 'CO₂ évité par les kilomètres parcourus en VELI :' });
  blocks.push(
    kmRows.length
      ? {
          kind: 'table',
          columns: ['Action (partenaire)', 'Kilomètres VELI cumulés', 'CO₂ évité estimé'],
          widths: [5, 2, 2],
          rows: kmRows,
        }
      : { kind: 'note', text: 'Aucun kilométrage VELI saisi : CO₂ évité non calculable.' },
  );
  blocks.push({ kind: 'note', text: CO2_SOURCE });
  return { heading: SUMMARY_HEADINGS.indicators, level: 2, blocks };
}

/** The territory's sections at one budget; the reports reuse them under a territory heading. */
export function territorySections(r: ProgrammeRecord, t: TerritoryRec, asOf: string, b: Budget): Section[] {
  const partners = r.partners.filter((p) => p.territoryId === t.id);
  return [
    descriptive(t, partners, b),
    ...assessment(t, b),
    progress(r, t, partners, asOf, b),
    blockersSection(
      r.blockers.filter((x) => x.territoryId === t.id),
      partners,
      b,
    ),
    indicatorsSection(r, t, partners, b),
  ];
}

export function buildTerritorySummary(
  r: ProgrammeRecord,
  t: TerritoryRec,
  ed: Edition,
  level: number,
): DocumentModel {
  const b = SUMMARY_BUDGETS[Math.min(level, SUMMARY_BUDGETS.length - 1)]!;
  return {
    type: 'territory-summary',
    title: `Synthèse territoriale — ${t.name}`,
    subtitle: `${r.programme.name} · Rapport d’avancement n° 1 (phase 1 : stratégie)`,
    date: ed.date,
    version: ed.version,
    sections: territorySections(r, t, ed.date, b),
  };
}

/**
 * The loosest budget, from `fromLevel` on, whose estimate fits `maxPages`. The estimate errs
 * on the long side; when a real count still reaches the limit, the caller asks again from a
 * tighter level with a smaller allowance.
 */
export function fitTerritorySummary(
  r: ProgrammeRecord,
  t: TerritoryRec,
  ed: Edition,
  fromLevel = 0,
  maxPages = SUMMARY_MAX_PAGES,
) {
  let level = Math.min(fromLevel, SUMMARY_BUDGETS.length - 1);
  let doc = buildTerritorySummary(r, t, ed, level);
  let pages = estimatePages(doc);
  while (pages > maxPages && level < SUMMARY_BUDGETS.length - 1) {
    level++;
    doc = buildTerritorySummary(r, t, ed, level);
    pages = estimatePages(doc);
  }
  return { doc, level, estimatedPages: pages };
}
