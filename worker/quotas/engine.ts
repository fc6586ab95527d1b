import {
  makeQuota,
  PARTNER_RULES,
  PROGRAMME_RULES,
  programmeQuotas,
  QUOTA_RULES,
  type Quota,
  type QuotaReport,
  type QuotaRule,
  type QuotaUsage,
  quotaUse,
  sessionAmount,
  subjectField,
  subjectOf,
  TERRITORY_RULES,
} from '../../shared/quotas/rules';
import type { SessionKind } from '../../shared/schemas/enums';
import type { Programme } from '../../shared/schemas/programme';
import { type AuditContext, auditStatement } from '../db/audit';
import { query } from '../db/query';
import { presentSession, type SessionData, type StoredSession } from '../db/sessions';
import { type Outcome, versionedUpdate } from '../db/versioned';

type Subject = {
  territoryId?: string | null | undefined;
  partnerId?: string | null | undefined;
  date?: string | undefined;
};

const usedColumn = (rule: QuotaRule) => (rule.unit === 'minutes' ? 'minutes' : 'sessions');

/** The use of one quota subject, from the trigger-kept `quota_usage` table. */
export async function currentQuota(
  db: D1Database,
  rule: QuotaRule,
  p: Programme,
  s: Subject,
): Promise<Quota> {
  const subject = subjectOf(rule, s);
  const row = await db
    .prepare(
      `SELECT COALESCE((SELECT ${usedColumn(rule)} FROM quota_usage WHERE kind = ? AND subject = ?), 0) AS used`,
    )
    .bind(rule.kind, subject)
    .first<{ used: number }>();
  return makeQuota(rule, p, subject, Number(row?.used ?? 0));
}

/** What a correction of a session changes in its quota: the subject and amount after it. */
export function correctionOf(rule: QuotaRule, before: StoredSession, after: SessionData, p: Programme) {
  const subject = subjectOf(rule, after);
  const amount = sessionAmount(rule, after.durationMinutes);
  const freed = subject === before.quotaSubject ? sessionAmount(rule, before.durationMinutes) : 0;
  // Only a correction that takes more of a subject needs room in it (a shorter session never does).
  const condition =
    amount > freed
      ? {
          sql: `COALESCE((SELECT ${usedColumn(rule)} FROM quota_usage WHERE kind = ? AND subject = ?), 0) - ? + ? <= ?`,
          args: [rule.kind, subject, freed, amount, rule.limit(p)],
        }
      : undefined;
  return { subject, asked: amount - freed, condition };
}

/**
 * A session corrected, on the version it was read at, and the quota re-checked in the same
 * statement: the row changes only if the subject it counts against still has room.
 */
export function updateSession(
  db: D1Database,
  ctx: AuditContext,
  before: StoredSession,
  data: SessionData,
  correction: ReturnType<typeof correctionOf>,
): Promise<Outcome> {
  const set = {
    date: data.date,
    month: data.date.slice(0, 7),
    duration_minutes: data.durationMinutes,
    data: JSON.stringify(data),
    quota_subject: correction.subject,
    updated_at: ctx.at,
    updated_by: ctx.actor,
  };
  const audit = auditStatement(db, ctx, 'update', 'session', before.id, presentSession(before), {
    ...presentSession(before),
    ...data,
  });
  return versionedUpdate(db, {
    table: 'sessions',
    id: before.id,
    version: before.version,
    set,
    ...(correction.condition ? { condition: correction.condition } : {}),
    after: [audit],
  });
}

/** Soft delete: the row stays for the record, its quota is freed (the trigger counts it out). */
export const softDeleteSession = (db: D1Database, ctx: AuditContext, before: StoredSession) =>
  versionedUpdate(db, {
    table: 'sessions',
    id: before.id,
    version: before.version,
    set: { deleted_at: ctx.at, deleted_by: ctx.actor },
    after: [auditStatement(db, ctx, 'delete', 'session', before.id, presentSession(before), null)],
  });

/** Each quota subject's use: one row per subject from the trigger-kept `quota_usage`. */
export const USAGE_SQL = 'SELECT kind, subject, sessions, minutes FROM quota_usage WHERE sessions > 0';

type UsageRow = { kind: SessionKind; subject: string; sessions: number; minutes: number };

/** A `quota_usage` row in the shape `buildQuotaReport` takes (subject placed by its rule). */
export function usageFromRow<R extends { kind: SessionKind; subject: string }>(r: R) {
  const rule = QUOTA_RULES[r.kind];
  const field = rule ? subjectField(rule) : null;
  const { subject: _s, ...rest } = r;
  return {
    ...rest,
    territoryId: field === 'territoryId' ? r.subject : null,
    partnerId: field === 'partnerId' ? r.subject : null,
    month: field === 'month' ? r.subject : null,
  };
}

