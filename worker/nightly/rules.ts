import { LABELS } from '../../shared/i18n/labels';
import { buildQuotaReport, QUOTA_RULES, type Quota, type QuotaUsage } from '../../shared/quotas/rules';
import type { BlockerStatus, SessionKind } from '../../shared/schemas/enums';
import type { Milestone, Programme } from '../../shared/schemas/programme';
import { ALERT_SEVERITY, alertKey } from '../../shared/sheets/alerts-tab';
import { amount, daysBetween, deMonth, frDate, monthsBetween, nf, plural } from './format';

export type Severity = 'info' | 'warning' | 'critical';
export type SubjectType =
  | 'programme'
  | 'territory'
  | 'partner'
  | 'month'
  | 'milestone'
  | 'blocker'
  | 'action'
  | 'workshop';

/** Every rule of the nightly check: its code (stored, English), its severity and French label. */
export const ALERT_RULES = {
  'quota-near': { severity: 'info', label: 'Quota bientôt atteint' },
  'quota-reached': { severity: 'warning', label: 'Quota atteint' },
  'quota-exceeded': { severity: 'critical', label: 'Quota dépassé par dérogation' },
  'quota-lowered': { severity: 'critical', label: 'Quota abaissé sous la consommation' },
  'interview-missing': { severity: 'warning', label: 'Entretien individuel manquant' },
  'collective-support-missing': { severity: 'warning', label: 'Aucun appui collectif' },
  // Info while the partner-actions period runs, warning once it is over (see below).
  'partner-support-missing': { severity: 'warning', label: 'Partenaire sans accompagnement individuel' },
  'copil-missing': { severity: 'warning', label: 'COPIL manquant' },
  'ademe-monthly-missing': { severity: 'warning', label: 'Point mensuel ADEME manquant' },
  'ademe-monthly-too-long': { severity: 'warning', label: 'Point mensuel ADEME trop long' },
  'workshops-missing': { severity: 'warning', label: 'Ateliers collectifs non tenus' },
  'event-missing': { severity: 'warning', label: 'Événement non tenu' },
  'blocker-stale': { severity: 'warning', label: 'Verrou sans évolution' },
  'action-without-indicator': { severity: 'warning', label: 'Action sans valeur d’indicateur' },
  'assessment-missing': { severity: 'warning', label: 'Synthèse territoriale manquante' },
  'workshop-unlinked': { severity: 'warning', label: 'Atelier collectif sans fiche ou sans séance' },
} as const satisfies Record<string, { severity: Severity; label: string }>;
export type AlertRule = keyof typeof ALERT_RULES;

/** French severity labels: the « Alertes » tab's, the digest's. */
export const SEVERITY_LABELS: Record<Severity, string> = ALERT_SEVERITY;

/** Stale-work thresholds of the tender's follow-up (days without change / without a value). */
export const BLOCKER_STALE_DAYS = 45;
export const INDICATOR_STALE_DAYS = 60;

/**
 * Milestone keys the calendar rules read (the preset's; a programme without one of them
 * simply skips its rule). COPIL milestones are `launch` and every key starting with `copil`.
 */
export const MILESTONES = {
  contacts: 'territory-contacts',
  phase2: 'copil-phase-2',
  partnerActions: 'partner-actions',
  workshops: ['workshops', 'virtual-event'],
} as const;
/** Events due by a milestone: the session kind that holds them and its quota. */
export const EVENT_MILESTONES: readonly { milestone: string; kind: SessionKind }[] = [
  { milestone: 'launch', kind: 'ademe-kickoff' },
  { milestone: 'virtual-event', kind: 'virtual-event' },
  { milestone: 'closing-event', kind: 'closing-event' },
];

/** A session group as the check's one GROUP BY returns it (see facts.ts). */
export interface SessionFact extends QuotaUsage {
  plainSessions: number;
  plainMinutes: number;
  /** Sessions dated on or before the check's date: what the calendar rules count as held. */
  heldSessions: number;
  longestHeld: number | null;
}

