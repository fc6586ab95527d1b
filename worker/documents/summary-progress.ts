import { LABELS } from '../../shared/i18n/labels';
import { days, duration, frDate, nf, plural } from '../../shared/i18n/typography';
import { joinColon, parens } from '../../shared/i18n/wording';
import type { Quota } from '../../shared/quotas/rules';
import type { BlockerCategory, BlockerOwner, BlockerStatus } from '../../shared/schemas/enums';
import { MILESTONE_STATE_LABELS, type MilestoneRow, milestoneRows, milestoneText } from './calendar';
import type { BarRow, BarTone, Block, Section } from './model';
import { properNames } from './names';
import { flat } from './prose';
import type { BlockerRec } from './record';
import { prose, type SummaryCtx } from './summary-context';
import { SUMMARY_HEADINGS } from './summary-profile';

const TONE: Record<Quota['status'], BarTone> = {
  ok: 'ok',
  warning: 'warning',
  reached: 'reached',
  exceeded: 'exceeded',
};

/**
 * What the tender planned, as a deliverable says it (no quota bookkeeping): « non commencé »,
 * « en cours », « presque terminé », « réalisé », « au-delà du prévu ».
 */
export const PROGRESS_WORDS: Record<Quota['status'], string> = {
  ok: 'en cours',
  warning: 'presque terminé',
  reached: 'réalisé',
  exceeded: 'au-delà du prévu',
};
export const progressWords = (q: { used: number; status: Quota['status'] }) =>
  q.used <= 0 ? 'non commencé' : PROGRESS_WORDS[q.status];

/** A quota in the tender's units: « 2 j sur 4 » for diagnostic days, sessions otherwise. */
export function quotaText(q: Quota, minutesPerDay: number): string {
  if (q.unit === 'minutes') return `${days(q.used, minutesPerDay)} sur ${nf(q.limit / minutesPerDay, 1)}`;
  return `${plural(q.used, 'séance')} sur ${nf(q.limit)}`;
}

export const quotaBar = (q: Quota, label: string, minutesPerDay: number): BarRow => ({
  label,
  value: q.used,
  max: q.limit,
  text: quotaText(q, minutesPerDay),
  tone: TONE[q.status],
  status: progressWords(q),
});

function quotaBars(ctx: SummaryCtx): Block {
  const { r, t } = ctx;
  const mpd = r.programme.minutesPerDay;
  const rows = (r.territoryQuotas.get(t.id) ?? []).map((q) => quotaBar(q, q.label, mpd));
  for (const p of ctx.partners)
    for (const q of r.partnerQuotas.get(p.id) ?? []) rows.push(quotaBar(q, `${q.label} — ${p.name}`, mpd));
  return {
    kind: 'bars',
    caption: `Accompagnement réalisé au ${frDate(ctx.asOf)}, au regard de ce que prévoit le marché`,
    rows,
  };
}

const span = (m: { start?: string | undefined; due: string }) =>
  m.start ? `du ${frDate(m.start)} au ${frDate(m.due)}` : frDate(m.due);

/** Every milestone in one paragraph, grouped by state (the tightest budgets). */
function compactCalendar(rows: readonly MilestoneRow[]): string {
  const groups = new Map<string, string[]>();
  for (const m of rows) {
    const label = MILESTONE_STATE_LABELS[m.state];
    const detail = m.on ? frDate(m.on) : m.progress ? m.progress : `échéance ${frDate(m.milestone.due)}`;
    groups.set(label, [...(groups.get(label) ?? []), `${m.milestone.label} — ${detail}`]);
  }
  // One sentence per state; the milestones keep their own capitals (they are titles).
  return [...groups].map(([label, items]) => `${label} : ${items.join(' ; ')}.`).join(' ');
}

/** Quota use and the calendar: two things, never mixed in one table. */
export function progress(ctx: SummaryCtx): Section[] {
  const { r, t } = ctx;
  const sessions = r.sessions.filter((s) => s.territoryId === t.id);
  const minutes = sessions.reduce((a, s) => a + s.durationMinutes, 0);
  const held = sessions.length
    ? `${plural(sessions.length, 'séance tenue', 'séances tenues')} au ${frDate(ctx.asOf)} pour ce territoire et ses partenaires, soit ${duration(minutes)} d’accompagnement.`
    : `Aucune séance tenue au ${frDate(ctx.asOf)} pour ce territoire.`;
  const milestones = milestoneRows(r, ctx.asOf, t.id);
  const calendar: Block = ctx.b.compactCalendar
    ? { kind: 'p', text: compactCalendar(milestones) }
    : {
        kind: 'table',
        columns: ['Jalon du programme', 'Échéance', 'État au regard du registre'],
        widths: [5, 3, 4],
        rows: milestones.map((m) => [m.milestone.label, span(m.milestone), milestoneText(m)]),
      };
  return [
    { heading: SUMMARY_HEADINGS.progress, level: 2, blocks: [{ kind: 'p', text: held }] },
    { heading: SUMMARY_HEADINGS.quotas, level: 3, blocks: [quotaBars(ctx)] },
    { heading: SUMMARY_HEADINGS.calendar, level: 3, blocks: [calendar] },
  ];
}

