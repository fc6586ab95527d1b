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
import type { SessionData } from '../db/sessions';
import type { User } from '../env';
import type { SlotFree } from '../http/rate-limit';

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
function conditions(rule: QuotaRule, slot: string | null): string[] {
  return [
    ...(slot ? [slot] : []),
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

/** The 27 values the insert binds, numbered as its SQL reads them (the write slot's follow, from ?28). */
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
 * territory, the partner's territory, the cited blockers and the quota's use.
 */
const context = (rule: QuotaRule) => `WITH x AS (SELECT ${territorySql('?1', '?2')} AS t)
  SELECT (SELECT ${SESSION_ROW} FROM sessions WHERE id = ?6) AS stored,
    (SELECT json_object('data', data, 'version', version) FROM programme LIMIT 1) AS programme,
    (SELECT json_object('id', id, 'data', data) FROM territories WHERE id = x.t) AS territory,
    (SELECT territory_id FROM partners WHERE id = ?2) AS partnerTerritory,
    (SELECT json_group_array(json_array(id, territory_id)) FROM blockers
      WHERE id IN (SELECT value FROM json_each(?5))) AS blockers,
    COALESCE((SELECT ${usedColumn(rule)} FROM quota_usage WHERE kind = ?3 AND subject = COALESCE(?4, x.t)), 0) AS used
  FROM x`;

/**
 * The insert, its audit lines (written only if it went in), then what explains the outcome.
 * With `free` (the caller's write slot, see http/rate-limit.ts), the insert also needs the slot.
 */
export function logStatements(db: D1Database, plan: LogPlan, free?: SlotFree) {
  const slot = free?.(28);
  const { body, ctx } = plan;
  const rule = QUOTA_RULES[body.kind];
  // This write's own copy: concurrent requests may remember another programme meanwhile.
  const assumedHere = assumed;
  const { version, programme } = assumedHere;
  const insert = `WITH x AS (SELECT ${territorySql('?3', '?4')} AS t)
    INSERT INTO sessions (id, kind, territory_id, partner_id, date, month, duration_minutes, data, quota_subject,
      override_reason, override_by, override_at, body_hash, created_at, created_by)
    SELECT ?1, ?2, x.t, ?4, ?5, ?6, ?7, CASE WHEN x.t IS NULL THEN ?8 ELSE json_set(?8, '$.territoryId', x.t) END,
      COALESCE(?27, x.t), ?9, ?10, ?11, ?12, ?13, ?14
    FROM x WHERE ${conditions(rule, slot?.sql ?? null).join('\n      AND ')}`;
  const audit = `INSERT INTO audit (at, actor, role, action, entity, entity_id, before, after, request_id)
    SELECT ?1, ?2, ?3, 'create', 'session', id, NULL, json_patch(json_object('id', id), data), ?4
    FROM sessions WHERE id = ?5 AND changes() = 1`;
  const v = insertValues(plan, programme, version);
  const statements = [
    db.prepare(insert).bind(...v, ...(slot?.args ?? [])),
    db.prepare(audit).bind(ctx.at, ctx.actor, ctx.role, ctx.requestId, plan.id),
    ...(body.override ? [auditStatement(db, ctx, 'override', 'session', plan.id, null, body.override)] : []),
    db
      .prepare(context(rule))
      .bind(body.territoryId ?? null, body.partnerId ?? null, body.kind, v[26], v[20], plan.id),
  ];
  return { statements, assumed: assumedHere };
}

export type Row = Record<string, string | number | null>;

const parsed = <T>(text: unknown): T | null => (typeof text === 'string' ? (JSON.parse(text) as T) : null);

/** The batch's answers, named, with the programme its statements assumed. */
export function readOutcome(
  results: D1Result[],
  override: boolean,
  assumedThen: { version: number; programme: Programme },
) {
  const c = (results[override ? 3 : 2]?.results[0] ?? {}) as Row;
  const territory = parsed<{ id: string; data: string }>(c.territory);
  return {
    inserted: (results[0]?.meta.changes ?? 0) > 0,
    stored: parsed<Row>(c.stored),
    programme: parsed<{ data: string; version: number }>(c.programme),
    territory: territory && {
      id: territory.id,
      ...(JSON.parse(territory.data) as { name: string; consultants: string[] }),
    },
    /** The partner's territory, null when there is no such partner. */
    partnerTerritory:
      c.partnerTerritory === null || c.partnerTerritory === undefined ? null : String(c.partnerTerritory),
    blockers: (parsed<[string, string][]>(c.blockers) ?? []).map(([id, territory_id]) => ({
      id,
      territory_id,
    })),
    used: Number(c.used ?? 0),
    assumed: assumedThen,
  };
}
export type LogOutcome = ReturnType<typeof readOutcome>;
