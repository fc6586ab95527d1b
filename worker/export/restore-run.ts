import type { Env } from '../env';
import { ArchiveError } from './archive-read';
import { emptinessSql, emptyArchivedTables, loadArchive, type RestoreReport, verifyArchive } from './restore';
import { archivedTables } from './schema';

/** The archive named is not in the bucket. */
export class ArchiveMissing extends Error {}
/** The database holds a record already (or another restore is running): nothing written. */
export class NotEmpty extends Error {}

async function body(env: Env, key: string): Promise<ReadableStream<Uint8Array>> {
  const object = await env.BACKUPS.get(key);
  if (!object) throw new ArchiveMissing(key);
  return object.body;
}

async function finish(
  db: D1Database,
  id: string,
  ok: boolean,
  detail: { counts?: object; sha256?: string; schemaVersion?: string; error?: string },
) {
  await db
    .prepare(
      `UPDATE restores SET finished_at = ?2, ok = ?3, counts = ?4, archive_sha256 = ?5, schema_version = ?6,
         error = ?7, running = NULL WHERE id = ?1`,
    )
    .bind(
      id,
      new Date().toISOString(),
      ok ? 1 : 0,
      detail.counts ? JSON.stringify(detail.counts) : null,
      detail.sha256 ?? null,
      detail.schemaVersion ?? null,
      detail.error ?? null,
    )
    .run();
}

/**
 * `POST /v1/admin/restore`: an archive from the R2 bucket into this database, which must hold
 * no record. The archive is read twice: once to check all of it (header, columns, every
 * table's count and SHA-256, the manifest) before anything is written, then to write it. The
 * emptiness check and the restore's lock are one statement; a write that fails midway empties
 * the tables again. `checkOnly` stops after the check (any database).
 */
export async function restoreFromBucket(
  env: Env,
  key: string,
  opts: { checkOnly: boolean; actor: string },
): Promise<RestoreReport> {
  const db = env.DB;
  const target = await archivedTables(db);
  const { manifest, sha256 } = await verifyArchive(await body(env, key), target);
  const tables = Object.fromEntries(Object.entries(manifest.tables).map(([t, s]) => [t, s.count]));
  const report: RestoreReport = {
    object: key,
    checkOnly: opts.checkOnly,
    schemaVersion: manifest.schemaVersion,
    sha256,
    tables,
  };
  if (opts.checkOnly) return report;
  const id = crypto.randomUUID();
  let locked = 0;
  try {
    const r = await db
      .prepare(
        `INSERT INTO restores (id, object, requested_by, started_at, running) SELECT ?, ?, ?, ?, 1 WHERE ${emptinessSql(target)}`,
      )
      .bind(id, key, opts.actor, new Date().toISOString())
      .run();
    locked = r.meta.changes ?? 0;
  } catch {
    // the unique index on a running restore: another one is under way
  }
  if (locked !== 1) throw new NotEmpty();
  try {
    await loadArchive(db, await body(env, key), target);
  } catch (err) {
    await emptyArchivedTables(db, target);
    const message = err instanceof Error ? err.message.slice(0, 300) : String(err);
    await finish(db, id, false, { error: message });
    if (err instanceof ArchiveError || err instanceof ArchiveMissing) throw err;
    throw new ArchiveError(
      `L’archive ne se charge pas (${message}) : la base a été vidée à nouveau, rien n’est restauré.`,
    );
  }
  await finish(db, id, true, { counts: tables, sha256, schemaVersion: manifest.schemaVersion });
  return report;
}
