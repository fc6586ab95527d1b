import * as z from 'zod/mini';
import { MSG } from '../../shared/i18n/messages';
import { ActionInput, ActionPatch, Id } from '../../shared/schemas';
import { ALL, WRITERS } from '../auth/policy';
import { getEntity, insertEntity, listEntities, updateEntity } from '../db/entities';
import { type ActionData, type PartnerData, presentAction } from '../db/records';
import { bodyHash, compact } from '../db/util';
import { ApiError, fieldError } from '../http/errors';
import { route } from '../http/route';
import { auditContext, type Ctx, newId, param, replayOrRefuse, writableTerritory } from './context';

async function actionOr404(c: Ctx) {
  const a = await getEntity<ActionData>(c.env.DB, 'actions', param(c, 'id'));
  if (!a) throw new ApiError('NOT_FOUND', MSG.notFound('Fiche action'));
  return a;
}

const ActionFilters = z.object({ territoryId: z.optional(Id), partnerId: z.optional(Id) });

async function createAction(c: Ctx, { body }: { body: ActionInput }) {
  const db = c.env.DB;
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
}

async function listActions(c: Ctx, { query }: { query: z.infer<typeof ActionFilters> }) {
  const list = await listEntities<ActionData>(c.env.DB, 'actions', {
    territory_id: query.territoryId ?? null,
    partner_id: query.partnerId ?? null,
  });
  return c.json({ actions: list.map(presentAction) });
}

const readAction = async (c: Ctx) => c.json(presentAction(await actionOr404(c)));

async function patchAction(c: Ctx, { body: patch }: { body: ActionPatch }) {
  const before = await actionOr404(c);
  await writableTerritory(c, before.data.territoryId);
  const data: ActionData = compact({ ...before.data, ...patch });
  await updateEntity(c.env.DB, auditContext(c), 'actions', before, {}, data);
  return c.json(presentAction((await getEntity<ActionData>(c.env.DB, 'actions', before.id))!));
}

export const actionRoutes = [
  route('GET /v1/actions', ALL, 'Lister les fiches action', { query: ActionFilters }, listActions),
  route(
    'POST /v1/actions',
    WRITERS,
    'Créer une fiche action',
    { body: ActionInput, status: 201 },
    createAction,
  ),
  route('GET /v1/actions/:id', ALL, 'Lire une fiche action', {}, readAction),
  route('PATCH /v1/actions/:id', WRITERS, 'Modifier une fiche action', { body: ActionPatch }, patchAction),
];
