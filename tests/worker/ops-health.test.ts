import { applyD1Migrations, env } from 'cloudflare:test';
import { describe, expect, it, vi } from 'vitest';
import { app } from '../../worker/app';
import { MIGRATIONS } from '../../worker/ops/migrations.generated';
import { ADMIN } from './helpers';

/** A request through the app against another database than the test file's. */
async function against(db: D1Database, path: string) {
  const res = await app.request(path, { headers: { 'x-dev-user': ADMIN } }, { ...env, DB: db });
  // biome-ignore lint/suspicious/noExplicitAny: JSON answers of several shapes, asserted field by field.
  const body = (await res.json()) as Record<string, any>;
  return { status: res.status, headers: res.headers, body };
}

describe('ready means ready: the start-up window answers 503, never 500', () => {
  it('health is 503, and the record 503 (not « no such table »), before the migrations; 200 after', async () => {
    const db = env.SPARE_DB;
    const health = await against(db, '/v1/health');
    expect(health.status).toBe(503);
    expect(health.headers.get('retry-after')).toBe('5');
    expect(health.body.error.code).toBe('SERVICE_UNAVAILABLE');
    expect(health.body.error.missingMigrations).toEqual([...MIGRATIONS]);
    expect(health.body.error.message).toMatch(/^Le service démarre/);
    const territories = await against(db, '/v1/territories');
    expect(territories.status).toBe(503);
    expect(JSON.stringify(territories.body)).not.toMatch(/no such table/i);
    // The API's description needs no database.
    expect((await against(db, '/v1/openapi.json')).status).toBe(200);

    // Every migration but the last: still not ready.
    const all = env.TEST_MIGRATIONS;
    await applyD1Migrations(db, all.slice(0, -1));
    const behind = await against(db, '/v1/health');
    expect(behind.status).toBe(503);
    expect(behind.body.error.missingMigrations).toEqual([MIGRATIONS.at(-1)]);
    expect((await against(db, '/v1/territories')).status).toBe(503);

    await applyD1Migrations(db, all);
    const ready = await against(db, '/v1/health');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ ok: true, version: expect.any(String), authMode: 'dev' });
    const list = await against(db, '/v1/territories');
    expect(list.status).toBe(200);
  });

  it('the generated list of migrations is the folder the tests migrate with', () => {
    expect(env.TEST_MIGRATIONS.map((m) => m.name)).toEqual([...MIGRATIONS]);
  });
});

describe('structured logs: one JSON line per request, never a token', () => {
  it('names the request id, the declared route, the status, the duration and the role; not the URL, the e-mail or a token', async () => {
    const lines: string[] = [];
    const spy = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => {
      lines.push(a.map(String).join(' '));
    });
    try {
      const res = await app.request(
        '/v1/territories/t-inconnu?signature=sig-secret-123',
        { headers: { 'x-dev-user': ADMIN, authorization: 'Bearer tok-secret-456' } },
        { ...env, REQUEST_LOGS: 'on' },
      );
      expect(res.status).toBe(404);
      const line = JSON.parse(lines.find((l) => l.includes('"event":"request"'))!);
      expect(line).toEqual({
        level: 'warn',
        event: 'request',
        requestId: res.headers.get('x-request-id'),
        method: 'GET',
        route: '/v1/territories/:id',
        status: 404,
        durationMs: expect.any(Number),
        role: 'admin',
      });
      for (const l of lines)
        for (const secret of ['sig-secret', 'tok-secret', ADMIN]) expect(l).not.toContain(secret);
      lines.length = 0;
      await app.request('/v1/health', {}, env);
      expect(lines).toEqual([]);
    } finally {
      spy.mockRestore();
    }
  });
});
