import { Hono } from 'hono';
import { LABELS } from '../../shared/i18n/labels';
import { MSG } from '../../shared/i18n/messages';
import { QUOTA_RULES, sessionAmount } from '../../shared/quotas/rules';
import { SESSION_KINDS, SessionInput } from '../../shared/schemas';
import { assertTerritoryAccess } from '../auth/access';
import { getEntity } from '../db/entities';
import { getProgramme } from '../db/programme';
import { getSession, listSessions, presentSession, type SessionData } from '../db/sessions';
import { getTerritory } from '../db/territories';
import { bodyHash, compact } from '../db/util';
import type { AppEnv } from '../env';
import { readBody } from '../http/body';
import { ApiError, fieldError } from '../http/errors';
import { currentQuota, insertSessionWithinQuota, softDeleteSession } from '../quotas/engine';
import { auditContext, newId, q, replayOrRefuse } from './context';
import type { PartnerData } from './territories';

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

export const sessions = new Hono<AppEnv>()
  .get('/', async (c) => {
    const kind = q(c, 'kind');
    if (kind && !(SESSION_KINDS as readonly string[]).includes(kind))
      throw fieldError('kind', 'Type de séance inconnu.');
    for (const name of ['from', 'to']) {
      const v = q(c, name);
      if (v && !isoDate.test(v)) throw fieldError(name, 'Date attendue au format AAAA-MM-JJ.');
    }
    const list = await listSessions(c.env.DB, {
      territoryId: q(c, 'territoryId'),
      partnerId: q(c, 'partnerId'),
      kind,
      from: q(c, 'from'),
      to: q(c, 'to'),
    });
    return c.json({ sessions: list });
  })

  .post('/', async (c) => {
    const db = c.env.DB;
    const user = c.get('user');
    const body = await readBody(c, SessionInput);
    if (body.override && user.role !== 'admin') throw new ApiError('FORBIDDEN', MSG.overrideAdminOnly);
    const id = body.id ?? newId();
    const hash = await bodyHash(body);

    // A replay answers from the record before anything is checked again.
    const existing = await getSession(db, id);
    if (existing) {
      await replayOrRefuse(existing, hash, () => undefined as never);
      const p = await getProgramme(db);
      const quota = await currentQuota(db, QUOTA_RULES[existing.kind], p, existingSubject(existing));
      return c.json({ session: presentSession(existing), quota }, 200);
    }

    const p = await getProgramme(db);
    const rule = QUOTA_RULES[body.kind];
    const kindLabel = LABELS.sessionKind[body.kind];
    if (body.date < p.startDate || body.date > p.endDate)
      throw fieldError('date', MSG.dateOutsideProgramme(p.startDate, p.endDate));

    let territoryId = body.territoryId ?? null;
    const partnerId = body.partnerId ?? null;
    if (rule.scope === 'partner' && !partnerId) throw fieldError('partnerId', MSG.partnerRequired);
    if (partnerId) {
      const partner = await getEntity<PartnerData>(db, 'partners', partnerId);
      if (!partner) throw fieldError('partnerId', MSG.notFound('Partenaire'));
      if (territoryId && partner.data.territoryId !== territoryId)
        throw fieldError('partnerId', MSG.partnerOfOtherTerritory);
      territoryId = partner.data.territoryId;
    }
    if (rule.needsTerritory && !territoryId)
      throw fieldError('territoryId', MSG.territoryRequired(kindLabel));
    if (territoryId) {
      const territory = await getTerritory(db, territoryId);
      if (!territory) throw fieldError('territoryId', MSG.notFound('Territoire'));
      assertTerritoryAccess(user, territory);
    }
    for (const [i, blockerId] of (body.blockerIds ?? []).entries()) {
      const blocker = await getEntity<{ territoryId: string }>(db, 'blockers', blockerId);
      if (!blocker) throw fieldError(`blockerIds.${i}`, MSG.unknownBlocker(blockerId));
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
    const inserted = await insertSessionWithinQuota(db, auditContext(c), rule, p, {
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
    if (!inserted) {
      await replayOrRefuse(await getSession(db, id), hash, async () => {
        const quota = await currentQuota(db, rule, p, subject);
        if (rule.uniqueTerritory && quota.used < quota.limit) {
          const host = await getTerritory(db, territoryId ?? '');
          throw new ApiError('QUOTA_EXCEEDED', MSG.hostAlreadyUsed(host?.name ?? territoryId ?? ''), {
            quota,
          });
        }
        throw new ApiError(
          'QUOTA_EXCEEDED',
          MSG.quotaExceeded(quota, sessionAmount(rule, body.durationMinutes)),
          { quota },
        );
      });
    }
    const stored = (await getSession(db, id))!;
    const quota = await currentQuota(db, rule, p, subject);
    return c.json({ session: presentSession(stored), quota }, inserted ? 201 : 200);
  })

  .get('/:id', async (c) => {
    const s = await getSession(c.env.DB, c.req.param('id'));
    if (!s || s.deletedAt) throw new ApiError('NOT_FOUND', MSG.notFound('Séance'));
    return c.json(presentSession(s));
  })

  .delete('/:id', async (c) => {
    const db = c.env.DB;
    const s = await getSession(db, c.req.param('id'));
    if (!s || s.deletedAt) throw new ApiError('NOT_FOUND', MSG.notFound('Séance'));
    await softDeleteSession(db, auditContext(c), s.id, presentSession(s));
    const p = await getProgramme(db);
    const quota = await currentQuota(db, QUOTA_RULES[s.kind], p, existingSubject(s));
    return c.json({ session: presentSession((await getSession(db, s.id))!), quota });
  });

function existingSubject(s: { territoryId?: string; partnerId?: string; date: string }) {
  return { territoryId: s.territoryId ?? null, partnerId: s.partnerId ?? null, date: s.date };
}
