import type { MiddlewareHandler } from 'hono';
import { MSG } from '../../shared/i18n/messages';
import type { AppEnv, Env } from '../env';
import { ApiError } from './errors';

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
 * Returns 0 when allowed, else the milliseconds to wait.
 */
export async function takeWriteSlot(db: D1Database, key: string, limit: number, now = Date.now()) {
  const interval = Math.max(1, Math.floor(WINDOW_MS / limit));
  const [, upsert, current] = await db.batch([
    db.prepare('DELETE FROM rate_limits WHERE tat < ?').bind(now),
    db
      .prepare(
        `INSERT INTO rate_limits (key, tat) VALUES (?1, ?2 + ?3)
         ON CONFLICT(key) DO UPDATE SET tat = max(tat, ?2) + ?3 WHERE max(tat, ?2) + ?3 - ?4 <= ?2
         RETURNING tat`,
      )
      .bind(key, now, interval, WINDOW_MS),
    db.prepare('SELECT tat FROM rate_limits WHERE key = ?').bind(key),
  ]);
  if ((upsert?.results.length ?? 0) > 0) return 0;
  const tat = Number((current?.results[0] as { tat?: number } | undefined)?.tat ?? now);
  return Math.max(1, Math.max(tat, now) + interval - WINDOW_MS - now);
}

/**
 * Per-user write limit, after authentication (the key is the verified email) and before the
 * route runs, so a refused write touches nothing but the limiter's own row.
 */
export const rateLimit: MiddlewareHandler<AppEnv> = async (c, next) => {
  const user = c.get('user');
  if (!user || !WRITE_METHODS.has(c.req.method)) return next();
  const waitMs = await takeWriteSlot(c.env.DB, `write:${user.email}`, writesPerMinute(c.env));
  if (waitMs > 0) {
    const seconds = Math.ceil(waitMs / 1000);
    throw new ApiError(
      'RATE_LIMITED',
      MSG.rateLimited(seconds),
      { retryAfter: seconds },
      {
        'Retry-After': String(seconds),
      },
    );
  }
  return next();
};
