import { Workshop, WorkshopList } from '../../shared/api/workshops';
import { MSG } from '../../shared/i18n/messages';
import { WorkshopInput, WorkshopPatch } from '../../shared/schemas';
import { ALL, WRITERS } from '../auth/policy';
import { listEntities, present, type Stored, updateEntity } from '../db/entities';
import { getProgramme } from '../db/programme';
import type { WorkshopData } from '../db/records';
import { compact, merged } from '../db/util';
import { ApiError, fieldError } from '../http/errors';
import { created, route } from '../http/route';
import { auditContext, type Ctx, newId, writableTerritory } from './context';
import { createStored, patchStored, readStored, recordKind } from './versioned';

/** Number within the programme's workshops; then the clash, if any, named precisely. */
async function checkNumber(c: Ctx, number: number) {
  const p = await getProgramme(c.env.DB);
  if (number > p.quotas.workshopsTotal)
    throw fieldError('number', MSG.workshopNumberTooHigh(p.quotas.workshopsTotal));
}

async function conflict(c: Ctx, data: WorkshopData, exceptId: string, hostName: string): Promise<never> {
  const clash = await c.env.DB.prepare('SELECT number FROM workshops WHERE number = ? AND id <> ?')
    .bind(data.number, exceptId)
    .first();
  throw new ApiError('CONFLICT', clash ? MSG.workshopNumberUsed(data.number) : MSG.hostAlreadyUsed(hostName));
}

const WORKSHOP = recordKind<WorkshopData>('workshops', 'Atelier', present, (w) => w.data.hostTerritoryId);

const FREE = 'NOT EXISTS (SELECT 1 FROM workshops WHERE (number = ? OR host_territory_id = ?) AND id <> ?)';

async function createWorkshop(c: Ctx, { body }: { body: WorkshopInput }) {
  await checkNumber(c, body.number);
  const host = await writableTerritory(c, body.hostTerritoryId);
  const { id = newId(), ...fields } = body;
  const data: WorkshopData = compact(fields);
  return createStored(c, {
    table: 'workshops',
    id,
    columns: { number: data.number, host_territory_id: data.hostTerritoryId },
    data,
    request: body,
    condition: { sql: FREE, args: [data.number, data.hostTerritoryId, id] },
    refused: () => conflict(c, data, id, host.name),
    show: present,
  });
}

async function patchWorkshop(
  c: Ctx,
  { body: patch, params }: { body: WorkshopPatch; params: { id: string } },
) {
  if (patch.number !== undefined) await checkNumber(c, patch.number);
  const host = patch.hostTerritoryId ? await writableTerritory(c, patch.hostTerritoryId) : null;
  const withPatch = (before: Stored<WorkshopData>): WorkshopData => merged(before.data, patch);
  return patchStored(c, WORKSHOP, params.id, {
    patch,
    apply: (before) => {
      const data = withPatch(before);
      const columns = { number: data.number, host_territory_id: data.hostTerritoryId };
      return updateEntity(c.env.DB, auditContext(c), 'workshops', before, columns, data, {
        sql: FREE,
        args: [data.number, data.hostTerritoryId, before.id],
      });
    },
    refused: (before) =>
      conflict(c, withPatch(before), before.id, host?.name ?? withPatch(before).hostTerritoryId),
  });
}

async function listWorkshops(c: Ctx) {
  const list = await listEntities<WorkshopData>(c.env.DB, 'workshops', {});
  return c.json({ workshops: list.map((w) => present(w)) });
}

const readWorkshop = readStored(WORKSHOP);

const CREATE = created(WorkshopInput);
const PATCH = { body: WorkshopPatch };

export const workshopRoutes = [
  route('GET /v1/workshops', ALL, 'Lister les ateliers collectifs', WorkshopList, listWorkshops),
  route('POST /v1/workshops', WRITERS, 'Créer une fiche atelier', Workshop, createWorkshop, CREATE),
  route('GET /v1/workshops/:id', ALL, 'Lire une fiche atelier', Workshop, readWorkshop),
  route('PATCH /v1/workshops/:id', WRITERS, 'Modifier une fiche atelier', Workshop, patchWorkshop, PATCH),
];
