import type { Contact, LegalForm, TerritoryAssessment } from '../../shared/schemas';
import type { CentralCity } from '../eligibility/communes';
import { type AuditContext, auditStatement } from './audit';
import { keyset, type Page, type PageRequest, pageOf, type Query, query, runQuery } from './query';
import { parseJson } from './util';
import { type Outcome, versionedUpdate } from './versioned';

export interface TerritoryData {
  name: string;
  legalForm: LegalForm;
  centralCityInsee: string;
  epciSiren?: string;
  consultants: string[];
  contacts: Contact[];
}

export interface Territory extends TerritoryData {
  id: string;
  centralCity: CentralCity;
  assessment: TerritoryAssessment | null;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
  /** Bumped by every write (PATCH, assessment, erasure); the territory's ETag. */
  version: number;
}

export interface TerritoryRow {
  id: string;
  data: string;
  central_city: string;
  assessment: string | null;
  body_hash: string;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
  version: number;
}

export const presentTerritory = ({ bodyHash: _h, ...t }: Territory & { bodyHash?: string }) => t;

/** A territories row as the API presents it. */
export const territoryFromRow = (r: TerritoryRow): Territory => ({
  id: r.id,
  ...(JSON.parse(r.data) as TerritoryData),
  centralCity: JSON.parse(r.central_city) as CentralCity,
  assessment: parseJson<TerritoryAssessment>(r.assessment),
  createdAt: r.created_at,
  createdBy: r.created_by,
  updatedAt: r.updated_at,
  updatedBy: r.updated_by,
  version: Number(r.version),
});

/** Contacts without their e-mail and phone: what consultants of other territories see. */
export const withoutContactDetails = <T extends { contacts: Contact[] }>(t: T): T => ({
  ...t,
  contacts: t.contacts.map(({ email: _e, phone: _p, ...contact }) => contact),
});

export async function getTerritory(
  db: D1Database,
  id: string,
): Promise<(Territory & { bodyHash: string }) | null> {
  const r = await db.prepare('SELECT * FROM territories WHERE id = ?').bind(id).first<TerritoryRow>();
  return r ? { ...territoryFromRow(r), bodyHash: r.body_hash } : null;
}

export const listTerritoriesQuery = (db: D1Database): Query<Territory[]> =>
  query(db.prepare('SELECT * FROM territories ORDER BY name, id'), (rows) =>
    rows.map((r) => territoryFromRow(r as unknown as TerritoryRow)),
  );

export const TERRITORY_ORDER = ['name', 'id'] as const;

/** One page of the territories (the snapshot's). */
export function pageTerritoriesQuery(db: D1Database, page: PageRequest): Query<Page<Territory>> {
  const ks = keyset(TERRITORY_ORDER, page);
  const sql = `SELECT * FROM territories ${ks.where ? `WHERE ${ks.where}` : ''} ORDER BY name, id${ks.limit}`;
  return query(db.prepare(sql).bind(...ks.args), (rows) =>
    pageOf(rows, TERRITORY_ORDER, page.limit, (r) => territoryFromRow(r as unknown as TerritoryRow)),
  );
}

export const listTerritories = (db: D1Database) => runQuery(listTerritoriesQuery(db));

/** Inserts unless the id exists or the programme already has `max` territories: one statement. */
export async function insertTerritory(
  db: D1Database,
  ctx: AuditContext,
  id: string,
  data: TerritoryData,
  centralCity: CentralCity,
  hash: string,
  max: number,
): Promise<boolean> {
  const after = { id, ...data, centralCity };
  const [ins] = await db.batch([
    db
      .prepare(
        `INSERT INTO territories (id, name, data, central_city, body_hash, created_at, created_by, updated_at, updated_by)
         SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?6, ?7
         WHERE NOT EXISTS (SELECT 1 FROM territories WHERE id = ?1)
           AND (SELECT COUNT(*) FROM territories) < ?8`,
      )
      .bind(id, data.name, JSON.stringify(data), JSON.stringify(centralCity), hash, ctx.at, ctx.actor, max),
    auditStatement(db, ctx, 'create', 'territory', id, null, after),
  ]);
  return (ins?.meta.changes ?? 0) === 1;
}

/** The PATCH, conditional on the version `before` was read at (see db/versioned.ts). */
export function updateTerritory(
  db: D1Database,
  ctx: AuditContext,
  before: Territory,
  data: TerritoryData,
  centralCity: CentralCity,
): Promise<Outcome> {
  const set = {
    name: data.name,
    data: JSON.stringify(data),
    central_city: JSON.stringify(centralCity),
    updated_at: ctx.at,
    updated_by: ctx.actor,
  };
  const after = { ...before, ...data, centralCity, version: before.version + 1 };
  return versionedUpdate(db, {
    table: 'territories',
    id: before.id,
    version: before.version,
    set,
    after: [auditStatement(db, ctx, 'update', 'territory', before.id, before, after)],
  });
}

export function putTerritoryAssessment(
  db: D1Database,
  ctx: AuditContext,
  before: Territory,
  assessment: TerritoryAssessment,
): Promise<Outcome> {
  return versionedUpdate(db, {
    table: 'territories',
    id: before.id,
    version: before.version,
    set: { assessment: JSON.stringify(assessment), updated_at: ctx.at, updated_by: ctx.actor },
    after: [
      auditStatement(db, ctx, 'update', 'territory-assessment', before.id, before.assessment, assessment),
    ],
  });
}
