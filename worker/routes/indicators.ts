import * as z from 'zod/mini';
import { Indicator, IndicatorList } from '../../shared/api/indicators';
import { Id, IndicatorInput } from '../../shared/schemas';
import { ALL, WRITERS } from '../auth/policy';
import { listEntities, present } from '../db/entities';
import type { IndicatorData } from '../db/records';
import { compact } from '../db/util';
import { created, route } from '../http/route';
import { type Ctx, checkPartner, newId, writableTerritory } from './context';
import { createStored } from './versioned';

const IndicatorFilters = z.object({ territoryId: z.optional(Id), partnerId: z.optional(Id) });

async function recordIndicator(c: Ctx, { body }: { body: IndicatorInput }) {
  const territory = await writableTerritory(c, body.territoryId);
  await checkPartner(c, body.partnerId, territory.id);
  const { id = newId(), ...fields } = body;
  const data: IndicatorData = compact(fields);
  const columns = {
    territory_id: territory.id,
    partner_id: data.partnerId ?? null,
    period_end: data.periodEnd,
  };
  return createStored(c, { table: 'indicators', id, columns, data, request: body, show: present });
}

async function listIndicators(c: Ctx, { query }: { query: z.infer<typeof IndicatorFilters> }) {
  const list = await listEntities<IndicatorData>(c.env.DB, 'indicators', {
    territory_id: query.territoryId ?? null,
    partner_id: query.partnerId ?? null,
  });
  return c.json({ indicators: list.map((i) => present(i)) });
}

export const indicatorRoutes = [
  route('GET /v1/indicators', ALL, 'Lister les valeurs d’indicateurs', IndicatorList, listIndicators, {
    query: IndicatorFilters,
  }),
  route('POST /v1/indicators', WRITERS, 'Saisir une valeur d’indicateur', Indicator, recordIndicator, {
    ...created(IndicatorInput),
  }),
];
