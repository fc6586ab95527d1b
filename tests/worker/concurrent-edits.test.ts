// Concurrent edits never lose a write (API.md, Additions v1.1): every single record carries its
// version as ETag; If-Match makes a write conditional (412 with the stored record otherwise);
// without it, the merge and the write are one atomic step, so two concurrent PATCHes of
// different fields both land and each audit line's `before` is what its write replaced.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { action, blocker, session, workshop } from './bodies';
import { ADMIN, call, counts, freeWorkshopNumber, makePartner, makeTerritory, uid } from './helpers';

interface Resource {
  name: string;
  entity: string;
  /** Creates a record; answers its path and who may write it. */
  create: () => Promise<{ path: string; as: string }>;
  /** Two patches of different fields, the i-th of a series. */
  patches: (i: number) => [Record<string, unknown>, Record<string, unknown>];
  /** What a record (as read, or as an audit line holds it) shows of the patched fields. */
  project: (r: Record<string, unknown>) => unknown;
}

/**
 * A record created in a fresh territory by its consultant, who may then write it: POSTs to
 * `list` the body made for that territory, answers the record's path and the consultant.
 */
async function createdInTerritory(list: string, body: (territoryId: string) => Promise<unknown>) {
  const { territory, consultant } = await makeTerritory();
  const res = await call('POST', list, { as: consultant, body: await body(territory.id) });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { path: `${list}/${res.body.session?.id ?? res.body.id}`, as: consultant };
}

const RESOURCES: Resource[] = [
  {
    name: 'blocker',
    entity: 'blocker',
    create: () => createdInTerritory('/v1/blockers', async (territoryId) => blocker({ territoryId })),
    patches: (i) => [{ title: `Titre ${i}` }, { description: `Description ${i}` }],
    project: (r) => [r.title, r.description],
  },
  {
    name: 'territory',
    entity: 'territory',
    create: async () => {
      const { territory } = await makeTerritory();
      return { path: `/v1/territories/${territory.id}`, as: ADMIN };
    },
    patches: (i) => [
      { name: `Territoire ${uid('n')} ${i}` },
      { epciSiren: `2000000${String(i).padStart(2, '0')}` },
    ],
    project: (r) => [r.name, r.epciSiren],
  },
  {
    name: 'workshop',
    entity: 'workshop',
    create: () =>
      createdInTerritory('/v1/workshops', async (hostTerritoryId) =>
        workshop({ number: await freeWorkshopNumber(), hostTerritoryId, participants: 12 }),
      ),
    patches: (i) => [{ theme: `Thème ${i}` }, { participants: 10 + i }],
    project: (r) => [r.theme, r.participants],
  },
  {
    name: 'action',
    entity: 'action',
    create: () =>
      createdInTerritory('/v1/actions', async (territoryId) =>
        action({ partnerId: (await makePartner(territoryId)).id }),
      ),
    patches: (i) => [{ implementationDelay: `${i} mois` }, { actors: `Acteurs ${i}` }],
    project: (r) => [r.implementationDelay, r.actors],
  },
  {
    name: 'session',
    entity: 'session',
    create: () => createdInTerritory('/v1/sessions', async (territoryId) => session({ territoryId })),
    patches: (i) => [{ summary: `Compte rendu ${i}` }, { participants: 2 + i }],
    project: (r) => [r.summary, r.participants],
  },
];

/** The record a GET answers (a session's GET answers the session itself). */
const read = async (path: string) => {
  const res = await call('GET', path);
  expect(res.status).toBe(200);
  return res;
};

/** Audit lines of one record, oldest first. */
async function auditOf(entity: string, id: string) {
  const { results } = await env.DB.prepare(
    'SELECT action, before, after FROM audit WHERE entity = ? AND entity_id = ? ORDER BY seq',
  )
    .bind(entity, id)
    .all<{ action: string; before: string | null; after: string | null }>();
  return results.map((r) => ({
    action: r.action,
    before: r.before ? JSON.parse(r.before) : null,
    after: r.after ? JSON.parse(r.after) : null,
  }));
}

