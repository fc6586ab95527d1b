import type { Context, MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import { MSG } from '../../shared/i18n/messages';
import type { AppEnv, Env } from '../env';
import { ApiError } from './errors';
import { type Route, routeKey } from './route';

export const DEFAULT_WRITES_PER_MINUTE = 60;
const WINDOW_MS = 60_000;
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function writesPerMinute(env: Env): number {
  const n = Number(env.RATE_LIMIT_PER_MINUTE);
  return Number.isFinite(n) && n >= 1 ? Math.floor(n) : DEFAULT_WRITES_PER_MINUTE;
}

/**
 * GCRA on D1: each write pushes the user's theoretical arrival time (tat) one interval
 * (60 s / limit) ahead; a write is refused when that would put tat more than a minute ahead
 * of now. One conditional upsert decides, so concurrent writes cannot both take the last slot;
 * unlike a fixed window there is no double burst at a minute boundary.
 */

/**
 * The tat a write starts from: now if it has passed. Writes never push tat more than the window
 * ahead; one further ahead than two windows was left by a clock that went back by over a
 * minute (a time-sync step, fake clocks), and counts as now rather than locking the user out
 * for as long as the clock jumped. A smaller step back keeps what was taken.
 */
const start = (tat: string, now: string, windowMs: string) =>
  `CASE WHEN ${tat} > ${now} + 2 * ${windowMs} THEN ${now} ELSE max(${tat}, ${now}) END`;

/** The slot is free: one more interval does not put tat more than the window ahead of now. */
const free = (tat: string, now: string, interval: string, windowMs: string) =>
  `${start(tat, now, windowMs)} + ${interval} - ${windowMs} <= ${now}`;

/** The sweep of idle rows, the conditional upsert and the current tat: `slotWait` reads their results. */
export function slotStatements(db: D1Database, key: string, limit: number, now = Date.now()) {
  const interval = Math.max(1, Math.floor(WINDOW_MS / limit));
  return [
    db.prepare('DELETE FROM rate_limits WHERE tat < ?').bind(now),
    db
      .prepare(
        `INSERT INTO rate_limits (key, tat) VALUES (?1, ?2 + ?3)
         ON CONFLICT(key) DO UPDATE SET tat = ${start('tat', '?2', '?4')} + ?3 WHERE ${free('tat', '?2', '?3', '?4')}
         RETURNING tat`,
      )
      .bind(key, now, interval, WINDOW_MS),
    db.prepare('SELECT tat FROM rate_limits WHERE key = ?').bind(key),
  ];
}

/** 0 when the slot was taken, else the milliseconds to wait. */
export function slotWait(results: D1Result[], limit: number, now: number): number {
  const [, upsert, current] = results;
  if ((upsert?.results.length ?? 0) > 0) return 0;
  const interval = Math.max(1, Math.floor(WINDOW_MS / limit));
  const tat = Number((current?.results[0] as { tat?: number } | undefined)?.tat ?? now);
  return Math.max(1, Math.max(tat, now) + interval - WINDOW_MS - now);
}

export async function takeWriteSlot(db: D1Database, key: string, limit: number, now = Date.now()) {
  return slotWait(await db.batch(slotStatements(db, key, limit, now)), limit, now);
}

function refuse(waitMs: number): never {
  const seconds = Math.ceil(waitMs / 1000);
  throw new ApiError(
    'RATE_LIMITED',
    MSG.rateLimited(seconds),
    { retryAfter: seconds },
    { 'Retry-After': String(seconds) },
  );
}

/** A SQL condition and its arguments, numbered from a given placeholder. */
export type SlotFree = (first: number) => { sql: string; args: unknown[] };

/**
 * For a route declared with `writeSlotInBatch` (a hot path saving a round trip): one batch
 * with the route's statements, then the caller's write slot. `free` is the slot's own decision
 * as SQL, evaluated before the slot is taken (the same test as the upsert's), for the route to
 * put on its writes: a refused slot writes nothing, and the route answers 429. Returns the
 * results of the route's statements.
 */
export async function batchWithWriteSlot(
  c: Context<AppEnv>,
  build: (free: SlotFree) => D1PreparedStatement[],
): Promise<D1Result[]> {
  const db = c.env.DB;
  const limit = writesPerMinute(c.env);
  const now = Date.now();
  const key = `write:${c.get('user').email}`;
  const interval = Math.max(1, Math.floor(WINDOW_MS / limit));
  const slotFree: SlotFree = (n) => ({
    sql: `NOT EXISTS (SELECT 1 FROM rate_limits WHERE key = ?${n} AND NOT (${free('tat', `?${n + 1}`, `?${n + 2}`, `?${n + 3}`)}))`,
    args: [key, now, interval, WINDOW_MS],
  });
  const own = build(slotFree);
  // Only the upsert rides along: the other writes sweep idle rows, and the current tat is
  // read for a refusal alone (a 429, which may take a second round trip).
  const [sweep, upsert, current] = slotStatements(db, key, limit, now) as [
    D1PreparedStatement,
    D1PreparedStatement,
    D1PreparedStatement,
  ];
  const results = await db.batch([...own, upsert]);
  const taken = results.at(-1)!;
  if (taken.results.length === 0) {
    const [swept, tat] = await db.batch([sweep, current]);
    refuse(slotWait([swept!, taken, tat!], limit, now));
  }
  return results.slice(0, own.length);
}

/**
 * Per-user write limit, after authentication (the key is the verified email) and before the
 * route runs, so a refused write touches nothing but the limiter's own row. Routes declared
 * with `writeSlotInBatch` take their slot in their own first batch instead.
 */
export function rateLimit(routes: readonly Route[]): MiddlewareHandler<AppEnv> {
  const inBatch = new Set(routes.filter((r) => r.spec.writeSlotInBatch).map((r) => routeKey(r.spec)));
  return async (c, next) => {
    const user = c.get('user');
    if (!user || !WRITE_METHODS.has(c.req.method)) return next();
    if (inBatch.has(`${c.req.method} ${routePath(c, -1)}`)) return next();
    const waitMs = await takeWriteSlot(c.env.DB, `write:${user.email}`, writesPerMinute(c.env));
    if (waitMs > 0) refuse(waitMs);
    return next();
  };
}
