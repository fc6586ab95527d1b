import * as z from 'zod/mini';
import { MSG } from '../../shared/i18n/messages';
import { Id, IndicatorInput } from '../../shared/schemas';
import { ALL, WRITERS } from '../auth/policy';
import { getEntity, insertEntity, listEntities, present } from '../db/entities';
import type { IndicatorData, PartnerData } from '../db/records';
import { bodyHash, compact } from '../db/util';
import { fieldError } from '../http/errors';
import { created, route } from '../http/route';
import { auditContext, type Ctx, newId, replayOrRefuse, writableTerritory } from './context';

const IndicatorFilters = z.object({ territoryId: z.optional(Id), partnerId: z.optional(Id) });

async function recordIndicator(c: Ctx, { body }: { body: IndicatorInput }) {
  const db = c.env.DB;
  const territory = await writableTerritory(c, body.territoryId);
  if (body.partnerId) {
    const partner = await getEntity<PartnerData>(db, 'partners', body.partnerId);
    if (!partner) throw fieldError('partnerId', MSG.notFound('Partenaire'));
    if (partner.data.territoryId !== territory.id) throw fieldError('partnerId', MSG.partnerOfOtherTerritory);
  }
  const { id = newId(), ...fields } = body;
  const data: IndicatorData = compact(fields);
  const hash = await bodyHash(body);
  const columns = {
    territory_id: territory.id,
    partner_id: data.partnerId ?? null,
    period_end: data.periodEnd,
  };
  const inserted = await insertEntity(db, auditContext(c), 'indicators', id, columns, data, hash);
  if (!inserted)
    await replayOrRefuse(
      await getEntity<IndicatorData>(db, 'indicators', id),
      hash,
      () => undefined as never,
      present,
    );
  return c.json(present((await getEntity<IndicatorData>(db, 'indicators', id))!), inserted ? 201 : 200);
}

async function listIndicators(c: Ctx, { query }: { query: z.infer<typeof IndicatorFilters> }) {
  const list = await listEntities<IndicatorData>(c.env.DB, 'indicators', {
    territory_id: query.territoryId ?? null,
    partner_id: query.partnerId ?? null,
  });
  return c.json({ indicators: list.map((i) => present(i)) });
}

export const indicatorRoutes = [
  route('GET /v1/indicators', ALL, 'Lister les valeurs d’indicateurs', listIndicators, {
    query: IndicatorFilters,
  }),
  route(
    'POST /v1/indicators',
    WRITERS,
    'Saisir une valeur d’indicateur',
    recordIndicator,
    created(IndicatorInput),
  ),
];