describe('concurrent PATCHes of different fields: none lost, each audited with what it replaced', () => {
  for (const r of RESOURCES) {
    it(`${r.name}: 20 pairs, both writes of each pair land`, async () => {
      const { path, as } = await r.create();
      for (let i = 0; i < 20; i++) {
        const [a, b] = r.patches(i);
        const answers = await Promise.all([
          call('PATCH', path, { as, body: a }),
          call('PATCH', path, { as, body: b }),
        ]);
        for (const res of answers) expect(res.status, JSON.stringify(res.body)).toBe(200);
        const now = (await read(path)).body;
        expect(r.project(now), `pair ${i}`).toEqual(r.project({ ...now, ...a, ...b }));
      }
      const id = path.split('/').at(-1)!;
      const lines = (await auditOf(r.entity, id)).filter((l) => l.action === 'update');
      expect(lines).toHaveLength(40);
      // Each update replaced exactly what the one before it wrote: no two built on one `before`.
      for (let k = 1; k < lines.length; k++)
        expect(r.project(lines[k]!.before), `line ${k}`).toEqual(r.project(lines[k - 1]!.after));
      const { body, headers } = await read(path);
      expect(headers.get('etag')).toBe(`"${(body.session ?? body).version}"`);
      expect((body.session ?? body).version).toBe(41);
    });
  }
});

describe('ETag and If-Match', () => {
  for (const r of RESOURCES) {
    it(`${r.name}: a stale If-Match is a 412 with the stored record, and nothing is written`, async () => {
      const { path, as } = await r.create();
      const first = await read(path);
      expect(first.headers.get('etag')).toBe('"1"');
      const [a, b] = r.patches(1);
      const ok = await call('PATCH', path, { as, body: a, headers: { 'if-match': '"1"' } });
      expect(ok.status, JSON.stringify(ok.body)).toBe(200);
      expect(ok.headers.get('etag')).toBe('"2"');
      const stored = await read(path);
      const before = await counts();
      const stale = await call('PATCH', path, { as, body: b, headers: { 'if-match': '"1"' } });
      expect(stale.status).toBe(412);
      expect(stale.body.error.code).toBe('PRECONDITION_FAILED');
      expect(stale.body.error.message).toMatch(/modifié entre-temps/);
      expect(stale.body.error.current).toEqual(stored.body.session ?? stored.body);
      expect(stale.headers.get('etag')).toBe('"2"');
      expect(await counts()).toEqual(before);
      expect((await read(path)).body).toEqual(stored.body);
      // A weak tag never matches; a list holding the current version does; `*` is no condition.
      expect((await call('PATCH', path, { as, body: b, headers: { 'if-match': 'W/"2"' } })).status).toBe(412);
      const listed = await call('PATCH', path, { as, body: b, headers: { 'if-match': '"7", "2"' } });
      expect(listed.status).toBe(200);
      expect(listed.headers.get('etag')).toBe('"3"');
      expect((await call('PATCH', path, { as, body: a, headers: { 'if-match': '*' } })).status).toBe(200);
      const bad = await call('PATCH', path, { as, body: a, headers: { 'if-match': '3' } });
      expect(bad.status).toBe(400);
      expect(bad.body.error.issues[0].path).toBe('If-Match');
    });
  }
});