export interface Facts {
  programme: Programme;
  asOf: string;
  territories: { id: string; name: string; hasAssessment: boolean }[];
  partners: { id: string; territoryId: string; name: string }[];
  sessions: SessionFact[];
  staleBlockers: {
    id: string;
    title: string;
    status: BlockerStatus;
    changedOn: string;
    territoryName: string;
    partnerName: string | null;
  }[];
  staleActions: {
    id: string;
    title: string;
    partnerName: string;
    territoryName: string;
    createdOn: string;
    lastValueOn: string | null;
  }[];
  /** Held `workshop` sessions without a sheet (id: host territory) and sheets without their session. */
  unlinkedWorkshops?: {
    side: 'session' | 'sheet';
    id: string;
    hostName: string;
    date: string;
    number: number | null;
    theme: string | null;
  }[];
}

export interface Candidate {
  key: string;
  rule: AlertRule;
  severity: Severity;
  subjectType: SubjectType;
  subjectId: string;
  subjectLabel: string;
  quota: string | null;
  message: string;
}

const quoted = (s: string) => `« ${s} »`;

function candidate(
  rule: AlertRule,
  subjectType: SubjectType,
  subjectId: string,
  subjectLabel: string,
  message: string,
  opts: { severity?: Severity; quota?: string } = {},
): Candidate {
  const quota = opts.quota ?? null;
  return {
    key: alertKey({ rule, subjectType, subjectId, quota }),
    rule,
    severity: opts.severity ?? ALERT_RULES[rule].severity,
    subjectType,
    subjectId,
    subjectLabel,
    quota,
    message: `${subjectLabel} : ${message}`,
  };
}

/** The whole check on facts read in a constant number of statements: pure, no I/O. */
export function evaluate(f: Facts): Candidate[] {
  const names = {
    territory: new Map(f.territories.map((t) => [t.id, t.name])),
    partner: new Map(f.partners.map((p) => [p.id, p])),
  };
  const territoryLabel = (id: string) => `Territoire ${quoted(names.territory.get(id) ?? id)}`;
  const partnerLabel = (id: string) => {
    const p = names.partner.get(id);
    if (!p) return `Partenaire ${quoted(id)}`;
    return `Partenaire ${quoted(p.name)} (territoire ${quoted(names.territory.get(p.territoryId) ?? p.territoryId)})`;
  };
  const labels = { territory: territoryLabel, partner: partnerLabel };
  return [
    ...quotaAlerts(f, labels),
    ...calendarAlerts(f, labels),
    ...staleAlerts(f),
    ...(f.unlinkedWorkshops ?? []).map(workshopAlert),
  ];
}

/** The sheet, the quota and the alerts agree: a workshop is its session and its sheet. */
function workshopAlert(w: NonNullable<Facts['unlinkedWorkshops']>[number]): Candidate {
  if (w.side === 'session')
    return candidate(
      'workshop-unlinked',
      'territory',
      w.id,
      `Territoire ${quoted(w.hostName)}`,
      `atelier collectif tenu le ${frDate(w.date)} (séance du journal) sans fiche atelier : rédigez sa fiche.`,
    );
  return candidate(
    'workshop-unlinked',
    'workshop',
    w.id,
    `Fiche atelier n° ${w.number} ${quoted(w.theme ?? '')}`,
    `aucune séance ${quoted('Atelier collectif')} consignée pour le territoire d’accueil ${quoted(w.hostName)} : l’atelier du ${frDate(w.date)} ne compte pas dans le quota.`,
  );
}

// ---- quotas --------------------------------------------------------------------------

type Labels = { territory: (id: string) => string; partner: (id: string) => string };

const quotaKey = (q: Quota) => `${q.key}|${q.scope}|${q.subjectId}`;

/**
 * Each quota's use without the sessions an admin forced through: if that alone is over the
 * limit, the limit itself moved below what had been used (lowered via PUT /v1/programme).
 */
function usedWithoutOverrides(f: Facts): Map<string, number> {
  const plain = buildQuotaReport(
    f.programme,
    f.territories,
    f.partners,
    f.sessions.map((s) => ({ ...s, sessions: s.plainSessions, minutes: s.plainMinutes })),
  );
  const all = [...plain.programme, ...plain.territories.flatMap((t) => t.quotas)];
  return new Map([...all, ...plain.partners.flatMap((x) => x.quotas)].map((q) => [quotaKey(q), q.used]));
}

