import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env';

/**
 * One structured line per request, for Workers Logs (`[observability]` in wrangler.toml):
 * request id, method, the route as declared (never the URL, whose query may hold a signed
 * link's signature), status, duration and the caller's role. Never a header, a body, an
 * e-mail or a token. `REQUEST_LOGS=off` silences it (the tests, the benchmarks).
 */
export const requestLog: MiddlewareHandler<AppEnv> = async (c, next) => {
  const started = Date.now();
  await next();
  if (c.env.REQUEST_LOGS === 'off') return;
  const status = c.res.status;
  console.log(
    JSON.stringify({
      level: status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info',
      event: 'request',
      requestId: c.get('requestId'),
      method: c.req.method,
      route: c.req.routePath,
      status,
      durationMs: Date.now() - started,
      role: c.get('user')?.role ?? null,
    }),
  );
};
