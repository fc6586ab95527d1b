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
import { named } from '../db/query';
import type { SessionData } from '../db/sessions';
import type { User } from '../env';
import type { SlotFree } from '../http/rate-limit';

/**
 * POST /v1/sessions in one D1 round trip: the write slot, every check (as SQL conditions of
 * the insert), the insert, its audit lines, and the read that explains the outcome, all in one
 * batch. D1 runs a batch as one transaction: the read sees exactly what the insert's
 * conditions saw, and evaluates those very conditions again by name, so the worker says
 * which one refused a session without checking anything a second time in JavaScript.
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

/** The territory: named, or the partner's (`x.t` in every statement). */
const TERRITORY =
  'WITH x AS (SELECT COALESCE(:territoryId, (SELECT territory_id FROM partners WHERE id = :partnerId)) AS t)';

const usedColumn = (rule: QuotaRule) => (rule.unit === 'minutes' ? 'minutes' : 'sessions');
const usedSql = (rule: QuotaRule) =>
  `COALESCE((SELECT ${usedColumn(rule)} FROM quota_usage WHERE kind = :kind AND subject = COALESCE(:subject, x.t)), 0)`;

/**
 * The insert's conditions besides a fresh id and the programme's version, by name, in the order
 * a refusal is explained: the first that does not hold is the reason (routes/sessions.ts).
 */
const checks = (rule: QuotaRule) =>
  ({
    inProgramme: ':inProgramme = 1',
    partnerKnown: '(:partnerId IS NULL OR EXISTS (SELECT 1 FROM partners WHERE id = :partnerId))',
    partnerInTerritory: `(:partnerId IS NULL OR :territoryId IS NULL
      OR EXISTS (SELECT 1 FROM partners WHERE id = :partnerId AND territory_id = :territoryId))`,
    territoryKnown: '(:territoryId IS NULL OR EXISTS (SELECT 1 FROM territories WHERE id = :territoryId))',
    territoryGiven: '(:needsTerritory = 0 OR x.t IS NOT NULL)',
    allowed: `(x.t IS NULL OR :isAdmin = 1 OR EXISTS (SELECT 1 FROM territories tt, json_each(tt.data, '$.consultants') c
      WHERE tt.id = x.t AND lower(c.value) = :email))`,
    blockersOfTerritory: `(SELECT COUNT(*) FROM blockers WHERE id IN (SELECT value FROM json_each(:blockers))
      AND (x.t IS NULL OR territory_id = x.t)) = :blockerCount`,
    withinCap: ':withinCap = 1',
    quotaRoom: `(:override = 1 OR ${usedSql(rule)} + :amount <= :limit)`,
    hostFree: `(:override = 1 OR :uniqueTerritory = 0 OR NOT EXISTS (SELECT 1 FROM sessions
      WHERE deleted_at IS NULL AND kind = :kind AND territory_id = x.t))`,
  }) as const;
export type Check = keyof ReturnType<typeof checks>;

/** The values the batch binds, by name (what the SQL above calls `:name`). */
function logValues(plan: LogPlan, p: Programme, version: number) {
  const { body, ctx, user } = plan;
  const rule = QUOTA_RULES[body.kind];
  const cap = rule.maxMinutesPerSession?.(p);
  const override = body.override ?? null;
  const blockers = [...new Set(body.blockerIds ?? [])];
  return {
    id: plan.id,
    kind: body.kind,
    territoryId: body.territoryId ?? null,
    partnerId: body.partnerId ?? null,
    date: body.date,
    month: body.date.slice(0, 7),
    duration: body.durationMinutes,
    data: JSON.stringify(plan.data),
    overrideReason: override?.reason ?? null,
    overrideBy: override ? ctx.actor : null,
    overrideAt: override ? ctx.at : null,
    hash: plan.hash,
    at: ctx.at,
    actor: ctx.actor,
    role: ctx.role,
    requestId: ctx.requestId,
    programmeVersion: version,
    inProgramme: body.date >= p.startDate && body.date <= p.endDate ? 1 : 0,
    withinCap: cap === undefined || override || body.durationMinutes <= cap ? 1 : 0,
    needsTerritory: rule.needsTerritory ? 1 : 0,
    isAdmin: user.role === 'admin' ? 1 : 0,
    email: user.email,
    blockers: JSON.stringify(blockers),
    blockerCount: blockers.length,
    amount: sessionAmount(rule, body.durationMinutes),
    limit: rule.limit(p),
    override: override ? 1 : 0,
    uniqueTerritory: rule.uniqueTerritory ? 1 : 0,
    // The subject when known before the batch; NULL when it is the territory the batch resolves.
    subject: subjectField(rule) === 'territoryId' ? null : subjectOf(rule, body),
  };
}

/** The session row under this id, as JSON with its column names (see db/sessions.ts `sessionFromRow`). */
const SESSION_ROW = `json_object(${[
  'id',
  'data',
  'body_hash',
  'quota_subject',
  'version',
  'created_at',
  'created_by',
  'updated_at',
  'updated_by',
  'deleted_at',
  'deleted_by',
  'override_reason',
  'override_by',
  'override_at',
]
  .map((c) => `'${c}', ${c}`)
  .join(', ')})`;

