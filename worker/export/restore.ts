import type { Manifest } from './archive';
import { Sha256 } from './archive';
import { type ArchiveEvent, readArchive } from './archive-read';
import { type ArchivedTable, q } from './schema';

/** Rows sent in one INSERT: one bound JSON text each, well under D1's 2 MB per value. */
const CHUNK_BYTES = 400_000;
const CHUNK_ROWS = 2_000;
/** INSERT statements per D1 batch (each batch is one transaction). */
const BATCH = 4;

export interface RestoreReport {
  object: string;
  checkOnly: boolean;
  schemaVersion: string;
  sha256: string;
  tables: Record<string, number>;
}

/** Reads an archive through once, checking everything; writes nothing. */
export async function verifyArchive(
  body: ReadableStream<Uint8Array>,
  target: readonly ArchivedTable[],
): Promise<{ manifest: Manifest; sha256: string }> {
  const whole = new Sha256();
  const it = readArchive(body, target, whole);
  for (;;) {
    const step = await it.next();
    if (step.done) return { manifest: step.value, sha256: await whole.hex() };
  }
}

/** `INSERT … SELECT` of many rows from one JSON array of row arrays. */
const insertSql = (t: { name: string; columns: readonly string[] }) =>
  `INSERT INTO ${q(t.name)} (${t.columns.map(q).join(', ')}) SELECT ${t.columns
    .map((_c, i) => `value ->> ${i}`)
    .join(', ')} FROM json_each(?)`;

/** Writes the archive's rows, table by table, in chunks of rows (the archive was verified before). */
export async function loadArchive(
  db: D1Database,
  body: ReadableStream<Uint8Array>,
  target: readonly ArchivedTable[],
): Promise<void> {
  let table: { name: string; columns: string[] } | null = null;
  let lines: string[] = [];
  let bytes = 0;
  let pending: D1PreparedStatement[] = [];
  const flushRows = () => {
    if (table && lines.length) pending.push(db.prepare(insertSql(table)).bind(`[${lines.join(',')}]`));
    lines = [];
    bytes = 0;
  };
  const flushBatch = async (force: boolean) => {
    if (pending.length && (force || pending.length >= BATCH)) {
      await db.batch(pending);
      pending = [];
    }
  };
  const events: AsyncGenerator<ArchiveEvent, Manifest> = readArchive(body, target);
  for await (const e of events) {
    if (e.kind === 'table') table = e;
    else if (e.kind === 'row') {
      lines.push(e.line);
      bytes += e.line.length;
      if (bytes >= CHUNK_BYTES || lines.length >= CHUNK_ROWS) flushRows();
    } else flushRows();
    await flushBatch(false);
  }
  await flushBatch(true);
}

/**
 * Empties every archived table again after a restore failed midway (the database was empty
 * before it). The audit's append-only triggers, and the counters' triggers, are dropped and
 * recreated as they were in the same batch: one transaction, all or nothing.
 */
export async function emptyArchivedTables(db: D1Database, target: readonly ArchivedTable[]): Promise<void> {
  const { results: triggers } = await db
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND sql IS NOT NULL")
    .all<{ name: string; sql: string }>();
  await db.batch([
    ...triggers.map((t) => db.prepare(`DROP TRIGGER ${q(t.name)}`)),
    ...[...target].reverse().map((t) => db.prepare(`DELETE FROM ${q(t.name)}`)),
    db.prepare('DELETE FROM quota_usage'),
    ...triggers.map((t) => db.prepare(t.sql)),
  ]);
}

/** No row in any archived table: the only database a restore writes into. */
export const emptinessSql = (target: readonly ArchivedTable[]) =>
  target.map((t) => `NOT EXISTS (SELECT 1 FROM ${q(t.name)})`).join(' AND ') || '1';
