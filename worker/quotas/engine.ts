import {
  buildQuotaReport,
  makeQuota,
  QUOTA_RULES,
  type Quota,
  type QuotaReport,
  type QuotaRule,
  type QuotaUsage,
  sessionAmount,
  subjectField,
  subjectOf,
} from '../../shared/quotas/rules';
import type { SessionKind } from '../../shared/schemas/enums';
import type { Programme } from '../../shared/schemas/programme';
import { type AuditContext, auditStatement } from '../db/audit';
import { query } from '../db/query';
import { presentSession, type SessionData, type StoredSession } from '../db/sessions';
import { type Outcome, versionedUpdate } from '../db/versioned';

type Subject = { territoryId?: string | null; partnerId?: string | null; date?: string };

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

type Named = { id: string; name: string };

/** The report's three reads, to run in one batch with whatever else a route reads. */
export const quotaReportQueries = (db: D1Database) =>
  [
    query(db.prepare(USAGE_SQL), (rows) =>
      (rows as unknown as UsageRow[]).map((r): QuotaUsage => usageFromRow(r)),
    ),
    query(
      db.prepare('SELECT id, name FROM territories ORDER BY name, id'),
      (rows) => rows as unknown as Named[],
    ),
    query(
      db.prepare(
        'SELECT id, territory_id AS territoryId, name FROM partners ORDER BY territory_id, name, id',
      ),
      (rows) => rows as unknown as (Named & { territoryId: string })[],
    ),
  ] as const;

export const assembleQuotaReport = (
  p: Programme,
  [usage, territories, partners]: readonly [QuotaUsage[], Named[], (Named & { territoryId: string })[]],
): QuotaReport => buildQuotaReport(p, territories, partners, usage);
