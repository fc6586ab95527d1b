import { PROGRAMME_PRESET } from '../../shared/programme/preset';
import {
  QUOTA_RULES,
  type QuotaRule,
  sessionAmount,
  subjectField,
  subjectOf,
} from '../../shared/quotas/rules';
import type { SessionInput } from '../../shared/schemas';
import type { Programme } from '../../shared/schemas/programme';
import { type AuditContext, auditStatement } from '../db/audit';
import { PROGRAMME_SQL } from '../db/programme';
import type { SessionData } from '../db/sessions';
import type { User } from '../env';

/**
 * POST /v1/sessions in one D1 round trip: the write slot, every check (as SQL conditions of
 * the insert), the insert, its audit lines, the reads that explain a refusal and the quota
 * read back, all in one batch. D1 runs a batch as one transaction: the reads see exactly what
 * the insert's conditions saw, so the worker can say precisely why a session was refused.
 *
 * The limits come from the programme, which the insert cannot compute in SQL: they are taken
 * from the programme this isolate last saw, and the insert is conditional on its version. A
 * programme changed meanwhile refuses the insert, the batch brings the new one, and the write
 * is tried again with it (the only case with a second round trip).
 */
let assumed: { version: number; programme: Programme } = { version: 0, programme: PROGRAMME_PRESET };

export const assumedProgramme = () => assumed;
export const rememberProgramme = (version: number, programme: Programme) => {
  assumed = { version, programme };
};

export interface LogPlan {
  id: string;
  hash: string;
  body: SessionInput;
  /** What `data` stores: the body without id and override (territoryId added when derived). */
  data: SessionData;
  user: User;
  ctx: AuditContext;
}

/** The territory: named, or the partner's (the same expression in every statement). */
const territorySql = (tid: string, pid: string) =>
  `COALESCE(${tid}, (SELECT territory_id FROM partners WHERE id = ${pid}))`;

/**
 * The session's quota subject, from the one rule that decides it (shared/quotas/rules.ts): a
 * value known before the batch, or NULL when it is the territory the batch resolves (`x.t`).
 */
const knownSubject = (rule: QuotaRule, body: SessionInput) =>
  subjectField(rule) === 'territoryId' ? null : subjectOf(rule, body);

const usedColumn = (rule: QuotaRule) => (rule.unit === 'minutes' ? 'minutes' : 'sessions');

/** The conditions, in the order the worker explains a refusal (see `explainRefusal`). */
function conditions(rule: QuotaRule, slot: boolean): string[] {
  return [
    ...(slot ? ['changes() = 1'] : []),
    'NOT EXISTS (SELECT 1 FROM sessions WHERE id = ?1)',
    'COALESCE((SELECT version FROM programme), 0) = ?15',
    '?16 = 1',
    '(?4 IS NULL OR EXISTS (SELECT 1 FROM partners WHERE id = ?4 AND (?3 IS NULL OR territory_id = ?3)))',
    '(?3 IS NULL OR EXISTS (SELECT 1 FROM territories WHERE id = ?3))',
    '(?18 = 0 OR x.t IS NOT NULL)',
    `(x.t IS NULL OR ?19 = 1 OR EXISTS (SELECT 1 FROM territories tt, json_each(tt.data, '$.consultants') c
       WHERE tt.id = x.t AND lower(c.value) = ?20))`,
    `(SELECT COUNT(*) FROM blockers WHERE id IN (SELECT value FROM json_each(?21))
       AND (x.t IS NULL OR territory_id = x.t)) = ?22`,
    '?17 = 1',
    `(?25 = 1 OR COALESCE((SELECT ${usedColumn(rule)} FROM quota_usage WHERE kind = ?2 AND subject = COALESCE(?27, x.t)), 0) + ?23 <= ?24)`,
    `(?25 = 1 OR ?26 = 0 OR NOT EXISTS (SELECT 1 FROM sessions
       WHERE deleted_at IS NULL AND kind = ?2 AND territory_id = x.t))`,
  ];
}

