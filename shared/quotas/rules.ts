import type { Quota, QuotaReport } from '../api/quotas';
import { LABELS } from '../i18n/labels';
import type { QuotaStatus, SessionKind } from '../schemas/enums';
import type { Programme } from '../schemas/programme';

/** A quota as the API answers it (shared/api/quotas.ts), and the report of every quota. */
export type { Quota, QuotaReport };
export type QuotaScope = Quota['scope'];
export type QuotaUnit = Quota['unit'];

/** How one session kind counts against the tender's quotas (see the contract's table). */
export interface QuotaRule {
  kind: SessionKind;
  phase: 1 | 2 | 3 | null;
  scope: QuotaScope;
  unit: QuotaUnit;
  limit: (p: Programme) => number;
  /** Cap on one session's duration (forfaits of 2 h, monthly meeting under 1 h). */
  maxMinutesPerSession?: (p: Programme) => number;
  /** The quota applies per calendar month (ADEME monthly meeting). */
  perMonth?: boolean;
  /** Each host territory at most once (collective workshops). */
  uniqueTerritory?: boolean;
  /** The session must name a territory (the host for workshops). */
  needsTerritory: boolean;
}

const q = (p: Programme) => p.quotas;

export const QUOTA_RULES: Record<SessionKind, QuotaRule> = {
  'ademe-kickoff': {
    kind: 'ademe-kickoff',
    phase: 1,
    scope: 'programme',
    unit: 'sessions',
    needsTerritory: false,
    limit: (p) => q(p).ademeKickoffs,
  },
  'territory-interview': {
    kind: 'territory-interview',
    phase: 1,
    scope: 'territory',
    unit: 'sessions',
    needsTerritory: true,
    limit: (p) => q(p).territoryInterviewsPerTerritory,
  },
  diagnostic: {
    kind: 'diagnostic',
    phase: 1,
    scope: 'territory',
    unit: 'minutes',
    needsTerritory: true,
    limit: (p) => q(p).diagnosticDaysPerTerritory * p.minutesPerDay,
  },
  'team-building': {
    kind: 'team-building',
    phase: 1,
    scope: 'programme',
    unit: 'sessions',
    needsTerritory: false,
    limit: (p) => q(p).teamBuildingEvents,
  },
  'collective-support': {
    kind: 'collective-support',
    phase: 2,
    scope: 'territory',
    unit: 'sessions',
    needsTerritory: true,
    limit: (p) => q(p).collectiveSupportsPerTerritory,
    maxMinutesPerSession: (p) => q(p).collectiveSupportMinutes,
  },
  workshop: {
    kind: 'workshop',
    phase: 2,
    scope: 'programme',
    unit: 'sessions',
    needsTerritory: true,
    uniqueTerritory: true,
    limit: (p) => q(p).workshopsTotal,
  },
  'virtual-event': {
    kind: 'virtual-event',
    phase: 2,
    scope: 'programme',
    unit: 'sessions',
    needsTerritory: false,
    limit: (p) => q(p).virtualEvents,
  },
  'partner-support': {
    kind: 'partner-support',
    phase: 3,
    scope: 'partner',
    unit: 'sessions',
    needsTerritory: true,
    limit: (p) => q(p).partnerSupportsPerPartner,
    maxMinutesPerSession: (p) => q(p).partnerSupportMinutes,
  },
  'closing-event': {
    kind: 'closing-event',
    phase: 3,
    scope: 'programme',
    unit: 'sessions',
    needsTerritory: false,
    limit: (p) => q(p).closingEvents,
  },
  copil: {
    kind: 'copil',
    phase: null,
    scope: 'programme',
    unit: 'sessions',
    needsTerritory: false,
    limit: (p) => q(p).copilTotal,
  },
  'ademe-monthly': {
    kind: 'ademe-monthly',
    phase: null,
    scope: 'programme',
    unit: 'sessions',
    needsTerritory: false,
    perMonth: true,
    limit: () => 1,
    maxMinutesPerSession: (p) => q(p).ademeMonthlyMaxMinutes,
  },
};

export const RULES = Object.values(QUOTA_RULES);
/** The rules by scope, in the table's order (the order of a report's quotas). */
export const PROGRAMME_RULES = RULES.filter((r) => r.scope === 'programme');
export const TERRITORY_RULES = RULES.filter((r) => r.scope === 'territory');
export const PARTNER_RULES = RULES.filter((r) => r.scope === 'partner');

export function quotaStatus(used: number, limit: number, warnAtRatio: number): QuotaStatus {
  if (used > limit) return 'exceeded';
  if (used >= limit) return 'reached';
  if (used >= warnAtRatio * limit) return 'warning';
  return 'ok';
}

/** The amount one session adds to its quota. */
export const sessionAmount = (rule: QuotaRule, durationMinutes: number) =>
  rule.unit === 'minutes' ? durationMinutes : 1;

