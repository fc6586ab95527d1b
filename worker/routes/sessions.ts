import * as z from 'zod/mini';
import { Session, SessionList, SessionValidation, SessionWithQuota } from '../../shared/api/sessions';
import { LABELS } from '../../shared/i18n/labels';
import { MSG } from '../../shared/i18n/messages';
import { makeQuota, QUOTA_RULES } from '../../shared/quotas/rules';
import {
  Id,
  IsoDate,
  SESSION_KINDS,
  SessionInput,
  SessionPatch,
  SessionRowsInput,
} from '../../shared/schemas';
import { assertTerritoryAccess } from '../auth/access';
import { ALL, WRITERS } from '../auth/policy';
import { getProgramme, programmeFromRow, programmeVersionOf } from '../db/programme';
import {
  dataOf,
  getSession,
  listSessions,
  presentSession,
  type SessionData,
  type StoredSession,
  sessionFromRow,
} from '../db/sessions';
import { bodyHash, compact, merged } from '../db/util';
import { ApiError, fieldError } from '../http/errors';
import { batchWithWriteSlot } from '../http/rate-limit';
import { route } from '../http/route';
import { correctionOf, currentQuota, softDeleteSession, updateSession } from '../quotas/engine';
import {
  assumedProgramme,
  type LogOutcome,
  type LogPlan,
  logStatements,
  readOutcome,
  rememberProgramme,
} from '../quotas/log';
import { blockerIssue, loggedSession, refusal } from '../quotas/refusal';
import { checkSessionRows } from '../quotas/validate';
import { auditContext, type Ctx, newId, territoryOr404 } from './context';
import { withEtag, writeVersioned } from './versioned';

const SessionFilters = z.object({
  territoryId: z.optional(Id),
  partnerId: z.optional(Id),
  kind: z.optional(z.enum(SESSION_KINDS)),
  from: z.optional(IsoDate),
  to: z.optional(IsoDate),
  createdBy: z.optional(
    z
      .literal('me')
      .check(z.describe('me : les seules séances saisies par l’appelant (« Mes dernières séances »)')),
  ),
});

/** The quota a stored session counts against, with the programme and the use read in the same batch. */
const quotaOf = (s: StoredSession, out: LogOutcome) =>
  makeQuota(QUOTA_RULES[s.kind], programmeFromRow(out.programme), s.quotaSubject, out.used);

/** POST /v1/sessions: checks the body alone, then one batch (see quotas/log.ts). */
async function logSession(c: Ctx, { body }: { body: SessionInput }) {
  const db = c.env.DB;
  const user = c.get('user');
  if (body.override && user.role !== 'admin') throw new ApiError('FORBIDDEN', MSG.overrideAdminOnly);
  if (QUOTA_RULES[body.kind].scope === 'partner' && !body.partnerId)
    throw fieldError('partnerId', MSG.partnerRequired);
  const { id: _id, override: _o, ...fields } = body;
  const plan: LogPlan = {
    id: body.id ?? newId(),
    hash: await bodyHash(body),
    body,
    data: compact(fields),
    user,
    ctx: auditContext(c),
  };
  let assumedThen = assumedProgramme();
  const results = await batchWithWriteSlot(c, (free) => {
    const built = logStatements(db, plan, free);
    assumedThen = built.assumed;
    return built.statements;
  });
  let out = readOutcome(results, assumedThen);
  // Another programme than the one assumed: try again with it (the write slot is already taken).
  for (let i = 0; i < 3 && !out.inserted && !out.stored && programmeMoved(out); i++) {
    const again = logStatements(db, plan);
    out = readOutcome(await db.batch(again.statements), again.assumed);
  }
  if (out.inserted && out.stored) {
    const session = sessionFromRow(out.stored);
    return withEtag(c, { session: presentSession(session), quota: quotaOf(session, out) }, 1, 201);
  }
  return replayOrExplain(c, plan, out);
}

/**
 * Whether the batch read another programme than its insert assumed; a newer one is remembered
 * for the writes that follow (concurrent ones may have remembered it already).
 */
function programmeMoved(out: LogOutcome): boolean {
  const version = programmeVersionOf(out.programme);
  if (version > assumedProgramme().version) rememberProgramme(version, programmeFromRow(out.programme));
  return version !== out.assumed.version;
}

/**
 * The insert was refused: a replay (same id, same body: 200 with what is stored, to a caller
 * who may write for its territory — 403 otherwise), the id reused for another body (409 naming
 * the stored session), or the first check that failed.
 */
function replayOrExplain(c: Ctx, plan: LogPlan, out: LogOutcome) {
  if (!out.stored) throw refusal(plan, out);
  const stored = sessionFromRow(out.stored);
  if (stored.bodyHash !== plan.hash) {
    throw new ApiError('IDEMPOTENCY_CONFLICT', MSG.sessionAlreadyLogged(loggedSession(stored)), {
      current: presentSession(stored),
    });
  }
  if (!out.allowed) throw new ApiError('FORBIDDEN', MSG.notYourTerritory(out.territory?.name ?? ''));
  return withEtag(c, { session: presentSession(stored), quota: quotaOf(stored, out) }, stored.version);
}

/** `createdBy=me` names the caller: a consultant's own sessions, without reading the whole journal. */
async function listAll(c: Ctx, { query }: { query: z.infer<typeof SessionFilters> }) {
  const { createdBy, ...filters } = query;
  const mine = createdBy === 'me' ? { createdBy: c.get('user').email } : {};
  return c.json({ sessions: await listSessions(c.env.DB, { ...filters, ...mine }) });
}

