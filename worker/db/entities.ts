import { type AuditContext, auditStatement } from './audit';
import { keyset, type Page, type PageRequest, pageOf, type Query, query, type Row, runQuery } from './query';
import { type Outcome, versionedUpdate } from './versioned';

/**
 * The record's simple tables (partners, blockers, indicators, workshops, actions) share one
 * shape: an id, a few queried columns, the accepted body as JSON, and who wrote it when.
 */
export type Table = 'partners' | 'blockers' | 'indicators' | 'workshops' | 'actions';
export const ENTITY_OF: Record<Table, string> = {
  partners: 'partner',
  blockers: 'blocker',
  indicators: 'indicator',
  workshops: 'workshop',
  actions: 'action',
};
/** Tables that keep updated_at/updated_by (indicators are write-once values). */
const UPDATABLE: Record<Table, boolean> = {
  partners: true,
  blockers: true,
  indicators: false,
  workshops: true,
  actions: true,
};

export type Columns = Record<string, string | number | null>;

export interface Stored<T> {
  id: string;
  data: T;
  bodyHash: string;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
  /** Bumped by every write; the record's ETag. */
  version: number;
}

export function storedFromRow<T>(r: Row): Stored<T> {
  return {
    id: String(r.id),
    data: JSON.parse(String(r.data)) as T,
    bodyHash: String(r.body_hash),
    createdAt: String(r.created_at),
    createdBy: String(r.created_by),
    updatedAt: String(r.updated_at ?? r.created_at),
    updatedBy: String(r.updated_by ?? r.created_by),
    version: Number(r.version ?? 1),
  };
}

/** The JSON a client gets: the body as accepted plus id and authorship. */
export const present = <T extends object>(s: Stored<T>, extra: object = {}) => ({
  id: s.id,
  ...s.data,
  ...extra,
  createdAt: s.createdAt,
  createdBy: s.createdBy,
  updatedAt: s.updatedAt,
  updatedBy: s.updatedBy,
  version: s.version,
});

export async function getEntity<T>(db: D1Database, table: Table, id: string): Promise<Stored<T> | null> {
  const r = await db.prepare(`SELECT * FROM ${table} WHERE id = ?`).bind(id).first<Row>();
  return r ? storedFromRow<T>(r) : null;
}

/** Each table's list order (NOT NULL columns), shared by its route and by the snapshot's pages. */
export const LIST_ORDER: Record<Table, readonly string[]> = {
  partners: ['territory_id', 'name', 'id'],
  blockers: ['created_at', 'id'],
  indicators: ['period_end', 'created_at', 'id'],
  workshops: ['number', 'id'],
  actions: ['created_at', 'id'],
};

function listSql(table: Table, filters: Columns, page?: PageRequest) {
  const keys = Object.keys(filters).filter((k) => filters[k] !== undefined && filters[k] !== null);
  const where = keys.map((k) => `${k} = ?`);
  const args: unknown[] = keys.map((k) => filters[k]);
  const ks = page ? keyset(LIST_ORDER[table], page) : null;
  if (ks?.where) where.push(ks.where) && args.push(...ks.args);
  const sql = `SELECT * FROM ${table} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${LIST_ORDER[table].join(', ')}${ks?.limit ?? ''}`;
  return { sql, args };
}

export function listEntitiesQuery<T>(db: D1Database, table: Table, filters: Columns): Query<Stored<T>[]> {
  const { sql, args } = listSql(table, filters);
  return query(db.prepare(sql).bind(...args), (rows) => rows.map((r) => storedFromRow<T>(r)));
}

/** One page of a table's list (the snapshot's). */
export function pageEntitiesQuery<T>(
  db: D1Database,
  table: Table,
  page: PageRequest,
): Query<Page<Stored<T>>> {
  const { sql, args } = listSql(table, {}, page);
  return query(db.prepare(sql).bind(...args), (rows) =>
    pageOf(rows, LIST_ORDER[table], page.limit, (r) => storedFromRow<T>(r)),
  );
}

export const listEntities = <T>(db: D1Database, table: Table, filters: Columns) =>
  runQuery(listEntitiesQuery<T>(db, table, filters));

/**
 * Insert-if in one statement: the row goes in only if its id is new and `condition` holds
 * (a count under its limit, a free unique slot...), so concurrent requests cannot overshoot.
 * The audit line runs in the same batch and only if the row went in.
 */
export async function insertEntity<T extends object>(
  db: D1Database,
  ctx: AuditContext,
  table: Table,
  id: string,
  columns: Columns,
  data: T,
  hash: string,
  condition?: { sql: string; args: unknown[] },
): Promise<boolean> {
  const cols: Columns = {
    id,
    ...columns,
    data: JSON.stringify(data),
    body_hash: hash,
    created_at: ctx.at,
    created_by: ctx.actor,
  };
  if (UPDATABLE[table]) Object.assign(cols, { updated_at: ctx.at, updated_by: ctx.actor });
  const names = Object.keys(cols);
  const sql =
    `INSERT INTO ${table} (${names.join(', ')}) SELECT ${names.map(() => '?').join(', ')} ` +
    `WHERE NOT EXISTS (SELECT 1 FROM ${table} WHERE id = ?)${condition ? ` AND (${condition.sql})` : ''}`;
  const [ins] = await db.batch([
    db.prepare(sql).bind(...Object.values(cols), id, ...(condition?.args ?? [])),
    auditStatement(db, ctx, 'create', ENTITY_OF[table], id, null, { id, ...data }),
  ]);
  return (ins?.meta.changes ?? 0) === 1;
}

/**
 * Writes `data` computed from `before`, only if the row still has `before`'s version (and the
 * condition holds): the audit's `before` is then exactly what the write replaced.
 */
export function updateEntity<T extends object>(
  db: D1Database,
  ctx: AuditContext,
  table: Table,
  before: Stored<T>,
  columns: Columns,
  data: T,
  condition?: { sql: string; args: unknown[] },
): Promise<Outcome> {
  const entity = ENTITY_OF[table];
  const id = before.id;
  return versionedUpdate(db, {
    table,
    id,
    version: before.version,
    set: { ...columns, data: JSON.stringify(data), updated_at: ctx.at, updated_by: ctx.actor },
    ...(condition ? { condition } : {}),
    after: [auditStatement(db, ctx, 'update', entity, id, { id, ...before.data }, { id, ...data })],
  });
}