/** The alert, if any, for one quota's use. */
function quotaAlert(
  q: Quota,
  p: Programme,
  plainUsed: number,
  subject: { type: SubjectType; label: string },
): Candidate | null {
  if (q.used === 0) return null;
  const what = `${q.label} — ${amount(q.used, q.unit)} sur ${amount(q.limit, q.unit)}`;
  const alert = (rule: AlertRule, message: string) =>
    candidate(rule, subject.type, q.subjectId, subject.label, `${what}${message}`, { quota: q.key });
  if (q.used > q.limit)
    return plainUsed > q.limit
      ? alert('quota-lowered', ' : le quota a été abaissé sous ce qui est déjà consommé.')
      : alert(
          'quota-exceeded',
          ` : dépassement de ${amount(q.used - q.limit, q.unit)} accordé par dérogation.`,
        );
  // One-off quotas (an interview, an event) are done, not "reached", when used once.
  if (q.limit <= 1 && q.unit === 'sessions') return null;
  if (q.used === q.limit)
    return alert('quota-reached', ' : quota atteint, toute nouvelle séance demandera une dérogation.');
  if (q.used < p.warnAtRatio * q.limit) return null;
  const pct = Math.round((q.used / q.limit) * 100);
  return alert('quota-near', ` (${nf(pct)} %) : reste ${amount(q.limit - q.used, q.unit)}.`);
}

function quotaAlerts(f: Facts, labels: Labels): Candidate[] {
  const full = buildQuotaReport(f.programme, f.territories, f.partners, f.sessions);
  const plainUsed = usedWithoutOverrides(f);
  const subjects: [Quota, { type: SubjectType; label: string }][] = [
    ...full.programme.map((q): [Quota, { type: SubjectType; label: string }] =>
      QUOTA_RULES[q.key as SessionKind]?.perMonth
        ? [q, { type: 'month', label: monthLabel(q.subjectId) }]
        : [q, { type: 'programme', label: 'Programme' }],
    ),
    ...full.territories.flatMap((t) =>
      t.quotas.map((q): [Quota, { type: SubjectType; label: string }] => [
        q,
        { type: 'territory', label: labels.territory(t.territoryId) },
      ]),
    ),
    ...full.partners.flatMap((pa) =>
      pa.quotas.map((q): [Quota, { type: SubjectType; label: string }] => [
        q,
        { type: 'partner', label: labels.partner(pa.partnerId) },
      ]),
    ),
  ];
  return subjects
    .map(([q, subject]) => quotaAlert(q, f.programme, plainUsed.get(quotaKey(q)) ?? 0, subject))
    .filter((c): c is Candidate => c !== null);
}

const monthLabel = (month: string) => `Mois ${deMonth(month)}`;

// ---- calendar ------------------------------------------------------------------------

function milestone(p: Programme, key: string): Milestone | undefined {
  return p.milestones.find((m) => m.key === key);
}
const milestoneText = (m: Milestone) => `jalon ${quoted(m.label)} du ${frDate(m.due)}`;

/** What every calendar rule reads: the facts, the date in words, sessions held by then. */
interface Calendar {
  f: Facts;
  p: Programme;
  asOf: string;
  asOfText: string;
  labels: Labels;
  held: (kind: SessionKind) => number;
  heldBy: (kind: SessionKind, field: 'territoryId' | 'partnerId') => Map<string, number>;
}

function calendarOf(f: Facts, labels: Labels): Calendar {
  return {
    f,
    p: f.programme,
    asOf: f.asOf,
    asOfText: `au ${frDate(f.asOf)}`,
    labels,
    held: (kind) => f.sessions.filter((s) => s.kind === kind).reduce((n, s) => n + s.heldSessions, 0),
    heldBy: (kind, field) => {
      const m = new Map<string, number>();
      for (const s of f.sessions) {
        const id = s[field];
        if (s.kind === kind && id) m.set(id, (m.get(id) ?? 0) + s.heldSessions);
      }
      return m;
    },
  };
}

/** Territories without any `kind` session held once the milestone has passed. */
function territoriesWithout(
  cal: Calendar,
  rule: AlertRule,
  kind: SessionKind,
  m: Milestone | undefined,
  message: (m: Milestone) => string,
): Candidate[] {
  if (!m || cal.asOf <= m.due) return [];
  const held = cal.heldBy(kind, 'territoryId');
  return cal.f.territories
    .filter((t) => !held.get(t.id))
    .map((t) => candidate(rule, 'territory', t.id, cal.labels.territory(t.id), message(m)));
}

