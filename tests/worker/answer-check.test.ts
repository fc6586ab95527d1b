// Every success answer is checked against its route's declared schema while TEST_CHECK_ANSWERS
// is on (vitest.config.ts, the Node tests' local worker): a handler that drifts from its
// declaration fails whichever test meets it, with the path of the difference in the log.
import { env } from 'cloudflare:test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MSG } from '../../shared/i18n/messages';
import { createApp } from '../../worker/app';
import type { Route } from '../../worker/http/route';
import { ROUTES } from '../../worker/routes';
import { ADMIN } from './helpers';

const health = ROUTES.find((r) => r.spec.method === 'GET' && r.spec.path === '/v1/health')!;
const me = ROUTES.find((r) => r.spec.method === 'GET' && r.spec.path === '/v1/me')!;

/** The app with one route's handler replaced by one that answers `body`, its declaration kept. */
const drifting = (route: Route, body: unknown) =>
  createApp(ROUTES.map((r) => (r === route ? { spec: r.spec, run: async () => Response.json(body) } : r)));

afterEach(() => vi.restoreAllMocks());

describe('answers checked against their declared schema', () => {
  it('turns an answer outside its schema into a 500 naming where it differs, and logs it', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const app = drifting(health, { ok: true, version: 1, authMode: 'dev', extra: 'x' });
    const res = await app.request('/v1/health', {}, env);
    expect(res.status).toBe(500);
    const { error } = (await res.json()) as {
      error: { code: string; message: string; issues: { path: string }[] };
    };
    expect(error.code).toBe('INTERNAL');
    expect(error.message).toBe(MSG.answerOutsideSchema);
    expect(error.issues.map((i) => i.path).sort()).toEqual(['', 'version']);
    const line = JSON.parse(String(logged.mock.calls[0]?.[0]));
    expect(line).toMatchObject({ event: 'answer-outside-schema', route: 'GET /v1/health' });
    expect(line.issues.map((i: { path: string }) => i.path)).toContain('version');
  });

  it('names a nested difference by its path (a territory of /v1/me without its name)', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const app = drifting(me, {
      email: ADMIN,
      name: null,
      role: 'admin',
      territories: [{ id: 't-albi' }],
      preferences: { reminders: true },
    });
    const res = await app.request('/v1/me', { headers: { 'x-dev-user': ADMIN } }, env);
    expect(res.status).toBe(500);
    const body = (await res.json()) as { error: { issues: { path: string }[] } };
    expect(body.error.issues.map((i) => i.path)).toEqual(['territories.0.name']);
  });

  it('lets the same answer through untouched when the switch is off, as in production', async () => {
    const app = drifting(health, { ok: true, version: 1 });
    const res = await app.request('/v1/health', {}, { ...env, TEST_CHECK_ANSWERS: '' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, version: 1 });
  });

  it('holds for the real handlers (the switch is on for every test)', async () => {
    expect(env.TEST_CHECK_ANSWERS).toBe('true');
    const res = await createApp().request('/v1/health', {}, env);
    expect(res.status).toBe(200);
  });
});
