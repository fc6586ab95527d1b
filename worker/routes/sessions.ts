import * as z from 'zod/mini';
import { LABELS } from '../../shared/i18n/labels';
import { MSG } from '../../shared/i18n/messages';
import { makeQuota, QUOTA_RULES, sessionAmount, subjectOf } from '../../shared/quotas/rules';
import { Id, IsoDate, SESSION_KINDS, SessionInput } from '../../shared/schemas';
import { assertTerritoryAccess } from '../auth/access';
import { ADMIN, ALL, WRITERS } from '../auth/policy';
import { storedFromRow } from '../db/entities';
import { getProgramme, PROGRAMME_SQL, programmeFromRow } from '../db/programme';
import type { PartnerData } from '../db/records';
import {
  getSession,
  listSessions,
  presentSession,
  type Session,
  type SessionData,
  sessionFromRow,
} from '../db/sessions';
import { type TerritoryRow, territoryFromRow } from '../db/territories';
import { bodyHash, compact } from '../db/util';
import { ApiError, fieldError } from '../http/errors';
import { batchBehindWriteSlot } from '../http/rate-limit';
import { route } from '../http/route';
import { currentQuota, insertSessionWithinQuota, softDeleteSession } from '../quotas/engine';
import { auditContext, type Ctx, newId, param, replayOrRefuse } from './context';

const SessionFilters = z.object({
  territoryId: z.optional(Id),
  partnerId: z.optional(Id),
  kind: z.optional(z.enum(SESSION_KINDS)),
  from: z.optional(IsoDate),
  to: z.optional(IsoDate),
});

/** POST /v1/sessions: the checks, then the quota-checked insert (see quotas/engine.ts). */
async function logSession(c: Ctx, { body }: { body: SessionInput }) {
  const db = c.env.DB;
  const user = c.get('user');
  if (body.override && user.role !== 'admin') throw new ApiError('FORBIDDEN', MSG.overrideAdminOnly);
  const id = body.id ?? newId();
  const hash = await bodyHash(body);

  // Everything the checks need, in one round trip that also takes the caller's write slot:
  // a stored session with this id, the programme, the territory (named, or the partner's)
  // and the partner.
  const [storedRes, programmeRes, territoryRes, partnerRes] = await batchBehindWriteSlot(c, [
    db.prepare('SELECT * FROM sessions WHERE id = ?').bind(id),
    db.prepare(PROGRAMME_SQL),
    db
      .prepare(
        'SELECT * FROM territories WHERE id = COALESCE(?1, (SELECT territory_id FROM partners WHERE id = ?2))',
      )
      .bind(body.territoryId ?? null, body.partnerId ?? null),
    db.prepare('SELECT * FROM partners WHERE id = ?').bind(body.partnerId ?? ''),
  ]);
  const first = <T>(r: D1Result | undefined) => (r?.results[0] as T | undefined) ?? null;
  const p = programmeFromRow(first<{ data: string }>(programmeRes));

  // A replay answers from the record before anything is checked again.
  const existingRow = first<Record<string, string | number | null>>(storedRes);
  if (existingRow) {
    const existing = sessionFromRow(existingRow);
    await replayOrRefuse(existing, hash, () => undefined as never);
    const quota = await currentQuota(db, QUOTA_RULES[existing.kind], p, existingSubject(existing));
    return c.json({ session: presentSession(existing), quota }, 200);
  }

  const rule = QUOTA_RULES[body.kind];
  const kindLabel = LABELS.sessionKind[body.kind];
  if (body.date < p.startDate || body.date > p.endDate)
    throw fieldError('date', MSG.dateOutsideProgramme(p.startDate, p.endDate));

  const partnerRow = first<Record<string, string | number | null>>(partnerRes);
  const partner = partnerRow ? storedFromRow<PartnerData>(partnerRow) : null;
  const territoryRow = first<TerritoryRow>(territoryRes);
  const territory = territoryRow ? territoryFromRow(territoryRow) : null;
  const partnerId = body.partnerId ?? null;
  if (rule.scope === 'partner' && !partnerId) throw fieldError('partnerId', MSG.partnerRequired);
  if (partnerId) {
    if (!partner) throw fieldError('partnerId', MSG.notFound('Partenaire'));
    if (body.territoryId && partner.data.territoryId !== body.territoryId) {
      throw fieldError('partnerId', MSG.partnerOfOtherTerritory);
    }
  }
  const territoryId = territory?.id ?? null;
  if (body.territoryId && !territory) throw fieldError('territoryId', MSG.notFound('Territoire'));
  if (rule.needsTerritory && !territoryId) throw fieldError('territoryId', MSG.territoryRequired(kindLabel));
  if (territory) assertTerritoryAccess(user, territory);
  if (body.blockerIds?.length) {
    const { results } = await db
      .prepare(`SELECT id FROM blockers WHERE id IN (${body.blockerIds.map(() => '?').join(', ')})`)
      .bind(...body.blockerIds)
      .all<{ id: string }>();
    const known = new Set(results.map((r) => r.id));
    const i = body.blockerIds.findIndex((b) => !known.has(b));
    if (i >= 0) throw fieldError(`blockerIds.${i}`, MSG.unknownBlocker(body.blockerIds[i]!));
  }

  const subject = { territoryId, partnerId, date: body.date };
  const cap = rule.maxMinutesPerSession?.(p);
  if (cap !== undefined && body.durationMinutes > cap && !body.override) {
    throw new ApiError('QUOTA_EXCEEDED', MSG.durationCap(kindLabel, cap, body.durationMinutes), {
      issues: [{ path: 'durationMinutes', message: MSG.durationCap(kindLabel, cap, body.durationMinutes) }],
      quota: await currentQuota(db, rule, p, subject),
    });
  }

  const { id: _id, override, ...fields } = body;
  const data: SessionData = compact({ ...fields, territoryId: territoryId ?? undefined });
  const ctx = auditContext(c);
  const { inserted, used } = await insertSessionWithinQuota(db, ctx, rule, p, {
    id,
    kind: body.kind,
    territoryId,
    partnerId,
    date: body.date,
    durationMinutes: body.durationMinutes,
    data,
    hash,
    override: override ?? null,
  });
  const quota = makeQuota(rule, p, subjectOf(rule, subject), used);
  if (!inserted) {
    // Another request took this id meanwhile (a concurrent replay), or the quota refused it.
    const raced = await getSession(db, id);
    await replayOrRefuse(raced, hash, () => {
      if (rule.uniqueTerritory && quota.used < quota.limit) {
        throw new ApiError('QUOTA_EXCEEDED', MSG.hostAlreadyUsed(territory?.name ?? territoryId ?? ''), {
          quota,
        });
      }
      throw new ApiError(
        'QUOTA_EXCEEDED',
        MSG.quotaExceeded(quota, sessionAmount(rule, body.durationMinutes)),
        { quota },
      );
    });
    return c.json({ session: presentSession(raced!), quota }, 200);
  }
  const session: Session = {
    id,
    ...data,
    phase: rule.phase,
    createdAt: ctx.at,
    createdBy: ctx.actor,
    ...(override ? { override: { reason: override.reason, by: ctx.actor, at: ctx.at } } : {}),
  };
  return c.json({ session, quota }, 201);
}

