import * as z from 'zod/mini';
import { Blocker, BlockerList } from '../../shared/api/blockers';
import { BLOCKER_STATUSES, BlockerInput, BlockerPatch, Id } from '../../shared/schemas';
import { validate } from '../../shared/schemas/validate';
import { ALL, WRITERS } from '../auth/policy';
import { listEntities, present, type Stored, updateEntity } from '../db/entities';
import type { BlockerData } from '../db/records';
import { compact, merged } from '../db/util';
import { validationError } from '../http/errors';
import { created, route } from '../http/route';
import { auditContext, type Ctx, checkPartner, newId, writableTerritory } from './context';
import { createStored, patchStored, readStored, recordKind } from './versioned';

const BlockerFilters = z.object({
  territoryId: z.optional(Id),
  status: z.optional(z.enum(BLOCKER_STATUSES)),
});

type Filters = z.infer<typeof BlockerFilters>;

async function listBlockers(c: Ctx, { query }: { query: Filters }) {
  const list = await listEntities<BlockerData>(c.env.DB, 'blockers', {
    territory_id: query.territoryId ?? null,
    status: query.status ?? null,
  });
  return c.json({ blockers: list.map((b) => present(b)) });
}

async function createBlocker(c: Ctx, { body }: { body: BlockerInput }) {
  const territory = await writableTerritory(c, body.territoryId);
  await checkPartner(c, body.partnerId, territory.id);
  const { id = newId(), ...fields } = body;
  const data: BlockerData = compact({ ...fields, status: fields.status ?? 'open' });
  const columns = { territory_id: territory.id, partner_id: data.partnerId ?? null, status: data.status };
  return createStored(c, { table: 'blockers', id, columns, data, request: body, show: present });
}

const BLOCKER = recordKind<BlockerData>('blockers', 'Verrou', present, (b) => b.data.territoryId);
const readBlocker = readStored(BLOCKER);

/** The patch merged into the blocker as stored, checked whole again, written on its version. */
async function applyBlockerPatch(c: Ctx, before: Stored<BlockerData>, patch: BlockerPatch) {
  const data: BlockerData = merged(before.data, patch);
  const rule = validate(BlockerInput, data);
  if (!rule.ok) throw validationError(rule.issues);
  await checkPartner(c, data.partnerId, data.territoryId);
  const columns = { partner_id: data.partnerId ?? null, status: data.status };
  return updateEntity(c.env.DB, auditContext(c), 'blockers', before, columns, data);
}

const patchBlocker = (c: Ctx, { body: patch, params }: { body: BlockerPatch; params: { id: string } }) =>
  patchStored(c, BLOCKER, params.id, { patch, apply: (before) => applyBlockerPatch(c, before, patch) });

export const blockerRoutes = [
  route('GET /v1/blockers', ALL, 'Lister les verrous', BlockerList, listBlockers, { query: BlockerFilters }),
  route('POST /v1/blockers', WRITERS, 'Créer un verrou', Blocker, createBlocker, created(BlockerInput)),
  route('GET /v1/blockers/:id', ALL, 'Lire un verrou', Blocker, readBlocker),
  route('PATCH /v1/blockers/:id', WRITERS, 'Modifier un verrou', Blocker, patchBlocker, {
    body: BlockerPatch,
  }),
];