/** The 27 values the insert binds, numbered as its SQL reads them. */
function insertValues(plan: LogPlan, p: Programme, version: number) {
  const { body, ctx, user } = plan;
  const rule = QUOTA_RULES[body.kind];
  const cap = rule.maxMinutesPerSession?.(p);
  const override = body.override ?? null;
  const blockers = [...new Set(body.blockerIds ?? [])];
  return [
    plan.id,
    body.kind,
    body.territoryId ?? null,
    body.partnerId ?? null,
    body.date,
    body.date.slice(0, 7),
    body.durationMinutes,
    JSON.stringify(plan.data),
    override?.reason ?? null,
    override ? ctx.actor : null,
    override ? ctx.at : null,
    plan.hash,
    ctx.at,
    ctx.actor,
    version,
    body.date >= p.startDate && body.date <= p.endDate ? 1 : 0,
    cap === undefined || override || body.durationMinutes <= cap ? 1 : 0,
    rule.needsTerritory ? 1 : 0,
    user.role === 'admin' ? 1 : 0,
    user.email,
    JSON.stringify(blockers),
    blockers.length,
    sessionAmount(rule, body.durationMinutes),
    rule.limit(p),
    override ? 1 : 0,
    rule.uniqueTerritory ? 1 : 0,
    knownSubject(rule, body),
  ];
}

/** The insert, its audit lines (written only if it went in), then what explains the outcome. */
export function logStatements(db: D1Database, plan: LogPlan, slot: boolean): D1PreparedStatement[] {
  const { body, ctx } = plan;
  const rule = QUOTA_RULES[body.kind];
  const { version, programme } = assumed;
  const insert = `WITH x AS (SELECT ${territorySql('?3', '?4')} AS t)
    INSERT INTO sessions (id, kind, territory_id, partner_id, date, month, duration_minutes, data, quota_subject,
      override_reason, override_by, override_at, body_hash, created_at, created_by)
    SELECT ?1, ?2, x.t, ?4, ?5, ?6, ?7, CASE WHEN x.t IS NULL THEN ?8 ELSE json_set(?8, '$.territoryId', x.t) END,
      COALESCE(?27, x.t), ?9, ?10, ?11, ?12, ?13, ?14
    FROM x WHERE ${conditions(rule, slot).join('\n      AND ')}`;
  const audit = `INSERT INTO audit (at, actor, role, action, entity, entity_id, before, after, request_id)
    SELECT ?1, ?2, ?3, 'create', 'session', id, NULL, json_patch(json_object('id', id), data), ?4
    FROM sessions WHERE id = ?5 AND changes() = 1`;
  const used = `WITH x AS (SELECT ${territorySql('?1', '?2')} AS t)
    SELECT COALESCE((SELECT ${usedColumn(rule)} FROM quota_usage WHERE kind = ?3 AND subject = COALESCE(?4, x.t)), 0) AS used
    FROM x`;
  const v = insertValues(plan, programme, version);
  const tid = body.territoryId ?? null;
  const pid = body.partnerId ?? null;
  return [
    db.prepare(insert).bind(...v),
    db.prepare(audit).bind(ctx.at, ctx.actor, ctx.role, ctx.requestId, plan.id),
    ...(body.override ? [auditStatement(db, ctx, 'override', 'session', plan.id, null, body.override)] : []),
    db.prepare('SELECT * FROM sessions WHERE id = ?').bind(plan.id),
    db.prepare(PROGRAMME_SQL),
    db.prepare(`SELECT * FROM territories WHERE id = ${territorySql('?1', '?2')}`).bind(tid, pid),
    db.prepare('SELECT * FROM partners WHERE id = ?').bind(pid),
    db
      .prepare('SELECT id, territory_id FROM blockers WHERE id IN (SELECT value FROM json_each(?))')
      .bind(v[20]),
    db.prepare(used).bind(tid, pid, body.kind, v[26]),
  ];
}

export type Row = Record<string, string | number | null>;

/** The batch's answers, named. */
export function readOutcome(results: D1Result[], override: boolean) {
  const rows = (i: number) => (results[i]?.results ?? []) as Row[];
  const at = override ? 3 : 2;
  return {
    inserted: (results[0]?.meta.changes ?? 0) > 0,
    stored: rows(at)[0] ?? null,
    programme: rows(at + 1)[0] ?? null,
    territory: rows(at + 2)[0] ?? null,
    partner: rows(at + 3)[0] ?? null,
    blockers: rows(at + 4) as { id: string; territory_id: string }[],
    used: Number(rows(at + 5)[0]?.used ?? 0),
  };
}
export type LogOutcome = ReturnType<typeof readOutcome>;
