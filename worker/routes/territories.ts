import { Hono } from 'hono';
import { MSG } from '../../shared/i18n/messages';
import { partnerQuota } from '../../shared/quotas/partners';
import { PartnerInput, TerritoryAssessment, TerritoryInput, TerritoryPatch } from '../../shared/schemas';
import { getEntity, insertEntity, listEntities, present, type Stored } from '../db/entities';
import { getProgramme } from '../db/programme';
import {
  insertTerritory,
  listTerritories,
  putTerritoryAssessment,
  type Territory,
  type TerritoryData,
  updateTerritory,
} from '../db/territories';
import { bodyHash, compact } from '../db/util';
import { checkCentralCity } from '../eligibility/communes';
import type { AppEnv } from '../env';
import { readBody } from '../http/body';
import { ApiError, fieldError } from '../http/errors';
import { auditContext, type Ctx, newId, replayOrRefuse, territoryOr404, writableTerritory } from './context';

export type PartnerData = Omit<PartnerInput, 'id'> & { territoryId: string };

export const presentTerritory = ({ bodyHash: _h, ...t }: Territory & { bodyHash?: string }) => t;
export const presentPartner = (p: Stored<PartnerData>) => present(p);

const normaliseEmails = (emails: readonly string[]) => [
  ...new Set(emails.map((e) => e.trim().toLowerCase())),
];

/** 400 for an unknown code, 422 naming the city, its population and the rule otherwise. */
async function eligibleCity(c: Ctx, insee: string) {
  const p = await getProgramme(c.env.DB);
  const result = checkCentralCity(insee, p.regionCode, p.minCentralCityPopulation);
  if (result.ok) return result.city;
  if (result.reason === 'unknown') throw fieldError('centralCityInsee', MSG.unknownCommune(insee));
  const { city } = result;
  const message =
    result.reason === 'region'
      ? MSG.outsideRegion(city.name, city.insee, p.regionCode)
      : MSG.tooSmall(city.name, city.population, p.minCentralCityPopulation);
  throw new ApiError('NOT_ELIGIBLE', message, {
    city: {
      insee: city.insee,
      name: city.name,
      population: city.population,
      departement: city.departement,
      region: city.region,
    },
    rule: { regionCode: p.regionCode, minCentralCityPopulation: p.minCentralCityPopulation },
  });
}

export const territories = new Hono<AppEnv>()
  .get('/', async (c) => c.json({ territories: (await listTerritories(c.env.DB)).map(presentTerritory) }))

  .post('/', async (c) => {
    const body = await readBody(c, TerritoryInput);
    const { id = newId(), ...fields } = body;
    const data: TerritoryData = compact({
      ...fields,
      consultants: normaliseEmails(fields.consultants),
      contacts: fields.contacts ?? [],
    });
    const city = await eligibleCity(c, data.centralCityInsee);
    const hash = await bodyHash(body);
    const p = await getProgramme(c.env.DB);
    const inserted = await insertTerritory(c.env.DB, auditContext(c), id, data, city, hash, p.maxTerritories);
    if (!inserted) {
      await replayOrRefuse(await territoryOr404(c, id).catch(() => null), hash, () => {
        throw new ApiError('CONFLICT', MSG.maxTerritories(p.maxTerritories));
      });
    }
    const stored = await territoryOr404(c, id);
    return c.json(presentTerritory(stored), inserted ? 201 : 200);
  })

  .get('/:id', async (c) => c.json(presentTerritory(await territoryOr404(c, c.req.param('id')))))

  .patch('/:id', async (c) => {
    const before = await territoryOr404(c, c.req.param('id'));
    const patch = await readBody(c, TerritoryPatch);
    const {
      id: _id,
      centralCity: oldCity,
      assessment: _a,
      createdAt: _ca,
      createdBy: _cb,
      updatedAt: _ua,
      updatedBy: _ub,
      bodyHash: _bh,
      ...current
    } = before;
    const data: TerritoryData = compact({
      ...current,
      ...patch,
      consultants: normaliseEmails(patch.consultants ?? current.consultants),
    });
    const city =
      patch.centralCityInsee && patch.centralCityInsee !== before.centralCityInsee
        ? await eligibleCity(c, patch.centralCityInsee)
        : oldCity;
    await updateTerritory(c.env.DB, auditContext(c), before, data, city);
    return c.json(presentTerritory(await territoryOr404(c, before.id)));
  })

  .put('/:id/assessment', async (c) => {
    const before = await writableTerritory(c, c.req.param('id'));
    const assessment = await readBody(c, TerritoryAssessment);
    await putTerritoryAssessment(c.env.DB, auditContext(c), before, assessment);
    return c.json(presentTerritory(await territoryOr404(c, before.id)));
  })

  .get('/:id/partners', async (c) => {
    const t = await territoryOr404(c, c.req.param('id'));
    const list = await listEntities<PartnerData>(c.env.DB, 'partners', { territory_id: t.id });
    return c.json({ partners: list.map(presentPartner) });
  })

  .post('/:id/partners', async (c) => {
    const territory = await writableTerritory(c, c.req.param('id'));
    const body = await readBody(c, PartnerInput);
    const { id = newId(), ...fields } = body;
    const data: PartnerData = compact({ territoryId: territory.id, ...fields });
    const hash = await bodyHash({ ...body, territoryId: territory.id });
    const p = await getProgramme(c.env.DB);
    const max = p.maxPartnersPerTerritory;
    const db = c.env.DB;
    const inserted = await insertEntity(
      db,
      auditContext(c),
      'partners',
      id,
      { territory_id: territory.id, name: data.name },
      data,
      hash,
      {
        sql: '(SELECT COUNT(*) FROM partners WHERE territory_id = ?) < ?',
        args: [territory.id, max],
      },
    );
    if (!inserted) {
      await replayOrRefuse(await getEntity(db, 'partners', id), hash, async () => {
        const row = await db
          .prepare('SELECT COUNT(*) AS n FROM partners WHERE territory_id = ?')
          .bind(territory.id)
          .first<{ n: number }>();
        throw new ApiError('QUOTA_EXCEEDED', MSG.partnersFull(territory.name, max), {
          quota: partnerQuota(p, territory.id, Number(row?.n ?? 0)),
        });
      });
    }
    const stored = await getEntity<PartnerData>(db, 'partners', id);
    return c.json(presentPartner(stored!), inserted ? 201 : 200);
  });
