import * as z from 'zod/mini';
import { Action, ActionList } from '../../shared/api/actions';
import { MSG } from '../../shared/i18n/messages';
import { ActionInput, ActionPatch, Id } from '../../shared/schemas';
import { validate } from '../../shared/schemas/validate';
import { ALL, WRITERS } from '../auth/policy';
import { getEntity, listEntities, updateEntity } from '../db/entities';
import { type ActionData, type PartnerData, presentAction } from '../db/records';
import { compact, merged } from '../db/util';
import { fieldError, validationError } from '../http/errors';
import { created, route } from '../http/route';
import { auditContext, type Ctx, newId, writableTerritory } from './context';
import { createStored, patchStored, readStored, recordKind } from './versioned';

const ActionFilters = z.object({ territoryId: z.optional(Id), partnerId: z.optional(Id) });

async function createAction(c: Ctx, { body }: { body: ActionInput }) {
  const partner = await getEntity<PartnerData>(c.env.DB, 'partners', body.partnerId);
  if (!partner) throw fieldError('partnerId', MSG.notFound('Partenaire'));
  const territory = await writableTerritory(c, partner.data.territoryId);
  const { id = newId(), ...fields } = body;
  const data: ActionData = compact({ ...fields, territoryId: territory.id });
  const columns = { partner_id: partner.id, territory_id: territory.id };
  return createStored(c, { table: 'actions', id, columns, data, request: body, show: presentAction });
}

async function listActions(c: Ctx, { query }: { query: z.infer<typeof ActionFilters> }) {
  const list = await listEntities<ActionData>(c.env.DB, 'actions', {
    territory_id: query.territoryId ?? null,
    partner_id: query.partnerId ?? null,
  });
  return c.json({ actions: list.map(presentAction) });
}

const ACTION = recordKind<ActionData>('actions', 'Fiche action', presentAction, (a) => a.data.territoryId);
const readAction = readStored(ACTION);

const patchAction = (c: Ctx, { body: patch, params }: { body: ActionPatch; params: { id: string } }) =>
  patchStored(c, ACTION, params.id, {
    patch,
    apply: (before) => {
      const data: ActionData = merged(before.data, patch);
      const dates = validate(ActionPatch, { startDate: data.startDate, endDate: data.endDate });
      if (!dates.ok) throw validationError(dates.issues);
      return updateEntity(c.env.DB, auditContext(c), 'actions', before, {}, data);
    },
  });

export const actionRoutes = [
  route('GET /v1/actions', ALL, 'Lister les fiches action', ActionList, listActions, {
    query: ActionFilters,
  }),
  route('POST /v1/actions', WRITERS, 'Créer une fiche action', Action, createAction, created(ActionInput)),
  route('GET /v1/actions/:id', ALL, 'Lire une fiche action', Action, readAction),
  route('PATCH /v1/actions/:id', WRITERS, 'Modifier une fiche action', Action, patchAction, {
    body: ActionPatch,
  }),
];
