// GET /v1/snapshot: every list the add-on's tabs mirror, in one response. Each part must be
// exactly what its own route answers, so the tabs rebuilt from it match the routes.

import { describe, expect, it } from 'vitest';
import { frTypo } from '../../shared/i18n/typography';
import { PARTS } from '../../worker/routes/snapshot';
import { session } from './bodies';
import { ADMIN, call, counts, uid } from './helpers';
import { checkAsOf } from './nightly-support';
import { plain } from './plain';
import { makeWorld, ROUTE_CASES, type World } from './security-fixtures';

/** One record of every kind the snapshot carries, written through the routes. */
async function fillRecord(): Promise<World> {
  const w = await makeWorld();
  const post = async (route: string) => {
    const req = await ROUTE_CASES[route]!.build(w);
    const res = await call('POST', req.path, { body: req.body });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  };
  const s = await call('POST', '/v1/sessions', { body: session({ territoryId: w.territory.id }) });
  expect(s.status).toBe(201);
  for (const route of ['POST /v1/blockers', 'POST /v1/indicators', 'POST /v1/workshops', 'POST /v1/actions'])
    await post(route);
  await post('POST /v1/documents');
  await checkAsOf('2025-05-05');
  return w;
}

/** SQLite's default (binary) order, which ORDER BY uses. */
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const get = async (path: string, as?: string) => {
  const res = await call('GET', path, { as });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};

/** GET /v1/quotas of a programme that fits one page: the report without its (null) next cursor. */
async function quotaReport() {
  const { nextCursor, ...report } = await get('/v1/quotas');
  expect(nextCursor).toBeNull();
  return report;
}

/** `s` as a regular expression matching itself. */
const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('GET /v1/snapshot — the parts and what they hold', () => {
  it('holds, part by part, exactly what each list route answers', async () => {
    await fillRecord();
    const snap = await get('/v1/snapshot');
    const territories = (await get('/v1/territories')).territories;
    const partners = [];
    for (const t of territories) partners.push(...(await get(`/v1/territories/${t.id}/partners`)).partners);
    const alerts = await get('/v1/alerts');
    expect(snap).toEqual({
      territories,
      partners: [...partners].sort(
        (a, b) => cmp(a.territoryId, b.territoryId) || cmp(a.name, b.name) || cmp(a.id, b.id),
      ),
      sessions: (await get('/v1/sessions')).sessions,
      blockers: (await get('/v1/blockers')).blockers,
      indicators: (await get('/v1/indicators')).indicators,
      workshops: (await get('/v1/workshops')).workshops,
      actions: (await get('/v1/actions')).actions,
      quotas: await quotaReport(),
      alerts: alerts.alerts,
      lastRun: alerts.lastRun,
      // A signed link is minted per answer: its expiry (in seconds) may tick between the two reads.
      documents: (await get('/v1/documents')).documents.map((d: { url: string }) => ({
        ...d,
        url: expect.stringMatching(new RegExp(`^${literal(d.url.split('?')[0]!)}\\?expires=\\d+&signature=`)),
      })),
    });
    // Not vacuous: every list has something in it.
    for (const key of ['territories', 'partners', 'sessions', 'blockers', 'indicators', 'workshops'])
      expect(snap[key].length, key).toBeGreaterThan(0);
    for (const key of ['actions', 'alerts', 'documents']) expect(snap[key].length, key).toBeGreaterThan(0);
    expect(snap.lastRun).toMatchObject({ ok: true, asOf: '2025-05-05' });
  });

  it('answers only the parts asked for', async () => {
    const snap = await get('/v1/snapshot?parts=quotas,alerts');
    expect(Object.keys(snap).sort()).toEqual(['alerts', 'lastRun', 'quotas']);
    expect(snap.quotas).toEqual(await quotaReport());
    expect(Object.keys(await get('/v1/snapshot?parts= documents ,territories,documents')).sort()).toEqual([
      'documents',
      'territories',
    ]);
  });
});