describe('ETag and If-Match on PUTs', () => {
  it('PUTs of an assessment and of the programme take If-Match too', async () => {
    const { territory, consultant } = await makeTerritory();
    const path = `/v1/territories/${territory.id}/assessment`;
    const text = (n: number) => ({ findings: `Constat ${n}.`, stakes: 'Enjeux.', recommendations: 'Reco.' });
    const v = (await read(`/v1/territories/${territory.id}`)).headers.get('etag')!;
    const put = await call('PUT', path, { as: consultant, body: text(1), headers: { 'if-match': v } });
    expect(put.status).toBe(200);
    expect(put.headers.get('etag')).not.toBe(v);
    const stale = await call('PUT', path, { as: consultant, body: text(2), headers: { 'if-match': v } });
    expect(stale.status).toBe(412);
    expect(stale.body.error.current.assessment.findings).toBe('Constat 1.');

    const programme = await read('/v1/programme');
    const tag = programme.headers.get('etag')!;
    const { assessment: _a, ...p } = programme.body;
    expect((await call('PUT', '/v1/programme', { body: p, headers: { 'if-match': tag } })).status).toBe(200);
    const again = await call('PUT', '/v1/programme', { body: p, headers: { 'if-match': tag } });
    expect(again.status).toBe(412);
    expect(again.body.error.current.id).toBe(p.id);
    const final = { finalCopilMinutes: 'COPIL final.', criticalView: 'Regard critique.' };
    const assessed = await call('PUT', '/v1/programme/assessment', {
      body: final,
      headers: { 'if-match': tag },
    });
    expect(assessed.status).toBe(412);
  });

  it('concurrent PUTs of one assessment: each audit line replaced what the one before wrote', async () => {
    const { territory, consultant } = await makeTerritory();
    const path = `/v1/territories/${territory.id}/assessment`;
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        call('PUT', path, {
          as: consultant,
          body: { findings: `Constat ${i}.`, stakes: 'Enjeux.', recommendations: 'Reco.' },
        }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    const lines = await auditOf('territory-assessment', territory.id);
    expect(lines).toHaveLength(20);
    expect(lines[0]!.before).toBeNull();
    for (let k = 1; k < lines.length; k++) expect(lines[k]!.before).toEqual(lines[k - 1]!.after);
  });
});

describe('an erasure racing a territory PATCH', () => {
  const contacts = (erased: string) => [
    { name: 'Camille Martin', role: 'Chargée de mobilité', email: erased, phone: '05 61 00 00 00' },
    { name: 'Lou Garcia', role: 'Directrice', email: 'lou@ville.example' },
  ];

  it('never brings an erased contact back, and the PATCH still lands (20 races)', async () => {
    for (let i = 0; i < 20; i++) {
      const erased = `${uid('camille')}@ville.example`;
      const { territory } = await makeTerritory({ contacts: contacts(erased) });
      const name = `Territoire ${uid('renamed')}`;
      const [patch, erase] = await Promise.all([
        call('PATCH', `/v1/territories/${territory.id}`, { body: { name } }),
        call('POST', `/v1/people/${encodeURIComponent(erased)}/erase`),
      ]);
      expect(patch.status, JSON.stringify(patch.body)).toBe(200);
      expect(erase.status).toBe(200);
      const { body } = await read(`/v1/territories/${territory.id}`);
      expect(body.name).toBe(name);
      expect(body.contacts.map((c: { email?: string }) => c.email)).toEqual(['lou@ville.example']);
    }
  });

  it('a PATCH of the contacts computed before the erasure is refused (412) or erased after (20 races)', async () => {
    for (let i = 0; i < 20; i++) {
      const erased = `${uid('camille')}@ville.example`;
      const { territory } = await makeTerritory({ contacts: contacts(erased) });
      const seen = await read(`/v1/territories/${territory.id}`);
      const added = { name: 'Noa Petit', role: 'Élue' };
      const [patch] = await Promise.all([
        call('PATCH', `/v1/territories/${territory.id}`, {
          body: { contacts: [...seen.body.contacts, added] },
          headers: { 'if-match': seen.headers.get('etag')! },
        }),
        call('POST', `/v1/people/${encodeURIComponent(erased)}/erase`),
      ]);
      expect([200, 412]).toContain(patch.status);
      const { body } = await read(`/v1/territories/${territory.id}`);
      const names = body.contacts.map((c: { name: string }) => c.name);
      expect(names).not.toContain('Camille Martin');
      expect(names.includes('Noa Petit')).toBe(patch.status === 200);
    }
  });
});
