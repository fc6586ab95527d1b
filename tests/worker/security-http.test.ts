import { env } from 'cloudflare:test';
import { Hono } from 'hono';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MSG } from '../../shared/i18n/messages';
import type { AppEnv } from '../../worker/env';
import { API_CSP, HTML_CSP, securityHeaders } from '../../worker/http/headers';
import { callWith, googleClaims, googleEnv, mintToken } from './auth-tokens';
import { ADMIN, call } from './helpers';
import { appRoutes, makeWorld, ROUTE_CASES } from './security-fixtures';

const devEnv = (over: Record<string, unknown> = {}) => ({ ...env, ...over });

function expectSecurityHeaders(h: Headers, html: boolean) {
  expect(h.get('content-security-policy')).toBe(html ? HTML_CSP : API_CSP);
  expect(h.get('x-content-type-options')).toBe('nosniff');
  expect(h.get('x-frame-options')).toBe('DENY');
  expect(h.get('referrer-policy')).toBe('no-referrer');
  expect(h.get('strict-transport-security')).toMatch(/max-age=\d+/);
}

describe('CORS is closed by default', () => {
  it.each([
    ['GET', '/v1/health'],
    ['GET', '/v1/quotas'],
    ['POST', '/v1/members'],
    ['GET', '/nowhere'],
  ])('never grants a foreign origin, on simple requests or errors: %s %s', async (method, path) => {
    const res = await call(method, path, { headers: { origin: 'https://evil.example' } });
    expect(res.headers.get('access-control-allow-origin'), path).toBeNull();
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('refuses a preflight from any origin, in French, without any Access-Control header', async () => {
    const res = await callWith(devEnv(), 'OPTIONS', '/v1/sessions', {
      origin: 'https://evil.example',
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'x-dev-user, content-type',
    });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
    expect(res.body.error.message).toMatch(/Origine non autorisée/);
    for (const name of ['allow-origin', 'allow-methods', 'allow-headers', 'allow-credentials'])
      expect(res.headers.get(`access-control-${name}`)).toBeNull();
  });

  it('opens only to the origins listed in CORS_ORIGINS', async () => {
    const open = devEnv({ CORS_ORIGINS: 'https://outil.ademe.example' });
    const pre = await callWith(open, 'OPTIONS', '/v1/sessions', {
      origin: 'https://outil.ademe.example',
      'access-control-request-method': 'POST',
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('https://outil.ademe.example');
    expect(pre.headers.get('access-control-allow-headers')).not.toMatch(/x-dev-user/i);
    const get = await callWith(open, 'GET', '/v1/health', { origin: 'https://outil.ademe.example' });
    expect(get.headers.get('access-control-allow-origin')).toBe('https://outil.ademe.example');
    const other = await callWith(open, 'GET', '/v1/health', { origin: 'https://outil.ademe.example.evil' });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('security headers', () => {
  it('are on every response of every GET route, errors included', async () => {
    const world = await makeWorld();
    const gets = appRoutes().filter((r) => r.startsWith('GET '));
    expect(gets.length).toBeGreaterThan(15);
    for (const route of gets) {
      const req = await ROUTE_CASES[route]!.build(world);
      const res = await call('GET', req.path);
      const html = (res.headers.get('content-type') ?? '').startsWith('text/html');
      expectSecurityHeaders(res.headers, html);
    }
    const missing = await call('GET', '/v1/nothing-here');
    expect(missing.status).toBe(404);
    expectSecurityHeaders(missing.headers, false);
    const refused = await call('GET', '/v1/audit', { as: null });
    expect(refused.status).toBe(401);
    expectSecurityHeaders(refused.headers, false);
  });

  it('give HTML a policy that forbids scripts, framing, forms and remote loads', async () => {
    // The app's own middleware on a route that answers HTML, as rendered documents do.
    const page = new Hono<AppEnv>()
      .use('*', securityHeaders)
      .get('/page', (c) => c.html('<!doctype html><p style="color:red">Synthèse</p>'));
    const res = await page.request('/page', {}, env);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expectSecurityHeaders(res.headers, true);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).not.toMatch(/script-src/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(csp).toMatch(/form-action 'none'/);
  });
});

/** Every console line the worker writes from now on, kept instead of printed. */
function captureLogs() {
  const lines: string[] = [];
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      lines.push(args.map((a) => (a instanceof Error ? `${a.message}\n${a.stack}` : String(a))).join(' '));
    });
  }
  return lines;
}

describe('no stack trace or token in any response or log line', () => {
  afterEach(() => vi.restoreAllMocks());

  it('an internal failure answers a generic French 500 and logs no stack, no token', async () => {
    const logs = captureLogs();
    const token = await mintToken(googleClaims(ADMIN));
    // The database binding missing: a real crash inside the worker, after the token was verified.
    const res = await callWith(googleEnv({ DB: undefined }), 'POST', '/v1/members', {
      authorization: `Bearer ${token}`,
    });
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ error: { code: 'INTERNAL', message: MSG.internal } });
    for (const text of [res.text, ...logs]) {
      expect(text).not.toContain(token);
      expect(text).not.toMatch(/\n\s+at |\.ts:\d+|TypeError: /);
    }
    expect(logs.some((l) => l.includes('"level":"error"'))).toBe(true);
  });

  it('refused tokens are logged by reason only', async () => {
    const logs = captureLogs();
    const tokens = [
      await mintToken(googleClaims(ADMIN, { aud: 'someone-else' })),
      await mintToken(googleClaims(ADMIN, { email_verified: false })),
      'eyJhbGciOiJub25lIn0.eyJlbWFpbCI6ImFAYi5jIn0.',
    ];
    for (const token of tokens) {
      const res = await callWith(googleEnv(), 'GET', '/v1/me', { authorization: `Bearer ${token}` });
      expect(res.status).toBe(401);
      expect(res.text).not.toContain(token);
    }
    expect(logs.length).toBeGreaterThanOrEqual(tokens.length);
    for (const line of logs) {
      for (const token of tokens) {
        expect(line).not.toContain(token);
        expect(line).not.toContain(token.split('.')[1]!);
      }
      expect(line).not.toContain(ADMIN);
    }
  });

  it('validation errors name the field, never echo a stack or internals', async () => {
    const res = await call('POST', '/v1/members', {
      raw: '{"email": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(MSG.malformedJson);
    expect(JSON.stringify(res.body)).not.toMatch(/SyntaxError|at JSON|position \d+/);
  });
});