describe('GET /v1/snapshot — me, programme, unknown parts and readers', () => {
  it('answers `me` and `programme` on request, as GET /v1/me and GET /v1/programme do, for every role', async () => {
    const w = await makeWorld();
    for (const as of [ADMIN, w.consultant, w.otherConsultant, w.viewer]) {
      const snap = await get('/v1/snapshot?parts=me,programme,quotas', as);
      expect(Object.keys(snap).sort()).toEqual(['me', 'programme', 'quotas']);
      expect(snap.me, as).toEqual(await get('/v1/me', as));
      expect(snap.programme, as).toEqual(await get('/v1/programme', as));
    }
    // Not vacuous: the consultant's own territory, none for the viewer.
    const consultant = await get('/v1/snapshot?parts=me', w.consultant);
    expect(consultant.me.territories).toEqual([{ id: w.territory.id, name: w.territory.name }]);
    expect((await get('/v1/snapshot?parts=me', w.viewer)).me).toEqual({
      email: w.viewer,
      name: null,
      role: 'viewer',
      territories: [],
      preferences: { reminders: true },
    });
    // Without `parts`, the lists the tabs mirror only.
    expect(Object.keys(await get('/v1/snapshot'))).not.toEqual(expect.arrayContaining(['me']));
    expect(Object.keys(await get('/v1/snapshot'))).not.toContain('programme');
  });

  it('refuses an unknown part in French, naming the parts it knows', async () => {
    const before = await counts();
    const res = await call('GET', '/v1/snapshot?parts=quotas,budget');
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      issues: [
        {
          path: 'parts',
          message: frTypo(`Partie inconnue : « budget ». Parties possibles : ${PARTS.join(', ')}.`),
        },
      ],
    });
    const empty = await call('GET', '/v1/snapshot?parts=,');
    expect(empty.status).toBe(400);
    expect(empty.body.error.issues[0].message).toMatch(/^Au moins une partie attendue/);
    expect(await counts()).toEqual(before);
  });

  it('lets a viewer and a consultant read everything; refuses a non-member and an anonymous caller', async () => {
    const w = await makeWorld();
    const full = await get('/v1/snapshot');
    for (const as of [w.viewer, w.otherConsultant]) {
      const snap = await get('/v1/snapshot', as);
      expect(Object.keys(snap).sort()).toEqual(Object.keys(full).sort());
      expect(snap.territories.map((t: { id: string }) => t.id)).toContain(w.territory.id);
    }
    const stranger = await call('GET', '/v1/snapshot', { as: `${uid('x')}@example.org` });
    expect(stranger.status).toBe(403);
    expect(stranger.body.error.code).toBe('FORBIDDEN');
    expect((await call('GET', '/v1/snapshot', { as: null })).status).toBe(401);
  });
});

describe('GET /v1/snapshot — paging', () => {
  it('pages the growing lists: followed cursor by cursor, the pages make up the whole snapshot', async () => {
    await fillRecord();
    await fillRecord();
    const full = await get('/v1/snapshot');
    expect(full.next).toBeUndefined();
    const first = await get('/v1/snapshot?limit=2');
    expect(first.next).toEqual(expect.any(String));
    const lists = ['territories', 'partners', 'sessions', 'blockers', 'indicators', 'workshops', 'actions'];
    const merged: Record<string, unknown[]> = Object.fromEntries(lists.map((k) => [k, first[k]]));
    for (const k of lists) expect(first[k].length, k).toBeLessThanOrEqual(2);
    // Parts that are no lists of the record come whole, with the first page only.
    expect(first.quotas).toEqual(full.quotas);
    let next = first.next;
    let pages = 1;
    while (next) {
      const page = await get(`/v1/snapshot?limit=2&cursor=${encodeURIComponent(next)}`);
      expect(page.quotas).toBeUndefined();
      for (const k of Object.keys(page).filter((key) => key !== 'next')) {
        expect(lists).toContain(k);
        expect(page[k].length).toBeLessThanOrEqual(2);
        merged[k]!.push(...page[k]);
      }
      next = page.next;
      pages += 1;
    }
    expect(pages).toBeGreaterThan(2);
    for (const k of lists) expect(merged[k], k).toEqual(full[k]);
  });

  it('refuses a cursor it did not make and a page size out of bounds, in French', async () => {
    // A key of the wrong shape for its list (`{"blockers":["a"]}`: one value where the order has
    // two) once reached SQL and answered 500; a length of 1 mod 4 is no base64url at all.
    const shapes = ['{"blockers":["a"]}', '{"sessions":["2025-01-01","x"]}', '{"territories":["a",{}]}'];
    const wrongShape = shapes.map((json) => btoa(json).replace(/=+$/, ''));
    expect(wrongShape[0]).toBe('eyJibG9ja2VycyI6WyJhIl19');
    for (const cursor of [
      'abc',
      'e30',
      'A',
      btoa('{"budget":["x"]}'),
      btoa('{"sessions":[]}'),
      ...wrongShape,
    ]) {
      const res = await call('GET', `/v1/snapshot?cursor=${encodeURIComponent(cursor)}`);
      expect(res.status, cursor).toBe(400);
      expect(res.body.error.issues[0].path).toBe('cursor');
      expect(plain(res.body.error.issues[0].message)).toBe(
        'Curseur de pagination invalide ou périmé : reprenez la lecture depuis le début.',
      );
    }
    for (const limit of ['0', '10001', 'x', '1.5']) {
      const res = await call('GET', `/v1/snapshot?limit=${limit}`);
      expect(res.status, limit).toBe(400);
      expect(res.body.error.issues[0].path).toBe('limit');
    }
  });
});