function territoryAlerts(cal: Calendar): Candidate[] {
  const { p, asOfText } = cal;
  const supports = p.quotas.collectiveSupportsPerTerritory;
  return [
    ...territoriesWithout(
      cal,
      'interview-missing',
      'territory-interview',
      milestone(p, MILESTONES.contacts),
      (m) => `aucun entretien individuel tenu ${asOfText}, alors que le ${milestoneText(m)} est passé.`,
    ),
    ...(supports > 0
      ? territoriesWithout(
          cal,
          'collective-support-missing',
          'collective-support',
          milestone(p, MILESTONES.phase2),
          (m) =>
            `aucun appui collectif tenu ${asOfText} sur les ${nf(supports)} prévus, ` +
            `alors que le ${milestoneText(m)} est passé.`,
        )
      : []),
  ];
}

/** Partners without an individual support: info while the period runs, warning once it is over. */
function partnerAlerts(cal: Calendar): Candidate[] {
  const { p, asOf, asOfText } = cal;
  const period = milestone(p, MILESTONES.partnerActions);
  const planned = p.quotas.partnerSupportsPerPartner;
  if (!period || planned === 0) return [];
  const start = period.start ?? period.due;
  if (asOf < start) return [];
  const over = asOf > period.due;
  const supports = cal.heldBy('partner-support', 'partnerId');
  const span = `période ${quoted(period.label)} du ${frDate(start)} au ${frDate(period.due)}`;
  const message = over
    ? `aucun accompagnement individuel tenu sur les ${nf(planned)} prévus ; la ${span} est terminée.`
    : `aucun accompagnement individuel tenu ${asOfText} sur les ${nf(planned)} prévus (${span}).`;
  return cal.f.partners
    .filter((pa) => !supports.get(pa.id))
    .map((pa) =>
      candidate('partner-support-missing', 'partner', pa.id, cal.labels.partner(pa.id), message, {
        severity: over ? 'warning' : 'info',
      }),
    );
}

/** COPIL: the n-th COPIL milestone (by date) expects n COPILs held, up to the quota. */
function copilAlerts(cal: Calendar): Candidate[] {
  const { p, asOf, asOfText } = cal;
  const copils = p.milestones
    .filter((m) => m.key === 'launch' || m.key.startsWith('copil'))
    .sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0));
  const held = cal.held('copil');
  return copils.flatMap((m, i) => {
    const expected = Math.min(i + 1, p.quotas.copilTotal);
    if (asOf <= m.due || held >= expected) return [];
    return [
      candidate(
        'copil-missing',
        'milestone',
        m.key,
        `Jalon ${quoted(m.label)}`,
        `${plural(held, 'COPIL tenu', 'COPIL tenus')} ${asOfText} pour ${nf(expected)} attendu${expected > 1 ? 's' : ''} ` +
          `à l’échéance du ${frDate(m.due)}.`,
      ),
    ];
  });
}

/** ADEME monthly meeting: every past month of the programme, one meeting of at most N min. */
function monthlyAlerts(cal: Calendar): Candidate[] {
  const { p, asOf } = cal;
  const max = p.quotas.ademeMonthlyMaxMinutes;
  const monthly = new Map<string, { held: number; longest: number }>();
  for (const s of cal.f.sessions) {
    if (s.kind !== 'ademe-monthly' || !s.month) continue;
    const m = monthly.get(s.month) ?? { held: 0, longest: 0 };
    monthly.set(s.month, { held: m.held + s.heldSessions, longest: Math.max(m.longest, s.longestHeld ?? 0) });
  }
  const missing = monthsBetween(p.startDate, asOf)
    .filter((month) => month < asOf.slice(0, 7) && month <= p.endDate.slice(0, 7))
    .filter((month) => !monthly.get(month)?.held)
    .map((month) =>
      candidate(
        'ademe-monthly-missing',
        'month',
        month,
        monthLabel(month),
        `aucun point mensuel avec l’ADEME (un par mois, moins de ${nf(max)} min).`,
      ),
    );
  const tooLong = [...monthly]
    .filter(([, m]) => m.longest > max)
    .map(([month, m]) =>
      candidate(
        'ademe-monthly-too-long',
        'month',
        month,
        monthLabel(month),
        `point mensuel ADEME de ${nf(m.longest)} min, au-delà des ${nf(max)} min prévues.`,
      ),
    );
  return [...missing, ...tooLong];
}

