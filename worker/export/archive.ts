import { hex } from '../db/util';
import { SCHEMA_VERSION } from '../ops/readiness';
import { type ArchivedTable, archivedTables, q } from './schema';

/**
 * The whole record as one JSON Lines stream (`GET /v1/export/archive`, the nightly R2 backup):
 *
 *   {"archive":"veli-velo","format":1,"schemaVersion":"0015_operations.sql","tables":["members",…]}
 *   {"table":"members","columns":["email","role",…]}
 *   ["admin@ademe.example","admin",…]            ← one JSON array per row, columns in that order
 *   {"end":"members","count":3,"sha256":"…"}     ← SHA-256 of that table's row lines, "\n" included
 *   …
 *   {"manifest":{"format":1,"schemaVersion":…,"tables":{"members":{"count":3,"sha256":"…"},…}}}
 *
 * Deterministic: the same record gives the same bytes (tables in dependency order, rows in
 * insertion or primary-key order, no timestamp), so export → restore → export can be compared
 * byte for byte. Read in pages: memory stays flat whatever the size.
 */
export const ARCHIVE_FORMAT = 1;
const PAGE_ROWS = 500;

export interface TableSummary {
  count: number;
  sha256: string;
}
export interface Manifest {
  format: number;
  schemaVersion: string;
  tables: Record<string, TableSummary>;
}

/** A running SHA-256 of the bytes written to it (workerd's DigestStream). */
export class Sha256 {
  private readonly stream = new crypto.DigestStream('SHA-256');
  private readonly writer = this.stream.getWriter();
  async update(bytes: Uint8Array) {
    await this.writer.write(bytes);
  }
  async hex() {
    await this.writer.close();
    return hex(await this.stream.digest);
  }
}

/** A table's rows in pages, each row as its values in column order. */
async function* rowsOf(db: D1Database, t: ArchivedTable): AsyncGenerator<unknown[][]> {
  const cols = t.columns.map(q).join(', ');
  if (t.withoutRowid) {
    const order = (t.primaryKey.length ? t.primaryKey : t.columns).map(q).join(', ');
    for (let offset = 0; ; offset += PAGE_ROWS) {
      const sql = `SELECT ${cols} FROM ${q(t.name)} ORDER BY ${order} LIMIT ${PAGE_ROWS} OFFSET ${offset}`;
      const rows = (await db.prepare(sql).raw()) as unknown[][];
      if (rows.length) yield rows;
      if (rows.length < PAGE_ROWS) return;
    }
  }
  let after = -Number.MAX_SAFE_INTEGER;
  for (;;) {
    const sql = `SELECT rowid, ${cols} FROM ${q(t.name)} WHERE rowid > ? ORDER BY rowid LIMIT ${PAGE_ROWS}`;
    const rows = (await db.prepare(sql).bind(after).raw()) as unknown[][];
    if (rows.length) yield rows.map((r) => r.slice(1));
    if (rows.length < PAGE_ROWS) return;
    after = Number(rows.at(-1)?.[0]);
  }
}

/** The archive's lines, a page of rows at a time (each yielded string ends with "\n"). */
export async function* archiveText(db: D1Database): AsyncGenerator<string> {
  const tables = await archivedTables(db);
  const enc = new TextEncoder();
  const manifest: Manifest = { format: ARCHIVE_FORMAT, schemaVersion: SCHEMA_VERSION, tables: {} };
  yield `${JSON.stringify({ archive: 'veli-velo', format: ARCHIVE_FORMAT, schemaVersion: SCHEMA_VERSION, tables: tables.map((t) => t.name) })}\n`;
  for (const t of tables) {
    yield `${JSON.stringify({ table: t.name, columns: t.columns })}\n`;
    const hash = new Sha256();
    let count = 0;
    for await (const rows of rowsOf(db, t)) {
      const text = rows.map((r) => `${JSON.stringify(r)}\n`).join('');
      await hash.update(enc.encode(text));
      count += rows.length;
      yield text;
    }
    const summary = { count, sha256: await hash.hex() };
    manifest.tables[t.name] = summary;
    yield `${JSON.stringify({ end: t.name, ...summary })}\n`;
  }
  yield `${JSON.stringify({ manifest })}\n`;
}

/** Text chunks as a byte stream, pulled one at a time (nothing read ahead of the consumer). */
export function textStream(chunks: AsyncGenerator<string>): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const { value, done } = await chunks.next();
        if (done) controller.close();
        else controller.enqueue(enc.encode(value));
      },
      async cancel() {
        await chunks.return(undefined);
      },
    },
    { highWaterMark: 0 },
  );
}
