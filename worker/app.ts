import { Hono, type MiddlewareHandler } from 'hono';
import { requestId } from 'hono/request-id';
import { MSG } from '../shared/i18n/messages';
import { authorize } from './auth/access';
import type { AppEnv } from './env';
import { checkedAnswer } from './http/answer-check';
import { bodyLimit } from './http/body-limit';
import { ApiError, errorResponse, validationError } from './http/errors';
import { corsPolicy, securityHeaders } from './http/headers';
import { rateLimit } from './http/rate-limit';
import { requestLog } from './http/request-log';
import type { Route } from './http/route';
import { notReadyError, unready } from './ops/readiness';
import { ROUTES } from './routes';

/** Every path must decode: `%ZZ` is a client error, never a 500 further down. */
const decodablePath: MiddlewareHandler<AppEnv> = async (c, next) => {
  try {
    decodeURIComponent(new URL(c.req.url).pathname);
  } catch {
    throw validationError([{ path: '', message: MSG.malformedPath }], MSG.malformedPath);
  }
  await next();
};

/** Routes that answer before the database is ready: the readiness probe itself and the API's description. */
const WITHOUT_DATABASE = new Set(['/v1/health', '/v1/openapi.json']);

/**
 * Nothing reaches a route that reads the record before every migration is applied: 503 with
 * `Retry-After`, never a 500 « no such table » (the start-up window). Once this isolate has
 * seen the database ready, it costs nothing.
 */
const whenReady: MiddlewareHandler<AppEnv> = async (c, next) => {
  const s = WITHOUT_DATABASE.has(c.req.path) ? null : await unready(c.env.DB);
  if (s) throw notReadyError(s);
  return next();
};

export function createApp(routes: readonly Route[] = ROUTES) {
  const app = new Hono<AppEnv>();
  // Request ids are the worker's own (never a client header such as cf-ray): the audit trusts them.
  app.use('*', requestId({ headerName: '' }), requestLog, async (c, next) => {
    await next();
    c.header('x-request-id', c.get('requestId'));
  });
  app.use('*', securityHeaders, corsPolicy, decodablePath, bodyLimit);
  app.use('/v1/*', whenReady, authorize(routes), rateLimit(routes));
  for (const r of routes)
    app.on(r.spec.method, r.spec.path, async (c) => checkedAnswer(c, r.spec, await r.run(c)));
  app.notFound(() => {
    throw new ApiError('NOT_FOUND', MSG.routeNotFound);
  });
  app.onError((err, c) => errorResponse(c, err));
  return app;
}

export const app = createApp();