/** Collective workshops held by their milestone, and the events due by theirs. */
function eventAlerts(cal: Calendar): Candidate[] {
  const { p, asOf, asOfText } = cal;
  const out: Candidate[] = [];
  const workshopsDue = MILESTONES.workshops.map((k) => milestone(p, k)).find(Boolean);
  const workshopsHeld = cal.held('workshop');
  if (workshopsDue && asOf > workshopsDue.due && workshopsHeld < p.quotas.workshopsTotal) {
    out.push(
      candidate(
        'workshops-missing',
        'programme',
        'programme',
        'Programme',
        `${plural(workshopsHeld, 'atelier collectif tenu', 'ateliers collectifs tenus')} sur ${nf(p.quotas.workshopsTotal)} prévus ` +
          `${asOfText}, alors que le ${milestoneText(workshopsDue)} est passé.`,
      ),
    );
  }
  for (const e of EVENT_MILESTONES) {
    const m = milestone(p, e.milestone);
    const expected = QUOTA_RULES[e.kind].limit(p);
    if (!m || asOf <= m.due || expected === 0) continue;
    const n = cal.held(e.kind);
    if (n >= expected) continue;
    out.push(
      candidate(
        'event-missing',
        'milestone',
        m.key,
        `Jalon ${quoted(m.label)}`,
        `${LABELS.sessionKind[e.kind]} : ${nf(n)} tenu sur ${nf(expected)} prévu ${asOfText}, échéance du ${frDate(m.due)} dépassée.`,
      ),
    );
  }
  return out;
}

function calendarAlerts(f: Facts, labels: Labels): Candidate[] {
  const cal = calendarOf(f, labels);
  return [
    ...territoryAlerts(cal),
    ...partnerAlerts(cal),
    ...copilAlerts(cal),
    ...monthlyAlerts(cal),
    ...eventAlerts(cal),
  ];
}

// ---- stale work ----------------------------------------------------------------------

function staleAlerts(f: Facts): Candidate[] {
  const out: Candidate[] = [];
  for (const b of f.staleBlockers) {
    const where = b.partnerName
      ? `territoire ${quoted(b.territoryName)}, partenaire ${quoted(b.partnerName)}`
      : `territoire ${quoted(b.territoryName)}`;
    out.push(
      candidate(
        'blocker-stale',
        'blocker',
        b.id,
        `Verrou ${quoted(b.title)} (${where})`,
        `${LABELS.blockerStatus[b.status].toLowerCase()}, sans modification depuis ${plural(daysBetween(b.changedOn, f.asOf), 'jour')} ` +
          `(dernière le ${frDate(b.changedOn)} ; seuil ${nf(BLOCKER_STALE_DAYS)} jours).`,
      ),
    );
  }
  for (const a of f.staleActions) {
    const label = `Fiche action ${quoted(a.title)} (partenaire ${quoted(a.partnerName)}, territoire ${quoted(a.territoryName)})`;
    // The clock starts at the latest of the action's creation and its partner's last value.
    const lastValue = a.lastValueOn && a.lastValueOn >= a.createdOn ? a.lastValueOn : null;
    const message = lastValue
      ? `aucune valeur d’indicateur depuis ${plural(daysBetween(lastValue, f.asOf), 'jour')} (dernière période close le ${frDate(lastValue)} ; seuil ${nf(INDICATOR_STALE_DAYS)} jours).`
      : `aucune valeur d’indicateur saisie pour ce partenaire depuis la création de l’action il y a ${plural(daysBetween(a.createdOn, f.asOf), 'jour')} (seuil ${nf(INDICATOR_STALE_DAYS)} jours).`;
    out.push(candidate('action-without-indicator', 'action', a.id, label, message));
  }
  const diag = QUOTA_RULES.diagnostic;
  const limit = diag.limit(f.programme);
  const used = new Map<string, number>();
  for (const s of f.sessions) {
    if (s.kind === 'diagnostic' && s.territoryId)
      used.set(s.territoryId, (used.get(s.territoryId) ?? 0) + s.minutes);
  }
  for (const t of f.territories) {
    const u = used.get(t.id) ?? 0;
    if (t.hasAssessment || limit === 0 || u < limit) continue;
    out.push(
      candidate(
        'assessment-missing',
        'territory',
        t.id,
        `Territoire ${quoted(t.name)}`,
        `jours de diagnostic épuisés (${amount(u, 'minutes')} sur ${amount(limit, 'minutes')}) mais constat, enjeux et recommandations non saisis.`,
      ),
    );
  }
  return out;
}
