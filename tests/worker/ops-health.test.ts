import { applyD1Migrations, env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
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
