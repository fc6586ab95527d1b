import { type AuditContext } from './audit';
/**
 * The record's simple tables (partners, blockers, indicators, workshops, actions) share one
 * shape: an id, a few queried columns, the accepted body as JSON, and who wrote it when.
 */
export type Table = 'partners' | 'blockers' | 'indicators' | 'workshops' | 'actions';
export declare const ENTITY_OF: Record<Table, string>;
export type Columns = Record<string, string | number | null>;
export interface Stored<T> {
  id: string;
  data: T;
  bodyHash: string;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}
/** The JSON a client gets: the body as accepted plus id and authorship. */
export declare const present: <T extends object>(
  s: Stored<T>,
  extra?: object,
) => {
  id: string;
} & T & {
    createdAt: string;
    createdBy: string;
    updatedAt: string;
    updatedBy: string;
  };
export declare function getEntity<T>(db: D1Database, table: Table, id: string): Promise<Stored<T> | null>;
export declare function listEntities<T>(
  db: D1Database,
  table: Table,
  filters: Columns,
  orderBy?: string,
): Promise<Stored<T>[]>;
/**
 * Insert-if in one statement: the row goes in only if its id is new and `condition` holds
 * (a count under its limit, a free unique slot...), so concurrent requests cannot overshoot.
 * The audit line runs in the same batch and only if the row went in.
 */
export declare function insertEntity<T extends object>(
  db: D1Database,
  ctx: AuditContext,
  table: Table,
  id: string,
  columns: Columns,
  data: T,
  hash: string,
  condition?: {
    sql: string;
    args: unknown[];
  },
): Promise<boolean>;
export declare function updateEntity<T extends object>(
  db: D1Database,
  ctx: AuditContext,
  table: Table,
  before: Stored<T>,
  columns: Columns,
  data: T,
  condition?: {
    sql: string;
    args: unknown[];
  },
): Promise<boolean>;
