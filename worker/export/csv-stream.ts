import type { Row } from '../db/query';
import { BOM, csvLine } from './csv';
import type { CsvTable, Names } from './csv-tables';
import { q } from './schema';

const PAGE_ROWS = 1000;

/** Territory and partner names by id (at most a few thousand): the CSV shows names. */
async function names(db: D1Database): Promise<Names> {
  const [t, p] = await db.batch<{ id: string; name: string }>([
    db.prepare('SELECT id, name FROM territories'),
    db.prepare('SELECT id, name FROM partners'),
  ]);
  return {
    territory: new Map((t?.results ?? []).map((r) => [r.id, r.name])),
    partner: new Map((p?.results ?? []).map((r) => [r.id, r.name])),
  };
}

const NO_NAMES: Names = { territory: new Map(), partner: new Map() };

/** One table as CSV text: the BOM and header first, then a page of rows per chunk. */
export async function* csvText(db: D1Database, t: CsvTable): AsyncGenerator<string> {
  const n = t.withoutNames ? NO_NAMES : await names(db);
  yield BOM + csvLine(t.columns.map(([header]) => header));
  let after = -Number.MAX_SAFE_INTEGER;
  for (;;) {
    const { results } = await db
      .prepare(
        `SELECT rowid AS rowid_, * FROM ${q(t.table)} WHERE rowid > ? ORDER BY rowid LIMIT ${PAGE_ROWS}`,
      )
      .bind(after)
      .all<Row>();
    if (results.length) {
      yield results
        .map((row) => {
          const r = { row, data: t.json ? JSON.parse(String(row.data ?? '{}')) : null };
          return csvLine(t.columns.map(([, value]) => value(r, n)));
        })
        .join('');
    }
    if (results.length < PAGE_ROWS) return;
    after = Number(results.at(-1)?.rowid_);
  }
}