type ById = { params: { id: string } };

async function liveSession(c: Ctx, id: string) {
  const s = await getSession(c.env.DB, id);
  if (!s || s.deletedAt) throw new ApiError('NOT_FOUND', MSG.notFound('Séance'));
  return s;
}

async function readSession(c: Ctx, { params }: ById) {
  const s = await liveSession(c, params.id);
  return withEtag(c, presentSession(s), s.version);
}

/** The session, if the caller may correct it: its author (still writing for its territory) or an admin. */
async function authoredSession(c: Ctx, id: string) {
  const s = await liveSession(c, id);
  const user = c.get('user');
  if (user.role === 'admin') return s;
  if (s.createdBy !== user.email) throw new ApiError('FORBIDDEN', MSG.notSessionAuthor(s.createdBy));
  if (s.territoryId) assertTerritoryAccess(user, await territoryOr404(c, s.territoryId));
  return s;
}

/** A correction merged into the session, checked like a new one, then written on its version. */
async function applyCorrection(c: Ctx, before: StoredSession, patch: SessionPatch) {
  const db = c.env.DB;
  const p = await getProgramme(db);
  const rule = QUOTA_RULES[before.kind];
  const data: SessionData = merged(dataOf(before), patch);
  if (patch.date !== undefined && (data.date < p.startDate || data.date > p.endDate))
    throw fieldError('date', MSG.dateOutsideProgramme(p.startDate, p.endDate));
  const cap = rule.maxMinutesPerSession?.(p);
  if (cap !== undefined && data.durationMinutes > cap && data.durationMinutes > before.durationMinutes) {
    const message = MSG.durationCap(LABELS.sessionKind[rule.kind], cap, data.durationMinutes);
    throw new ApiError('QUOTA_EXCEEDED', message, {
      issues: [{ path: 'durationMinutes', message }],
      quota: await currentQuota(db, rule, p, before),
    });
  }
  if (patch.blockerIds?.length) {
    const { results } = await db
      .prepare('SELECT id, territory_id FROM blockers WHERE id IN (SELECT value FROM json_each(?))')
      .bind(JSON.stringify(patch.blockerIds))
      .all<{ id: string; territory_id: string }>();
    const issue = blockerIssue(patch.blockerIds, results, before.territoryId ?? null);
    if (issue) throw issue;
  }
  return updateSession(db, auditContext(c), before, data, correctionOf(rule, before, data, p));
}

/** The correction would take more of a quota than is left: 409 with that quota, nothing written. */
async function quotaRefusal(c: Ctx, before: StoredSession, patch: SessionPatch): Promise<never> {
  const p = await getProgramme(c.env.DB);
  const rule = QUOTA_RULES[before.kind];
  const data: SessionData = merged(dataOf(before), patch);
  const quota = await currentQuota(c.env.DB, rule, p, data);
  const { asked } = correctionOf(rule, before, data, p);
  throw new ApiError('QUOTA_EXCEEDED', MSG.quotaExceeded(quota, asked), { quota });
}

/** The session as stored now and its quota, with its ETag. */
async function sessionAnswer(c: Ctx, id: string) {
  const s = (await getSession(c.env.DB, id))!;
  const quota = await currentQuota(c.env.DB, QUOTA_RULES[s.kind], await getProgramme(c.env.DB), s);
  return withEtag(c, { session: presentSession(s), quota }, s.version);
}

async function correctSession(c: Ctx, { body: patch, params }: ById & { body: SessionPatch }) {
  const { id } = await writeVersioned(c, {
    load: () => authoredSession(c, params.id),
    version: (s) => s.version,
    current: presentSession,
    fields: (s) => s,
    patch,
    apply: (before) => applyCorrection(c, before, patch),
    refused: (before) => quotaRefusal(c, before, patch),
  });
  return sessionAnswer(c, id);
}

/** A soft delete that frees the quota, kept in the audit log. */
async function cancelSession(c: Ctx, { params }: ById) {
  const { id } = await writeVersioned(c, {
    load: () => authoredSession(c, params.id),
    version: (s) => s.version,
    current: presentSession,
    apply: (before) => softDeleteSession(c.env.DB, auditContext(c), before),
  });
  return sessionAnswer(c, id);
}

const LOG = { body: SessionInput, writeSlotInBatch: true, status: 201 } as const;
const LOG_SUMMARY = 'Enregistrer une séance (quota vérifié)';
const CHECK = 'Vérifier des séances sans rien enregistrer (import)';
const AUTHOR = 'l’auteur de la séance ou un administrateur';
const CORRECT = `Corriger une séance (${AUTHOR})`;
const CANCEL = `Annuler une séance, libère le quota (${AUTHOR})`;

export const sessionRoutes = [
  route('GET /v1/sessions', ALL, 'Journal des séances', SessionList, listAll, { query: SessionFilters }),
  route('POST /v1/sessions', WRITERS, LOG_SUMMARY, SessionWithQuota, logSession, LOG),
  route('POST /v1/sessions/validate', WRITERS, CHECK, SessionValidation, checkSessionRows, {
    body: SessionRowsInput,
  }),
  route('GET /v1/sessions/:id', ALL, 'Lire une séance', Session, readSession),
  route('PATCH /v1/sessions/:id', WRITERS, CORRECT, SessionWithQuota, correctSession, { body: SessionPatch }),
  route('DELETE /v1/sessions/:id', WRITERS, CANCEL, SessionWithQuota, cancelSession),
];
