/**
 * A read as a statement plus the mapping of its rows, so that a route needing several lists
 * can send them all in one D1 batch (one round trip) while each list keeps a single owner of
 * its SQL.
 */
export type Row = Record<string, string | number | null>;

export interface Query<T> {
  statement: D1PreparedStatement;
  read: (rows: Row[]) => T;
}

export const query = <T>(statement: D1PreparedStatement, read: (rows: Row[]) => T): Query<T> => ({
  statement,
  read,
});

export async function runQuery<T>(q: Query<T>): Promise<T> {
  const { results } = await q.statement.all<Row>();
  return q.read(results);
}

export type Results<Q> = { [K in keyof Q]: Q[K] extends Query<infer T> ? T : never };

/** Every query in one batch: D1 runs them in order in a single round trip. */
export async function runQueries<const Q extends readonly Query<unknown>[]>(
  db: D1Database,
  queries: Q,
): Promise<Results<Q>> {
  if (queries.length === 0) return [] as Results<Q>;
  const answers = await db.batch<Row>(queries.map((q) => q.statement));
  return queries.map((q, i) => q.read(answers[i]?.results ?? [])) as Results<Q>;
}
