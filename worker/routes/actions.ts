import { Hono } from 'hono';
import { MSG } from '../../shared/i18n/messages';
import { reproducibilityDegree } from '../../shared/reproducibility';
import { ActionInput, ActionPatch } from '../../shared/schemas';
import { getEntity, insertEntity, listEntities, present, type Stored, updateEntity } from '../db/entities';
import { bodyHash, compact } from '../db/util';
import type { AppEnv } from '../env';
import { readBody } from '../http/body';
import { ApiError, fieldError } from '../http/errors';
import { auditContext, type Ctx, newId, q, replayOrRefuse, writableTerritory } from './context';
import type { PartnerData } from './territories';

export type ActionData = Omit<ActionInput, 'id'> & { territoryId: string };

/** The response adds the degree of reproducibility computed from the three criteria. */
export const presentAction = (a: Stored<ActionData>) =>
  present({
    ...a,
    data: {
      ...a.data,
      reproducibility: { ...a.data.reproducibility, degree: reproducibilityDegree(a.data.reproducibility) },
    },
  });

async function actionOr404(c: Ctx) {
  const a = await getEntity<ActionData>(c.env.DB, 'actions', c.req.param('id') ?? '');
  if (!a) throw new ApiError('NOT_FOUND', MSG.notFound('Fiche action'));
  return a;
}

export const actions = new Hono<AppEnv>()
  .get('/', async (c) => {
    const list = await listEntities<ActionData>(c.env.DB, 'actions', {
      territory_id: q(c, 'territoryId') ?? null,
      partner_id: q(c, 'partnerId') ?? null,
    });
    return c.json({ actions: list.map(presentAction) });
  })

  .post('/', async (c) => {
    const db = c.env.DB;
    const body = await readBody(c, ActionInput);
    const partner = await getEntity<PartnerData>(db, 'partners', body.partnerId);
    if (!partner) throw fieldError('partnerId', MSG.notFound('Partenaire'));
    const territory = await writableTerritory(c, partner.data.territoryId);
    const { id = newId(), ...fields } = body;
    const data: ActionData = compact({ ...fields, territoryId: territory.id });
    const hash = await bodyHash(body);
    const columns = { partner_id: partner.id, territory_id: territory.id };
    const inserted = await insertEntity(db, auditContext(c), 'actions', id, columns, data, hash);
    if (!inserted) await replayOrRefuse(await getEntity(db, 'actions', id), hash, () => undefined as never);
    return c.json(presentAction((await getEntity<ActionData>(db, 'actions', id))!), inserted ? 201 : 200);
  })

  .get('/:id', async (c) => c.json(presentAction(await actionOr404(c))))

  .patch('/:id', async (c) => {
    const before = await actionOr404(c);
    await writableTerritory(c, before.data.territoryId);
    const patch = await readBody(c, ActionPatch);
    const data: ActionData = compact({ ...before.data, ...patch });
    await updateEntity(c.env.DB, auditContext(c), 'actions', before, {}, data);
    return c.json(presentAction((await getEntity<ActionData>(c.env.DB, 'actions', before.id))!));
  });
