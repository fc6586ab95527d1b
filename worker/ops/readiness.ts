import { OPS_MSG } from '../../shared/i18n/operations';
import { ApiError } from '../http/errors';
import { MIGRATIONS } from './migrations.generated';

/** What the database says of its schema: whether it answers, and the migrations it lacks. */
export interface SchemaState {
  answers: boolean;
  /** Migrations of this code not recorded in `d1_migrations`, in order. */
  missing: string[];
  /** The last migration applied (the archive's schema version), null when none is. */
  applied: string | null;
  /** Why the database did not answer (the driver's message, which carries no data). */
  error?: string;
}

/** The schema version an archive names: the last migration this code knows. */
export const SCHEMA_VERSION = MIGRATIONS.at(-1) ?? 'none';

/**
 * Reads `d1_migrations` (what `wrangler d1 migrations apply` records, and the tests' and
 * `npm start`'s helpers too): a database without it, or without every migration of this code,
 * is not ready. One statement.
 */
export async function schemaState(db: D1Database): Promise<SchemaState> {
  // A worker deployed without its D1 binding is broken, not starting: a 500, logged.
  if (!db) throw new Error('the D1 binding DB is missing');
  try {
    const { results } = await db
      .prepare('SELECT name FROM d1_migrations ORDER BY id')
      .all<{ name: string }>();
    const done = new Set(results.map((r) => r.name));
    return {
      answers: true,
      missing: MIGRATIONS.filter((m) => !done.has(m)),
      applied: results.at(-1)?.name ?? null,
    };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    // A database that answers but was never migrated has no d1_migrations table.
    if (/no such table/i.test(message)) return { answers: true, missing: [...MIGRATIONS], applied: null };
    return { answers: false, missing: [...MIGRATIONS], applied: null, error: message.slice(0, 200) };
  }
}

/** Databases seen ready by this isolate: once ready, a database stays so (migrations only add). */
const seenReady = new WeakSet<D1Database>();

/** The schema's state while the database is not ready; null once it is (then without a read). */
export async function unready(db: D1Database): Promise<SchemaState | null> {
  if (seenReady.has(db)) return null;
  const s = await schemaState(db);
  if (!s.answers || s.missing.length) return s;
  seenReady.add(db);
  return null;
}

/** The 503 of a database not ready yet, with `Retry-After`: the migrations left, once it answers. */
export const notReadyError = (s: SchemaState, extra: Record<string, unknown> = {}) =>
  new ApiError('SERVICE_UNAVAILABLE', OPS_MSG.starting(s.answers ? s.missing.length : 0), extra, {
    'retry-after': '5',
  });
