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
 * These three statements go first in a batch; `slotWait` reads their results.
 */
export function slotStatements(db: D1Database, key: string, limit: number, now = Date.now()) {
  const interval = Math.max(1, Math.floor(WINDOW_MS / limit));
  return [
    db.prepare('DELETE FROM rate_limits WHERE tat < ?').bind(now),
    db
      .prepare(
        `INSERT INTO rate_limits (key, tat) VALUES (?1, ?2 + ?3)
         ON CONFLICT(key) DO UPDATE SET tat = max(tat, ?2) + ?3 WHERE max(tat, ?2) + ?3 - ?4 <= ?2
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

/**
 * For a route declared with `writeSlotInBatch` (a hot path saving a round trip): runs `reads` in one batch behind the caller's write
 * slot and returns their results, or refuses with 429 before anything is written.
 */
export async function batchBehindWriteSlot(
  c: Context<AppEnv>,
  reads: D1PreparedStatement[],
): Promise<D1Result[]> {
  const db = c.env.DB;
  const limit = writesPerMinute(c.env);
  const now = Date.now();
  const slot = slotStatements(db, `write:${c.get('user').email}`, limit, now);
  const results = await db.batch([...slot, ...reads]);
  const waitMs = slotWait(results, limit, now);
  if (waitMs > 0) refuse(waitMs);
  return results.slice(slot.length);
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
