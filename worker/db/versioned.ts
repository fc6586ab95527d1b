import type { Columns } from './entities';

/**
 * What a conditional write found: it was written; the row had moved on since it was read
 * (another write came first: read again and retry); or its own condition refused it (a
 * quota, a unique number) on the very version it was computed from.
 */
export type Outcome = 'written' | 'stale' | 'refused';

export interface VersionedUpdate {
  table: string;
  /** The row's key (in `keyColumn`, `id` by default). */
  id: string;
  keyColumn?: string;
  /** The version the new values were computed from. */
  version: number;
  set: Columns;
  /** Extra SQL the row must satisfy (a quota with room...), with its arguments. */
  condition?: { sql: string; args: unknown[] };
  /** Statements to run right after the update (audit lines guarded by `changes() = 1`). */
  after?: D1PreparedStatement[];
}

/**
 * One round trip: the update applies only if the row still has the version it was computed
 * from (and the condition holds), the statements of `after` follow it, and the row's version
 * is read back to tell a stale read from a refusal. D1 runs a batch as one transaction, so
 * nothing can come between the update and its audit line.
 */
export async function versionedUpdate(db: D1Database, u: VersionedUpdate): Promise<Outcome> {
  const names = Object.keys(u.set);
  const key = u.keyColumn ?? 'id';
  const sql =
    `UPDATE ${u.table} SET ${names.map((n) => `${n} = ?`).join(', ')}, version = version + 1 ` +
    `WHERE ${key} = ? AND version = ?${u.condition ? ` AND (${u.condition.sql})` : ''}`;
  const results = await db.batch([
    db.prepare(sql).bind(...Object.values(u.set), u.id, u.version, ...(u.condition?.args ?? [])),
    ...(u.after ?? []),
    db.prepare(`SELECT version FROM ${u.table} WHERE ${key} = ?`).bind(u.id),
  ]);
  // D1's meta.changes also counts rows a trigger changed: any change means the update applied.
  if ((results[0]?.meta.changes ?? 0) > 0) return 'written';
  const row = results.at(-1)?.results[0] as { version?: number } | undefined;
  return row && Number(row.version) === u.version ? 'refused' : 'stale';
}
