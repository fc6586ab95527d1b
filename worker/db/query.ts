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

/** One page of a list: at most `limit` rows after the row whose order key is `after` (none: the first). */
export interface PageRequest {
  after: readonly (string | number)[] | null;
  limit: number;
}

/** A page's rows, and the order key to continue after (null when the list is complete). */
export interface Page<T> {
  items: T[];
  after: (string | number)[] | null;
}

/**
 * Keyset paging on a list's order (its columns are NOT NULL): the condition that skips what
 * earlier pages held, and one row more than the page, to know whether another page follows.
 */
export function keyset(order: readonly string[], page: PageRequest) {
  return {
    where: page.after ? `(${order.join(', ')}) > (${order.map(() => '?').join(', ')})` : null,
    args: page.after ?? [],
    limit: ` LIMIT ${Math.floor(page.limit) + 1}`,
  };
}

export function pageOf<T>(rows: Row[], order: readonly string[], limit: number, map: (r: Row) => T): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  const after = rows.length > limit && last ? order.map((c) => last[c] as string | number) : null;
  return { items: items.map(map), after };
}

/**
 * SQL that names its values (`:id`, `:territoryId`) numbered for D1, which binds by position
 * only: each name becomes `?n` in the order it first appears, and `args` holds its value there.
 * A name without a value is a programming error, thrown at once.
 */
export function named(sql: string, values: Record<string, unknown>): { sql: string; args: unknown[] } {
  const names: string[] = [];
  const numbered = sql.replace(/:([A-Za-z]\w*)/g, (_m, name: string) => {
    if (!Object.hasOwn(values, name)) throw new Error(`SQL names :${name}, which has no value`);
    const at = names.indexOf(name);
    return `?${at >= 0 ? at + 1 : names.push(name)}`;
  });
  return { sql: numbered, args: names.map((n) => values[n]) };
}