/**
 * What explains the outcome, in one statement (each statement of a batch has its cost): the
 * session stored under this id (the new one, or what a replay finds), the programme, the
 * territory, the cited blockers, the quota's use, whether the caller may write for the
 * territory (a replay is answered only to them), and, when no row holds the id, each check.
 */
function explaining(rule: QuotaRule) {
  const evaluated = Object.entries(checks(rule)).map(([name, sql]) => `'${name}', ${sql}`);
  return `${TERRITORY}
  SELECT (SELECT ${SESSION_ROW} FROM sessions WHERE id = :id) AS stored,
    (SELECT json_object('data', data, 'version', version) FROM programme LIMIT 1) AS programme,
    (SELECT json_object('id', id, 'name', name) FROM territories WHERE id = x.t) AS territory,
    (SELECT json_group_array(json_array(id, territory_id)) FROM blockers
      WHERE id IN (SELECT value FROM json_each(:blockers))) AS blockers,
    ${usedSql(rule)} AS used,
    ${checks(rule).allowed} AS allowed,
    (SELECT json_object(${evaluated.join(', ')}) WHERE NOT EXISTS (SELECT 1 FROM sessions WHERE id = :id)) AS checks
  FROM x`;
}

/**
 * The insert, its audit lines (written only if it went in), then what explains the outcome.
 * With `free` (the caller's write slot, see http/rate-limit.ts), the insert also needs the slot.
 */
export function logStatements(db: D1Database, plan: LogPlan, free?: SlotFree) {
  const { body, ctx } = plan;
  const rule = QUOTA_RULES[body.kind];
  // This write's own copy: concurrent requests may remember another programme meanwhile.
  const assumedHere = assumed;
  const values = logValues(plan, assumedHere.programme, assumedHere.version);
  const conditions = [
    'NOT EXISTS (SELECT 1 FROM sessions WHERE id = :id)',
    'COALESCE((SELECT version FROM programme), 0) = :programmeVersion',
    ...Object.values(checks(rule)),
  ];
  const insert = named(
    `${TERRITORY}
    INSERT INTO sessions (id, kind, territory_id, partner_id, date, month, duration_minutes, data, quota_subject,
      override_reason, override_by, override_at, body_hash, created_at, created_by)
    SELECT :id, :kind, x.t, :partnerId, :date, :month, :duration,
      CASE WHEN x.t IS NULL THEN :data ELSE json_set(:data, '$.territoryId', x.t) END,
      COALESCE(:subject, x.t), :overrideReason, :overrideBy, :overrideAt, :hash, :at, :actor
    FROM x WHERE ${conditions.join('\n      AND ')}`,
    values,
  );
  const slot = free?.(insert.args.length + 1);
  const audit = named(
    `INSERT INTO audit (at, actor, role, action, entity, entity_id, before, after, request_id)
    SELECT :at, :actor, :role, 'create', 'session', id, NULL, json_patch(json_object('id', id), data), :requestId
    FROM sessions WHERE id = :id AND changes() = 1`,
    values,
  );
  const read = named(explaining(rule), values);
  const statements = [
    db
      .prepare(slot ? `${insert.sql} AND ${slot.sql}` : insert.sql)
      .bind(...insert.args, ...(slot?.args ?? [])),
    db.prepare(audit.sql).bind(...audit.args),
    ...(body.override ? [auditStatement(db, ctx, 'override', 'session', plan.id, null, body.override)] : []),
    db.prepare(read.sql).bind(...read.args),
  ];
  return { statements, assumed: assumedHere };
}

export type Row = Record<string, string | number | null>;

const parsed = <T>(text: unknown): T | null => (typeof text === 'string' ? (JSON.parse(text) as T) : null);

/** The batch's answers, named, with the programme its statements assumed. */
export function readOutcome(results: D1Result[], assumedThen: { version: number; programme: Programme }) {
  const c = (results.at(-1)?.results[0] ?? {}) as Row;
  return {
    inserted: (results[0]?.meta.changes ?? 0) > 0,
    stored: parsed<Row>(c.stored),
    programme: parsed<{ data: string; version: number }>(c.programme),
    territory: parsed<{ id: string; name: string }>(c.territory),
    blockers: (parsed<[string, string][]>(c.blockers) ?? []).map(([id, territory_id]) => ({
      id,
      territory_id,
    })),
    used: Number(c.used ?? 0),
    /** The caller may write for the session's territory (or it has none). */
    allowed: Number(c.allowed) === 1,
    /** Each check on what the insert saw; null when a row holds the id (a replay or a reused id). */
    checks: parsed<Record<Check, 0 | 1>>(c.checks),
    assumed: assumedThen,
  };
}
export type LogOutcome = ReturnType<typeof readOutcome>;
