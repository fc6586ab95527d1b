/**
 * The tables an archive holds, read from the database itself (so that a table a later
 * migration adds is archived without a list to keep): every table except SQLite's, D1's and
 * the worker's operational state, in an order where each table comes after those it references.
 */

/** Operational, not the record: rebuilt, re-learned or meaningless in another database. */
export const NOT_ARCHIVED: readonly string[] = [
  // wrangler's migration log: the target database has its own.
  'd1_migrations',
  // per-user write counters, minutes long.
  'rate_limits',
  // kept by triggers on `sessions`: restoring the sessions rebuilds it.
  'quota_usage',
  // what restores did to this database (the restored audit stays the archived one).
  'restores',
  // Google's layout as the doctor last measured it: the next doctor run measures it again.
  'layout_calibration',
  // Drive folder ids the worker found (« Validés »): looked up again in the restored setup's Drive.
  'drive_folders',
];

export interface ArchivedTable {
  name: string;
  columns: string[];
  /** Tables without a rowid are read in primary-key order, the others in rowid (insertion) order. */
  withoutRowid: boolean;
  primaryKey: string[];
}

/** An SQL identifier, quoted. */
export const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Kahn's order on the foreign keys, ties broken by name: the same order for the same schema. */
function dependencyOrder(names: string[], refs: Map<string, Set<string>>): string[] {
  const out: string[] = [];
  const left = new Set(names);
  while (left.size) {
    const ready = [...left]
      .filter((t) => ![...(refs.get(t) ?? [])].some((r) => r !== t && left.has(r)))
      .sort();
    // A cycle would leave nothing ready: take the rest by name (foreign keys are deferred then).
    const take = ready.length ? ready : [...left].sort();
    for (const t of take) {
      out.push(t);
      left.delete(t);
    }
  }
  return out;
}

/** Every archived table with its columns (in their declared order), in dependency order. Two statements. */
export async function archivedTables(db: D1Database): Promise<ArchivedTable[]> {
  const tables = `SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
    AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\' AND name NOT IN (${NOT_ARCHIVED.map(() => '?').join(', ')})`;
  const [cols, fks] = await db.batch<Record<string, string | number>>([
    db
      .prepare(
        `SELECT t.name AS tbl, t.sql AS sql, c.name AS col, c.pk AS pk FROM (${tables}) t, pragma_table_info(t.name) c ORDER BY t.name, c.cid`,
      )
      .bind(...NOT_ARCHIVED),
    db
      .prepare(`SELECT t.name AS tbl, f."table" AS ref FROM (${tables}) t, pragma_foreign_key_list(t.name) f`)
      .bind(...NOT_ARCHIVED),
  ]);
  const byName = new Map<string, ArchivedTable & { pks: [number, string][] }>();
  for (const r of cols?.results ?? []) {
    const name = String(r.tbl);
    let t = byName.get(name);
    if (!t) {
      t = {
        name,
        columns: [],
        withoutRowid: /WITHOUT\s+ROWID/i.test(String(r.sql)),
        primaryKey: [],
        pks: [],
      };
      byName.set(name, t);
    }
    t.columns.push(String(r.col));
    if (Number(r.pk) > 0) t.pks.push([Number(r.pk), String(r.col)]);
  }
  const refs = new Map<string, Set<string>>();
  for (const r of fks?.results ?? []) {
    const set = refs.get(String(r.tbl)) ?? new Set<string>();
    set.add(String(r.ref));
    refs.set(String(r.tbl), set);
  }
  return dependencyOrder([...byName.keys()], refs).map((name) => {
    const { pks, ...t } = byName.get(name)!;
    return { ...t, primaryKey: pks.sort((a, b) => a[0] - b[0]).map(([, c]) => c) };
  });
}
