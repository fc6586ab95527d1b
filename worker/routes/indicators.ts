import { Hono } from 'hono';
import { MSG } from '../../shared/i18n/messages';
import { IndicatorInput } from '../../shared/schemas';
import { getEntity, insertEntity, listEntities, present } from '../db/entities';
import { bodyHash, compact } from '../db/util';
import type { AppEnv } from '../env';
import { readBody } from '../http/body';
import { fieldError } from '../http/errors';
import { auditContext, newId, q, replayOrRefuse, writableTerritory } from './context';
import type { PartnerData } from './territories';

export type IndicatorData = Omit<IndicatorInput, 'id'>;

export const indicators = new Hono<AppEnv>()
  .get('/', async (c) => {
    const list = await listEntities<IndicatorData>(c.env.DB, 'indicators', {
      territory_id: q(c, 'territoryId') ?? null,
      partner_id: q(c, 'partnerId') ?? null,
    });
    return c.json({ indicators: list.map((i) => present(i)) });
  })

  .post('/', async (c) => {
    const db = c.env.DB;
    const body = await readBody(c, IndicatorInput);
    const territory = await writableTerritory(c, body.territoryId);
    if (body.partnerId) {
      const partner = await getEntity<PartnerData>(db, 'partners', body.partnerId);
      if (!partner) throw fieldError('partnerId', MSG.notFound('Partenaire'));
      if (partner.data.territoryId !== territory.id)
        throw fieldError('partnerId', MSG.partnerOfOtherTerritory);
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
      await replayOrRefuse(await getEntity(db, 'indicators', id), hash, () => undefined as never);
    return c.json(present((await getEntity<IndicatorData>(db, 'indicators', id))!), inserted ? 201 : 200);
  });