/** A territory or a partner, and how much it uses of each rule of its scope (in the rules' order). */
export interface SubjectUse {
  id: string;
  name: string;
  territoryId?: string;
  used: number[];
}

/** Which subjects a read covers: the rows of `territories` or `partners` that pass `where`, at most `limit`. */
export interface SubjectFilter {
  where?: string;
  args?: readonly unknown[];
  limit?: number;
}

const SUBJECT_ORDER = { territories: ['name', 'id'], partners: ['territory_id', 'name', 'id'] } as const;

/**
 * Each territory or partner with each rule's use beside it, as one JSON text built by SQLite
 * (`[[id, territoryId?, name, used…], …]`): thousands of subjects cross from D1 as one value,
 * not as thousands of row objects (a third of the reads' time at 1,000 territories).
 */
function subjectsQuery(
  db: D1Database,
  rules: readonly QuotaRule[],
  from: 'territories' | 'partners',
  f: SubjectFilter = {},
) {
  const columns = from === 'partners' ? ['s.id', 's.territory_id', 's.name'] : ['s.id', 's.name'];
  const order = SUBJECT_ORDER[from].join(', ');
  const used = rules.map((r, i) => `COALESCE(u${i}.${usedColumn(r)}, 0)`);
  const joins = rules.map((_, i) => `LEFT JOIN quota_usage u${i} ON u${i}.kind = ? AND u${i}.subject = s.id`);
  const picked =
    f.where || f.limit
      ? `(SELECT * FROM ${from}${f.where ? ` WHERE ${f.where}` : ''} ORDER BY ${order}${f.limit ? ` LIMIT ${f.limit}` : ''})`
      : from;
  const sql =
    `SELECT json_group_array(json_array(${[...columns, ...used].join(', ')}) ORDER BY ${order.replace(/\w+/g, 's.$&')}) AS rows ` +
    `FROM ${picked} s ${joins.join(' ')}`;
  return query(db.prepare(sql).bind(...(f.args ?? []), ...rules.map((r) => r.kind)), ([row]) =>
    (JSON.parse(String(row?.rows ?? '[]')) as (string | number)[][]).map((r): SubjectUse => {
      const [id, ...rest] = r;
      const territoryId = from === 'partners' ? String(rest.shift()) : undefined;
      const name = String(rest.shift());
      return { id: String(id), name, ...(territoryId ? { territoryId } : {}), used: rest.map(Number) };
    }),
  );
}

const PROGRAMME_KINDS = PROGRAMME_RULES.map((r) => r.kind);

/**
 * The report's three reads, to run in one batch with whatever else a route reads: the
 * programme-wide use, then the territories and the partners `filters` select (all by default).
 */
export const quotaReportQueries = (
  db: D1Database,
  filters: { territories?: SubjectFilter; partners?: SubjectFilter } = {},
) =>
  [
    query(
      db
        .prepare(`${USAGE_SQL} AND kind IN (${PROGRAMME_KINDS.map(() => '?').join(', ')})`)
        .bind(...PROGRAMME_KINDS),
      (rows) => (rows as unknown as UsageRow[]).map((r): QuotaUsage => usageFromRow(r)),
    ),
    subjectsQuery(db, TERRITORY_RULES, 'territories', filters.territories),
    subjectsQuery(db, PARTNER_RULES, 'partners', filters.partners),
  ] as const;

/** What the three reads return: the programme-wide use, then the territories and the partners. */
export type QuotaInputs = readonly [QuotaUsage[], SubjectUse[], SubjectUse[]];

export const assembleQuotaReport = (
  p: Programme,
  [programmeUse, territories, partners]: QuotaInputs,
): QuotaReport => {
  const quotas = (rules: readonly QuotaRule[], s: SubjectUse) =>
    rules.map((r, i) => makeQuota(r, p, s.id, s.used[i] ?? 0));
  return {
    programme: programmeQuotas(p, quotaUse(programmeUse)),
    territories: territories.map((t) => ({
      territoryId: t.id,
      name: t.name,
      quotas: quotas(TERRITORY_RULES, t),
    })),
    partners: partners.map((pa) => ({
      partnerId: pa.id,
      territoryId: pa.territoryId ?? '',
      name: pa.name,
      quotas: quotas(PARTNER_RULES, pa),
    })),
  };
};
