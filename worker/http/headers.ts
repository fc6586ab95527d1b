import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { secureHeaders } from 'hono/secure-headers';
import { MSG } from '../../shared/i18n/messages';
import type { AppEnv, Env } from '../env';
import { ApiError } from './errors';

/**
 * HTML the worker serves (rendered documents) may style itself inline but never run a
 * script, load anything from elsewhere, submit a form or be framed.
 */
export const HTML_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; " +
  "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
/** JSON is data, never a page: nothing at all may load in its context. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

const staticHeaders = secureHeaders({
  xFrameOptions: 'DENY',
  strictTransportSecurity: 'max-age=31536000; includeSubDomains',
  permissionsPolicy: { camera: [], microphone: [], geolocation: [], payment: [] },
  // Headers that are not about this API's threats (downloads in old IE, DNS prefetch) stay off.
  xDownloadOptions: false,
  xDnsPrefetchControl: false,
  xPermittedCrossDomainPolicies: false,
  originAgentCluster: false,
});

/**
 * Security headers on every response (Hono's secure-headers), a CSP chosen by what the body
 * is (an HTML document may style itself; JSON loads nothing) and `no-store` unless a route
 * chose its own caching.
 */
export const securityHeaders: MiddlewareHandler<AppEnv> = async (c, next) => {
  await staticHeaders(c, async () => {
    await next();
    const html = (c.res.headers.get('content-type') ?? '').toLowerCase().startsWith('text/html');
    c.res.headers.set('Content-Security-Policy', html ? HTML_CSP : API_CSP);
    if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'no-store');
  });
};

const allowedOrigins = (env: Env) =>
  new Set(
    (env.CORS_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim().replace(/\/+$/, ''))
      .filter(Boolean),
  );

/** Hono's CORS, for the origins `CORS_ORIGINS` lists (it only ever sees those). */
const listedOriginCors = cors({
  origin: (origin) => origin,
  allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
  allowHeaders: ['Authorization', 'Content-Type', 'X-Google-Access-Token'],
  maxAge: 600,
});

/**
 * CORS is closed unless `CORS_ORIGINS` lists an origin: the add-on calls the worker from
 * Google's servers (UrlFetchApp), not from a browser, so no page needs to read our answers.
 * A listed origin goes through Hono's `cors`; any other request gets no CORS header at all,
 * and a preflight from another origin a French 403 (Hono would answer it 204 with the methods).
 */
export const corsPolicy: MiddlewareHandler<AppEnv> = async (c, next) => {
  const origin = c.req.header('origin');
  if (origin !== undefined && allowedOrigins(c.env).has(origin)) return listedOriginCors(c, next);
  if (c.req.method === 'OPTIONS' && c.req.header('access-control-request-method') !== undefined)
    throw new ApiError('FORBIDDEN', MSG.originNotAllowed);
  return next();
};
