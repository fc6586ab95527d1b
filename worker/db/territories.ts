import type { Contact, LegalForm, TerritoryAssessment } from '../../shared/schemas';
import type { CentralCity } from '../eligibility/communes';
import { type AuditContext, auditStatement } from './audit';
import { type Query, query, runQuery } from './query';
import { parseJson } from './util';

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

export async function updateTerritory(
  db: D1Database,
  ctx: AuditContext,
  before: Territory,
  data: TerritoryData,
  centralCity: CentralCity,
) {
  await db.batch([
    db
      .prepare(
        'UPDATE territories SET name = ?2, data = ?3, central_city = ?4, updated_at = ?5, updated_by = ?6 WHERE id = ?1',
      )
      .bind(before.id, data.name, JSON.stringify(data), JSON.stringify(centralCity), ctx.at, ctx.actor),
    auditStatement(db, ctx, 'update', 'territory', before.id, before, { ...before, ...data, centralCity }),
  ]);
}

export async function putTerritoryAssessment(
  db: D1Database,
  ctx: AuditContext,
  before: Territory,
  assessment: TerritoryAssessment,
) {
  await db.batch([
    db
      .prepare('UPDATE territories SET assessment = ?2, updated_at = ?3, updated_by = ?4 WHERE id = ?1')
      .bind(before.id, JSON.stringify(assessment), ctx.at, ctx.actor),
    auditStatement(db, ctx, 'update', 'territory-assessment', before.id, before.assessment, assessment),
  ]);
}
