import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { MSG } from '../../shared/i18n/messages';
import { createApp } from '../../worker/app';
import { ADMIN, call, counts } from './helpers';

describe('routes exist only through their declarations', () => {
  it('refuses, to everyone, a handler registered by hand without a declaration (fail-closed)', async () => {
    const app = createApp();
    app.get('/v1/undeclared', (c) => c.json({ secret: true }));
    for (const headers of [{}, { 'x-dev-user': ADMIN }] as Record<string, string>[]) {
      const res = await app.request('/v1/undeclared', { headers }, env);
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: { message: string } }).error.message).toBe(MSG.undeclaredRoute);
    }
  });

  it('answers 404 for a path no route serves, and 400 for a path that does not decode', async () => {
    expect((await call('GET', '/v1/nothing-here')).status).toBe(404);
    const before = await counts();
    for (const [method, path] of [
      ['DELETE', '/v1/members/%ZZ'],
      ['GET', '/v1/territories/%E0%A4%A'],
      ['POST', '/v1/people/%zz@example.org/erase'],
    ] as const) {
      const res = await call(method, path);
      expect(res.status, path).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', message: MSG.malformedPath });
    }
    expect(await counts()).toEqual(before);
  });

  it('generates its own request id, whatever id headers the client sends', async () => {
    const res = await call('GET', '/v1/health', {
      as: null,
      headers: { 'cf-ray': 'forged-ray', 'x-request-id': 'forged-id' },
    });
    const id = res.headers.get('x-request-id') ?? '';
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(id).not.toContain('forged');
  });

  it('validates query strings with the declared schema (a date that does not exist is refused)', async () => {
    const res = await call('GET', '/v1/sessions?from=2025-99-99');
    expect(res.status).toBe(400);
    expect(res.body.error.issues[0].path).toBe('from');
    expect((await call('GET', '/v1/sessions?from=')).status).toBe(200);
  });
});
