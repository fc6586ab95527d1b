import {
  buildQuotaReport,
  makeQuota,
  type Quota,
  type QuotaReport,
  type QuotaRule,
  type QuotaUsage,
  RULES,
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

/** SQL for "live sessions counting against the same quota subject as this one". */
function sameSubject(
  rule: QuotaRule,
  s: { territoryId: string | null; partnerId: string | null; date: string },
) {
  const base = 'deleted_at IS NULL AND kind = ?';
  if (rule.scope === 'territory')
    return { sql: `${base} AND territory_id = ?`, args: [rule.kind, s.territoryId] };
  if (rule.scope === 'partner') return { sql: `${base} AND partner_id = ?`, args: [rule.kind, s.partnerId] };
  if (rule.perMonth) return { sql: `${base} AND month = ?`, args: [rule.kind, s.date.slice(0, 7)] };
  return { sql: base, args: [rule.kind] };
}

const usedExpr = (rule: QuotaRule) =>
  rule.unit === 'minutes' ? 'COALESCE(SUM(duration_minutes), 0)' : 'COUNT(*)';

export async function currentQuota(
  db: D1Database,
  rule: QuotaRule,
  p: Programme,
  s: { territoryId: string | null; partnerId: string | null; date: string },
): Promise<Quota> {
  const where = sameSubject(rule, s);
  const row = await db
    .prepare(`SELECT ${usedExpr(rule)} AS used FROM sessions WHERE ${where.sql}`)
    .bind(...where.args)
    .first<{ used: number }>();
  return makeQuota(rule, p, subjectOf(rule, s), Number(row?.used ?? 0));
}

/**
 * Check and insert as one statement: the session goes in only if its id is new and, unless
 * an admin overrides, the quota still has room (and, for workshops, the host is new). D1
 * runs one statement at a time, so concurrent requests for the last slot cannot both pass.
 */
export async function insertSessionWithinQuota(
  db: D1Database,
  ctx: AuditContext,
  rule: QuotaRule,
  p: Programme,
  s: SessionRow,
): Promise<boolean> {
  const where = sameSubject(rule, s);
  const conditions: string[] = [];
  const args: unknown[] = [];
  if (!s.override) {
    conditions.push(`(SELECT ${usedExpr(rule)} FROM sessions WHERE ${where.sql}) + ? <= ?`);
    args.push(...where.args, sessionAmount(rule, s.durationMinutes), rule.limit(p));
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
  const [ins] = await db.batch(statements);
  return (ins?.meta.changes ?? 0) === 1;
}

/** Soft delete: the row stays for the record, its quota is freed (counts skip deleted rows). */
export async function softDeleteSession(db: D1Database, ctx: AuditContext, id: string, before: object) {
  const [upd] = await db.batch([
    db
      .prepare('UPDATE sessions SET deleted_at = ?, deleted_by = ? WHERE id = ? AND deleted_at IS NULL')
      .bind(ctx.at, ctx.actor, id),
    auditStatement(db, ctx, 'delete', 'session', id, before, null),
  ]);
  return (upd?.meta.changes ?? 0) === 1;
}

const kinds = (pick: (r: (typeof RULES)[number]) => boolean) =>
  RULES.filter(pick)
    .map((r) => `'${r.kind}'`)
    .join(', ');
const LIVE = 'FROM sessions WHERE deleted_at IS NULL AND kind IN';
const USED = 'COUNT(*) AS sessions, COALESCE(SUM(duration_minutes), 0) AS minutes';

/**
 * Each quota subject's use, one group-by per scope so that each reads a covering index in
 * order (a single GROUP BY over CASE expressions had to sort the whole table).
 */
export const USAGE_SQL = [
  `SELECT kind, territory_id AS territoryId, NULL AS partnerId, NULL AS month, ${USED}
     ${LIVE} (${kinds((r) => r.scope === 'territory')}) GROUP BY kind, territory_id`,
  `SELECT kind, NULL, partner_id, NULL, ${USED} ${LIVE} (${kinds((r) => r.scope === 'partner')}) GROUP BY kind, partner_id`,
  `SELECT kind, NULL, NULL, month, ${USED} ${LIVE} (${kinds((r) => r.scope === 'programme' && !!r.perMonth)}) GROUP BY kind, month`,
  `SELECT kind, NULL, NULL, NULL, ${USED} ${LIVE} (${kinds((r) => r.scope === 'programme' && !r.perMonth)}) GROUP BY kind`,
].join(' UNION ALL ');

type Named = { id: string; name: string };

/** The report's three reads, to run in one batch with whatever else a route reads. */
export const quotaReportQueries = (db: D1Database) =>
  [
    query(db.prepare(USAGE_SQL), (rows) => rows as unknown as QuotaUsage[]),
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