export function makeQuota(rule: QuotaRule, p: Programme, subjectId: string, used: number): Quota {
  const limit = rule.limit(p);
  const monthSuffix = rule.perMonth ? ` (${subjectId})` : '';
  return {
    key: rule.kind,
    scope: rule.scope,
    subjectId,
    label: `${LABELS.sessionKind[rule.kind]}${monthSuffix}`,
    unit: rule.unit,
    used,
    limit,
    remaining: Math.max(0, limit - used),
    status: quotaStatus(used, limit, p.warnAtRatio),
  };
}

/** Aggregated use of one quota subject: a `quota_usage` row, placed by its rule's subject field. */
export interface QuotaUsage {
  kind: SessionKind;
  territoryId: string | null;
  partnerId: string | null;
  month: string | null;
  sessions: number;
  minutes: number;
}

/**
 * Which of a session's fields names the subject it counts against: its territory, its partner,
 * its month, or none (the programme). The one place that decides it: the worker stores the
 * subject with the session (`quota_subject`) and every count reads that column.
 */
export type SubjectField = 'territoryId' | 'partnerId' | 'month' | null;
export function subjectField(rule: QuotaRule): SubjectField {
  if (rule.scope === 'territory') return 'territoryId';
  if (rule.scope === 'partner') return 'partnerId';
  return rule.perMonth ? 'month' : null;
}

/** The subject a session counts against, given its rule. */
export function subjectOf(
  rule: QuotaRule,
  s: {
    territoryId?: string | null | undefined;
    partnerId?: string | null | undefined;
    date?: string | undefined;
    month?: string | null | undefined;
  },
): string {
  const field = subjectField(rule);
  if (field === 'territoryId') return s.territoryId ?? '';
  if (field === 'partnerId') return s.partnerId ?? '';
  if (field === 'month') return s.month ?? (s.date ?? '').slice(0, 7);
  return 'programme';
}

const usageKey = (kind: string, subject: string) => `${kind}\u0000${subject}`;

/** How much of each quota subject the usage rows use, and the months the monthly quotas saw. */
export function quotaUse(usage: readonly QuotaUsage[]) {
  const used = new Map<string, number>();
  const months = new Set<string>();
  for (const u of usage) {
    const rule = QUOTA_RULES[u.kind];
    if (!rule) continue;
    if (rule.perMonth && u.month) months.add(u.month);
    const key = usageKey(u.kind, subjectOf(rule, u));
    used.set(key, (used.get(key) ?? 0) + (rule.unit === 'minutes' ? u.minutes : u.sessions));
  }
  return {
    of: (kind: SessionKind, subject: string) => used.get(usageKey(kind, subject)) ?? 0,
    months: [...months].sort(),
  };
}

export type QuotaUse = ReturnType<typeof quotaUse>;

/** The programme-wide quotas: one per rule, or one per month seen for the monthly ones. */
export function programmeQuotas(p: Programme, use: QuotaUse): Quota[] {
  return PROGRAMME_RULES.flatMap((rule) =>
    (rule.perMonth ? use.months : ['programme']).map((s) => makeQuota(rule, p, s, use.of(rule.kind, s))),
  );
}

/** Record + programme → every Quota of the contract; pure, shared by the worker and the add-on. */
export function buildQuotaReport(
  p: Programme,
  territories: readonly { id: string; name: string }[],
  partners: readonly { id: string; territoryId: string; name: string }[],
  usage: readonly QuotaUsage[],
): QuotaReport {
  const use = quotaUse(usage);
  const quota = (rule: QuotaRule, subject: string) => makeQuota(rule, p, subject, use.of(rule.kind, subject));
  return {
    programme: programmeQuotas(p, use),
    territories: territories.map((t) => ({
      territoryId: t.id,
      name: t.name,
      quotas: TERRITORY_RULES.map((r) => quota(r, t.id)),
    })),
    partners: partners.map((pa) => ({
      partnerId: pa.id,
      territoryId: pa.territoryId,
      name: pa.name,
      quotas: PARTNER_RULES.map((r) => quota(r, pa.id)),
    })),
  };
}

/** Sessions → usage rows, for clients that hold raw sessions (the add-on's mirror). */
export function usageFromSessions(
  sessions: readonly {
    kind: SessionKind;
    territoryId?: string | null | undefined;
    partnerId?: string | null | undefined;
    date: string;
    durationMinutes: number;
  }[],
): QuotaUsage[] {
  return sessions.map((s) => ({
    kind: s.kind,
    territoryId: s.territoryId ?? null,
    partnerId: s.partnerId ?? null,
    month: s.date.slice(0, 7),
    sessions: 1,
    minutes: s.durationMinutes,
  }));
}

/** Would one more session of this duration fit? Used before any call and by the worker's message. */
export function fitsQuota(rule: QuotaRule, quota: Pick<Quota, 'used' | 'limit'>, durationMinutes: number) {
  return quota.used + sessionAmount(rule, durationMinutes) <= quota.limit;
}
