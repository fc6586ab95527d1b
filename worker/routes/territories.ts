import { Partner, PartnerList, Territory, TerritoryList } from '../../shared/api/territories';
import { MSG } from '../../shared/i18n/messages';
import { partnerQuota } from '../../shared/quotas/partners';
import { PartnerInput, TerritoryAssessment, TerritoryInput, TerritoryPatch } from '../../shared/schemas';
import { ADMIN, ALL, WRITERS } from '../auth/policy';
import { listEntities } from '../db/entities';
import { getProgramme } from '../db/programme';
import { type PartnerData, presentPartner } from '../db/records';
import {
  insertTerritory,
  listTerritories,
  presentTerritory,
  putTerritoryAssessment,
  type TerritoryData,
  updateTerritory,
} from '../db/territories';
import { bodyHash, compact, merged } from '../db/util';
import { checkCentralCity } from '../eligibility/communes';
import { ApiError, fieldError } from '../http/errors';
import { created, route } from '../http/route';
import {
  auditContext,
  type Ctx,
  newId,
  replayOrRefuse,
  territoryFor,
  territoryOr404,
  writableTerritory,
} from './context';
import { createStored, withEtag, writeVersioned } from './versioned';

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

/** Fields a PATCH merges into: the stored body, without what the server derives. */
function storedFields(t: Awaited<ReturnType<typeof territoryOr404>>): TerritoryData {
  const {
    id: _id,
    centralCity: _city,
    assessment: _a,
    createdAt: _ca,
    createdBy: _cb,
    updatedAt: _ua,
    updatedBy: _ub,
    bodyHash: _bh,
    version: _v,
    ...data
  } = t;
  return data;
}

type ById = { params: { id: string } };

async function createPartner(c: Ctx, { body, params }: ById & { body: PartnerInput }) {
  const territory = await writableTerritory(c, params.id);
  const { id = newId(), ...fields } = body;
  const data: PartnerData = compact({ territoryId: territory.id, ...fields });
  const p = await getProgramme(c.env.DB);
  const max = p.maxPartnersPerTerritory;
  const refused = async (): Promise<never> => {
    const row = await c.env.DB.prepare('SELECT COUNT(*) AS n FROM partners WHERE territory_id = ?')
      .bind(territory.id)
      .first<{ n: number }>();
    throw new ApiError('QUOTA_EXCEEDED', MSG.partnersFull(territory.name, max), {
      quota: partnerQuota(p, territory.id, Number(row?.n ?? 0)),
    });
  };
  return createStored(c, {
    table: 'partners',
    id,
    columns: { territory_id: territory.id, name: data.name },
    data,
    request: { ...body, territoryId: territory.id },
    condition: {
      sql: '(SELECT COUNT(*) FROM partners WHERE territory_id = ?) < ?',
      args: [territory.id, max],
    },
    refused,
    show: presentPartner,
  });
}

const listAll = async (c: Ctx) =>
  c.json({ territories: (await listTerritories(c.env.DB)).map(territoryFor(c)) });

async function createTerritory(c: Ctx, { body }: { body: TerritoryInput }) {
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
    const refused = () => {
      throw new ApiError('CONFLICT', MSG.maxTerritories(p.maxTerritories));
    };
    await replayOrRefuse(await territoryOr404(c, id).catch(() => null), hash, refused, territoryFor(c));
  }
  return readAnswer(c, id, inserted ? 201 : 200);
}

/** The territory as stored now, with its ETag, as this caller may read it. */
async function readAnswer(c: Ctx, id: string, status: 200 | 201 = 200) {
  const t = await territoryOr404(c, id);
  return withEtag(c, territoryFor(c)(t), t.version, status);
}

const readTerritory = (c: Ctx, { params }: ById) => readAnswer(c, params.id);

async function patchTerritory(c: Ctx, { body: patch, params }: ById & { body: TerritoryPatch }) {
  const db = c.env.DB;
  const { id } = await writeVersioned(c, {
    load: () => territoryOr404(c, params.id),
    version: (t) => t.version,
    current: territoryFor(c),
    fields: storedFields,
    patch,
    apply: async (before) => {
      const current = storedFields(before);
      const data: TerritoryData = merged(current, {
        ...patch,
        consultants: normaliseEmails(patch.consultants ?? current.consultants),
      });
      const city =
        patch.centralCityInsee && patch.centralCityInsee !== before.centralCityInsee
          ? await eligibleCity(c, patch.centralCityInsee)
          : before.centralCity;
      return updateTerritory(db, auditContext(c), presentTerritory(before), data, city);
    },
  });
  return readAnswer(c, id);
}

async function putAssessment(c: Ctx, { body, params }: ById & { body: TerritoryAssessment }) {
  const db = c.env.DB;
  const { id } = await writeVersioned(c, {
    load: () => writableTerritory(c, params.id),
    version: (t) => t.version,
    current: territoryFor(c),
    apply: (before) => putTerritoryAssessment(db, auditContext(c), presentTerritory(before), body),
  });
  return readAnswer(c, id);
}

async function listPartners(c: Ctx, { params }: ById) {
  const t = await territoryOr404(c, params.id);
  const list = await listEntities<PartnerData>(c.env.DB, 'partners', { territory_id: t.id });
  return c.json({ partners: list.map(presentPartner) });
}

const ASSESSMENT = 'Constat, enjeux, recommandations et stratégie du territoire';

const CREATE = created(TerritoryInput);
const PATCH = { body: TerritoryPatch };
const PARTNERS = 'Lister les partenaires d’un territoire';

export const territoryRoutes = [
  route('GET /v1/territories', ALL, 'Lister les territoires', TerritoryList, listAll),
  route('POST /v1/territories', ADMIN, 'Créer un territoire', Territory, createTerritory, CREATE),
  route('GET /v1/territories/:id', ALL, 'Lire un territoire', Territory, readTerritory),
  route('PATCH /v1/territories/:id', ADMIN, 'Modifier un territoire', Territory, patchTerritory, PATCH),
  route('PUT /v1/territories/:id/assessment', WRITERS, ASSESSMENT, Territory, putAssessment, {
    body: TerritoryAssessment,
  }),
  route('GET /v1/territories/:id/partners', ALL, PARTNERS, PartnerList, listPartners),
  route('POST /v1/territories/:id/partners', WRITERS, 'Ajouter un partenaire', Partner, createPartner, {
    ...created(PartnerInput),
  }),
];