const listAll = async (c: Ctx, { query }: { query: z.infer<typeof SessionFilters> }) =>
  c.json({ sessions: await listSessions(c.env.DB, query) });

async function liveSession(c: Ctx) {
  const s = await getSession(c.env.DB, param(c, 'id'));
  if (!s || s.deletedAt) throw new ApiError('NOT_FOUND', MSG.notFound('Séance'));
  return s;
}

const readSession = async (c: Ctx) => c.json(presentSession(await liveSession(c)));

async function cancelSession(c: Ctx) {
  const db = c.env.DB;
  const s = await liveSession(c);
  await softDeleteSession(db, auditContext(c), s.id, presentSession(s));
  const p = await getProgramme(db);
  const quota = await currentQuota(db, QUOTA_RULES[s.kind], p, existingSubject(s));
  return c.json({ session: presentSession((await getSession(db, s.id))!), quota });
}

function existingSubject(s: { territoryId?: string; partnerId?: string; date: string }) {
  return { territoryId: s.territoryId ?? null, partnerId: s.partnerId ?? null, date: s.date };
}

const LOG = { body: SessionInput, writeSlotInBatch: true, status: 201 } as const;

export const sessionRoutes = [
  route('GET /v1/sessions', ALL, 'Journal des séances', { query: SessionFilters }, listAll),
  route('POST /v1/sessions', WRITERS, 'Enregistrer une séance (quota vérifié)', LOG, logSession),
  route('GET /v1/sessions/:id', ALL, 'Lire une séance', {}, readSession),
  route('DELETE /v1/sessions/:id', ADMIN, 'Annuler une séance (libère le quota)', {}, cancelSession),
];
