import { Hono } from 'hono';
import { MSG } from '../../shared/i18n/messages';
import { BLOCKER_STATUSES, BlockerInput, BlockerPatch } from '../../shared/schemas';
import { validate } from '../../shared/schemas/validate';
import { getEntity, insertEntity, listEntities, present, updateEntity } from '../db/entities';
import { bodyHash, compact } from '../db/util';
import type { AppEnv } from '../env';
import { readBody } from '../http/body';
import { ApiError, fieldError, validationError } from '../http/errors';
import { auditContext, type Ctx, newId, q, replayOrRefuse, writableTerritory } from './context';
import type { PartnerData } from './territories';

export type BlockerData = Omit<BlockerInput, 'id'> & { status: NonNullable<BlockerInput['status']> };

async function checkPartner(c: Ctx, partnerId: string | undefined, territoryId: string) {
  if (!partnerId) return;
  const partner = await getEntity<PartnerData>(c.env.DB, 'partners', partnerId);
  if (!partner) throw fieldError('partnerId', MSG.notFound('Partenaire'));
  if (partner.data.territoryId !== territoryId) throw fieldError('partnerId', MSG.partnerOfOtherTerritory);
}

async function blockerOr404(c: Ctx) {
  const b = await getEntity<BlockerData>(c.env.DB, 'blockers', c.req.param('id') ?? '');
  if (!b) throw new ApiError('NOT_FOUND', MSG.notFound('Verrou'));
  return b;
}

export const blockers = new Hono<AppEnv>()
  .get('/', async (c) => {
    const status = q(c, 'status');
    if (status && !(BLOCKER_STATUSES as readonly string[]).includes(status))
      throw fieldError('status', 'Statut inconnu.');
    const list = await listEntities<BlockerData>(c.env.DB, 'blockers', {
      territory_id: q(c, 'territoryId') ?? null,
      status: status ?? null,
    });
    return c.json({ blockers: list.map((b) => present(b)) });
  })

  .post('/', async (c) => {
    const body = await readBody(c, BlockerInput);
    const territory = await writableTerritory(c, body.territoryId);
    await checkPartner(c, body.partnerId, territory.id);
    const { id = newId(), ...fields } = body;
    const data: BlockerData = compact({ ...fields, status: fields.status ?? 'open' });
    const hash = await bodyHash(body);
    const db = c.env.DB;
    const columns = { territory_id: territory.id, partner_id: data.partnerId ?? null, status: data.status };
    const inserted = await insertEntity(db, auditContext(c), 'blockers', id, columns, data, hash);
    if (!inserted) await replayOrRefuse(await getEntity(db, 'blockers', id), hash, () => undefined as never);
    return c.json(present((await getEntity<BlockerData>(db, 'blockers', id))!), inserted ? 201 : 200);
  })

  .get('/:id', async (c) => c.json(present(await blockerOr404(c))))

  .patch('/:id', async (c) => {
    const before = await blockerOr404(c);
    await writableTerritory(c, before.data.territoryId);
    const patch = await readBody(c, BlockerPatch);
    const data: BlockerData = compact({ ...before.data, ...patch });
    const rule = validate(BlockerInput, data);
    if (!rule.ok) throw validationError(rule.issues);
    await checkPartner(c, data.partnerId, data.territoryId);
    const columns = { partner_id: data.partnerId ?? null, status: data.status };
    await updateEntity(c.env.DB, auditContext(c), 'blockers', before, columns, data);
    return c.json(present((await getEntity<BlockerData>(c.env.DB, 'blockers', before.id))!));
  });
