// GET /v1/quotas?territoryId=&cursor= (API.md « Additions (v1.2) › Smaller »): one territory's
// quotas with its partners', or pages of at most 100 subjects, territories first, that make up
// the whole report (what the snapshot's `quotas` part holds) when followed cursor by cursor.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { MSG } from '../../shared/i18n/messages';
import { session } from './bodies';
import { ADMIN, call, counts } from './helpers';

const TERRITORIES = 130;
const PARTNERS_PER = 2;

/** 130 territories (names repeat, so pages continue on the id too) and two partners each, in SQL. */
async function seed() {
  const now = new Date().toISOString();
  const seq = 'WITH RECURSIVE seq(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM seq WHERE n + 1 < ?1)';
  await env.DB.batch([
    env.DB.prepare(
      `INSERT INTO territories (id, name, data, central_city, body_hash, created_at, created_by, updated_at, updated_by)
       ${seq} SELECT printf('pg-t%03d', n), 'Territoire ' || (n / 3),
         json_object('name', 'Territoire ' || (n / 3), 'legalForm', 'ca', 'centralCityInsee', '81004',
           'consultants', json('[]'), 'contacts', json('[]')),
         json_object('insee', '81004', 'name', 'Albi', 'population', 51290, 'departement', '81'),
         'seed', ?2, ?3, ?2, ?3 FROM seq`,
    ).bind(TERRITORIES, now, ADMIN),
    env.DB.prepare(
      `INSERT INTO partners (id, territory_id, name, data, body_hash, created_at, created_by, updated_at, updated_by)
       ${seq} SELECT printf('pg-t%03d-p%d', n / 2, n % 2), printf('pg-t%03d', n / 2), 'Partenaire ' || (n % 2),
         json_object('territoryId', printf('pg-t%03d', n / 2), 'name', 'Partenaire ' || (n % 2), 'kind', 'company',
           'useCase', json_object('category', 'commute', 'description', 'Essai.')),
         'seed', ?2, ?3, ?2, ?3 FROM seq`,
    ).bind(TERRITORIES * PARTNERS_PER, now, ADMIN),
  ]);
  const programme = (await call('GET', '/v1/programme')).body;
  const { assessment: _a, ...settings } = programme;
  expect((await call('PUT', '/v1/programme', { body: { ...settings, maxTerritories: 1000 } })).status).toBe(
    200,
  );
  const logged = await call('POST', '/v1/sessions', {
    body: session({ territoryId: 'pg-t007', durationMinutes: 90 }),
  });
  expect(logged.status).toBe(201);
}

const get = async (path: string, as = ADMIN) => {
  const res = await call('GET', path, { as });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};

beforeAll(seed);

describe('GET /v1/quotas in pages', () => {
  it('pages of at most 100 subjects, territories then partners, make up the whole report', async () => {
    const whole = (await get('/v1/snapshot?parts=quotas')).quotas;
    expect(whole.territories.length).toBe(TERRITORIES);
    const pages = [];
    for (let page = await get('/v1/quotas'); ; page = await get(`/v1/quotas?cursor=${page.nextCursor}`)) {
      pages.push(page);
      expect(page.programme).toEqual(whole.programme);
      expect(page.territories.length + page.partners.length).toBeLessThanOrEqual(100);
      if (page.nextCursor === null) break;
      expect(pages.length).toBeLessThan(10);
    }
    // 130 territories and 260 partners: 100 | 30 + 70 | 100 | 90.
    expect(pages.map((p) => [p.territories.length, p.partners.length])).toEqual([
      [100, 0],
      [30, 70],
      [0, 100],
      [0, 90],
    ]);
    expect(pages.flatMap((p) => p.territories)).toEqual(whole.territories);
    expect(pages.flatMap((p) => p.partners)).toEqual(whole.partners);
    const used = whole.territories.find((t: { territoryId: string }) => t.territoryId === 'pg-t007');
    expect(used.quotas[1]).toMatchObject({ key: 'diagnostic', used: 90 });
  });

  it('answers one territory with its partners, for any reader', async () => {
    const viewer = 'lecteur-quotas@ademe.example';
    expect((await call('POST', '/v1/members', { body: { email: viewer, role: 'viewer' } })).status).toBe(201);
    const one = await get('/v1/quotas?territoryId=pg-t042', viewer);
    expect(one.territories.map((t: { territoryId: string }) => t.territoryId)).toEqual(['pg-t042']);
    expect(one.partners.map((p: { partnerId: string }) => p.partnerId)).toEqual(['pg-t042-p0', 'pg-t042-p1']);
    expect(one.nextCursor).toBeNull();
    expect(one.programme).toEqual((await get('/v1/quotas')).programme);
  });

  it('refuses an unknown territory (404), a cursor beside a territory and a cursor it did not make (400)', async () => {
    const before = await counts();
    const missing = await call('GET', '/v1/quotas?territoryId=nowhere');
    expect(missing.status).toBe(404);
    const first = await get('/v1/quotas');
    const both = await call('GET', `/v1/quotas?territoryId=pg-t001&cursor=${first.nextCursor}`);
    expect(both.status).toBe(400);
    expect(both.body.error.message).toBe(MSG.cursorWithTerritory);
    const token = (v: unknown) => btoa(JSON.stringify(v)).replace(/=+$/, '');
    for (const cursor of [
      'A',
      '%%%',
      'e30',
      token({ t: ['x'] }),
      token({ p: ['a', 'b'] }),
      token({ t: ['a', 1] }),
      token({ t: ['a', 'b'], p: ['a', 'b', 'c'] }),
    ]) {
      const res = await call('GET', `/v1/quotas?cursor=${encodeURIComponent(cursor)}`);
      expect(res.status, cursor).toBe(400);
      expect(res.body.error.issues).toEqual([{ path: 'cursor', message: MSG.badCursor }]);
    }
    expect(await counts()).toEqual(before);
  });
});
