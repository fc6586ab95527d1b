import {
  buildQuotaReport,
  makeQuota,
  QUOTA_RULES,
  type Quota,
  type QuotaReport,
  type QuotaRule,
  type QuotaUsage,
  sessionAmount,
  subjectOf,
} from '../../shared/quotas/rules';
import type { SessionKind } from '../../shared/schemas/enums';
import type { Programme } from '../../shared/schemas/programme';
import { type AuditContext, auditStatement } from '../db/audit';
import { query, runQueries } from '../db/query';

export interface SessionRow {
  id: string;
  kind: SessionKind;
  territoryId: string | null;
  partnerId: string | null;
  date: string;
  durationMinutes: number;
  data: object;
  hash: string;
  override: { reason: string } | null;
}

/** The use of one quota subject, from the trigger-kept `quota_usage` table. */
function usedOf(rule: QuotaRule, s: { territoryId: string | null; partnerId: string | null; date: string }) {
  const column = rule.unit === 'minutes' ? 'minutes' : 'sessions';
  return {
    sql: `COALESCE((SELECT ${column} FROM quota_usage WHERE kind = ? AND subject = ?), 0)`,
    args: [rule.kind, subjectOf(rule, s)],
  };
}

export async function currentQuota(
  db: D1Database,
  rule: QuotaRule,
  p: Programme,
  s: { territoryId: string | null; partnerId: string | null; date: string },
): Promise<Quota> {
  const used = usedOf(rule, s);
  const row = await db
    .prepare(`SELECT ${used.sql} AS used`)
    .bind(...used.args)
    .first<{ used: number }>();
  return makeQuota(rule, p, subjectOf(rule, s), Number(row?.used ?? 0));
}

/**
 * Check and insert as one statement: the session goes in only if its id is new and, unless
 * an admin overrides, the quota still has room (and, for workshops, the host is new). D1
 * runs one statement at a time, so concurrent requests for the last slot cannot both pass.
 * One batch: the insert, its audit lines and the quota's use afterwards.
 */
export async function insertSessionWithinQuota(
  db: D1Database,
  ctx: AuditContext,
  rule: QuotaRule,
  p: Programme,
  s: SessionRow,
): Promise<{ inserted: boolean; used: number }> {
  const usage = usedOf(rule, s);
  const conditions: string[] = [];
  const args: unknown[] = [];
  if (!s.override) {
    conditions.push(`${usage.sql} + ? <= ?`);
    args.push(...usage.args, sessionAmount(rule, s.durationMinutes), rule.limit(p));
    if (rule.uniqueTerritory) {
      conditions.push(
        'NOT EXISTS (SELECT 1 FROM sessions WHERE deleted_at IS NULL AND kind = ? AND territory_id = ?)',
      );
      args.push(rule.kind, s.territoryId);
    }
  }
  const sql = `INSERT INTO sessions (id, kind, territory_id, partner_id, date, month, duration_minutes, data,
      override_reason, override_by, override_at, body_hash, created_at, created_by)
    SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
    WHERE NOT EXISTS (SELECT 1 FROM sessions WHERE id = ?)${conditions.map((c) => ` AND ${c}`).join('')}`;
  const after = { id: s.id, ...s.data };
  const statements = [
    db
      .prepare(sql)
      .bind(
        s.id,
        s.kind,
        s.territoryId,
        s.partnerId,
        s.date,
        s.date.slice(0, 7),
        s.durationMinutes,
        JSON.stringify(s.data),
        s.override?.reason ?? null,
        s.override ? ctx.actor : null,
        s.override ? ctx.at : null,
        s.hash,
        ctx.at,
        ctx.actor,
        s.id,
        ...args,
      ),
    auditStatement(db, ctx, 'create', 'session', s.id, null, after),
  ];
  // The audit line above changed a row only if the session went in; chain on it.
  if (s.override) statements.push(auditStatement(db, ctx, 'override', 'session', s.id, null, s.override));
  // The quota as it stands after this batch, read in the same round trip. (D1 counts the
  // quota_usage trigger in meta.changes, so "inserted" is any change, not exactly one.)
  statements.push(db.prepare(`SELECT ${usage.sql} AS used`).bind(...usage.args));
  const results = await db.batch(statements);
  const used = Number((results.at(-1)?.results[0] as { used?: number } | undefined)?.used ?? 0);
  return { inserted: (results[0]?.meta.changes ?? 0) > 0, used };
}

/** Soft delete: the row stays for the record, its quota is freed (counts skip deleted rows). */
export async function softDeleteSession(db: D1Database, ctx: AuditContext, id: string, before: object) {
  const [upd] = await db.batch([
    db
      .prepare('UPDATE sessions SET deleted_at = ?, deleted_by = ? WHERE id = ? AND deleted_at IS NULL')
      .bind(ctx.at, ctx.actor, id),
    auditStatement(db, ctx, 'delete', 'session', id, before, null),
  ]);
  return (upd?.meta.changes ?? 0) > 0;
}

/** Each quota subject's use: one row per subject from the trigger-kept `quota_usage`. */
export const USAGE_SQL = 'SELECT kind, subject, sessions, minutes FROM quota_usage WHERE sessions > 0';

type UsageRow = { kind: SessionKind; subject: string; sessions: number; minutes: number };

/** A `quota_usage` row in the shape `buildQuotaReport` takes (subject placed by scope). */
export function usageFromRow(r: UsageRow): QuotaUsage {
  const rule = QUOTA_RULES[r.kind];
  return {
    kind: r.kind,
    territoryId: rule?.scope === 'territory' ? r.subject : null,
    partnerId: rule?.scope === 'partner' ? r.subject : null,
    month: rule?.perMonth ? r.subject : null,
    sessions: r.sessions,
    minutes: r.minutes,
  };
}

type Named = { id: string; name: string };

/** The report's three reads, to run in one batch with whatever else a route reads. */
export const quotaReportQueries = (db: D1Database) =>
  [
    query(db.prepare(USAGE_SQL), (rows) => (rows as unknown as UsageRow[]).map(usageFromRow)),
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

export async function quotaReport(db: D1Database, p: Programme) {
  return assembleQuotaReport(p, await runQueries(db, quotaReportQueries(db)));
}