const STATUS_WORDS: Record<BlockerStatus, [string, string]> = {
  resolved: ['levé', 'levés'],
  'in-progress': ['en cours', 'en cours'],
  open: ['ouvert', 'ouverts'],
  abandoned: ['abandonné', 'abandonnés'],
};
const STATUS_ORDER: readonly BlockerStatus[] = ['resolved', 'in-progress', 'open', 'abandoned'];

/** « 3 levés, 1 en cours, 1 ouvert » (lifted first, agreement and plurals right). */
export function statusCounts(blockers: readonly { status: BlockerStatus }[]): string {
  return STATUS_ORDER.map((s) => [s, blockers.filter((b) => b.status === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => plural(n, ...STATUS_WORDS[s]))
    .join(', ');
}

/** « Stationnement 3, Assurance 1 », most frequent first. */
export function tally<K extends string>(keys: readonly K[], labels: Record<K, string>): string {
  const m = new Map<K, number>();
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
  return [...m.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${labels[k]} ${nf(n)}`)
    .join(', ');
}

/** Lifted blockers first (their solutions are what others can reuse), then those with a solution. */
const rank = (b: BlockerRec) =>
  b.status === 'resolved'
    ? 0
    : b.status === 'abandoned'
      ? 4
      : b.solution?.trim()
        ? 1
        : b.status === 'in-progress'
          ? 2
          : 3;

export const sortBlockers = (list: readonly BlockerRec[]) =>
  [...list].sort(
    (x, y) => rank(x) - rank(y) || y.updatedAt.localeCompare(x.updatedAt) || x.id.localeCompare(y.id),
  );

function blockerRow(ctx: SummaryCtx, x: BlockerRec, partner: string | undefined, cut: { any: boolean }) {
  const label = `verrou « ${x.title} »`;
  const text = (field: 'description' | 'solution', max: number) => {
    const value = x[field]?.trim();
    if (!value || max <= 0) return '';
    const k = prose(
      ctx,
      `blockers.${x.id}.${field}`,
      `${field === 'solution' ? 'Solution' : 'Description'} du ${label}`,
      flat(value),
      max,
    );
    cut.any ||= Boolean(k.shortened);
    return k.text;
  };
  const description = text('description', ctx.b.blockerChars);
  return [
    LABELS.blockerCategory[x.category],
    description
      ? joinColon(`${x.title}${partner ? ` ${parens(partner)}` : ''}`, description, properNames(ctx.r))
      : `${x.title}${partner ? ` ${parens(partner)}` : ''}`,
    `${LABELS.blockerOwner[x.owner]}${x.ownerName ? ` ${parens(x.ownerName)}` : ''}`,
    LABELS.blockerStatus[x.status],
    text('solution', ctx.b.solutionChars) || '—',
  ];
}

export function blockersSection(ctx: SummaryCtx): Section {
  const all = ctx.r.blockers.filter((x) => x.territoryId === ctx.t.id);
  if (!all.length)
    return {
      heading: SUMMARY_HEADINGS.blockers,
      level: 2,
      blocks: [{ kind: 'note', text: 'Aucun verrou consigné à cette date.' }],
    };
  const sorted = sortBlockers(all);
  const kept = sorted.slice(0, ctx.b.blockerRows);
  const rest = sorted.slice(kept.length);
  const names = new Map(ctx.partners.map((p) => [p.id, p.name]));
  const cut = { any: false };
  const rows = kept.map((x) => blockerRow(ctx, x, x.partnerId ? names.get(x.partnerId) : undefined, cut));
  const notes = [
    rest.length
      ? `${plural(rest.length, 'autre verrou non détaillé', 'autres verrous non détaillés')} : ${statusCounts(rest)} ; par catégorie : ${tally<BlockerCategory>(
          rest.map((x) => x.category),
          LABELS.blockerCategory,
        )}.`
      : '',
    cut.any
      ? 'Textes abrégés à la fin d’une phrase ([…]) ; les textes intégraux restent dans le registre.'
      : '',
    ctx.b.blockerChars <= 0 ? 'Descriptions des verrous : voir le registre (format condensé).' : '',
  ].filter(Boolean);
  return {
    heading: SUMMARY_HEADINGS.blockers,
    level: 2,
    blocks: [
      {
        kind: 'p',
        text: `${plural(all.length, 'verrou consigné', 'verrous consignés')} : ${statusCounts(all)}.`,
      },
      {
        kind: 'p',
        text: `Répartition des rôles (qui porte la solution) : ${tally<BlockerOwner>(
          all.map((x) => x.owner),
          LABELS.blockerOwner,
        )}.`,
      },
      {
        kind: 'table',
        columns: ['Catégorie', 'Verrou', 'Porteur', 'Statut', 'Solution'],
        widths: [1.8, 5.2, 2, 1.4, 5],
        rows,
        rest: notes.join(' ') || undefined,
      },
    ],
  };
}
