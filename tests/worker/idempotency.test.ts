import { describe, expect, it } from 'vitest';
import { action, blocker, indicator, session, workshop } from './bodies';
import { call, counts, makeTerritory, makeTerritoryWithPartner, uid } from './helpers';
import { plain } from './plain';

describe('idempotent creates — replays', () => {
  it('5 replays of one session create one row and answer 200 with the stored session', async () => {
    const { territory, consultant } = await makeTerritory();
    const id = crypto.randomUUID();
    const body = session({ id, territoryId: territory.id });
    const first = await call('POST', '/v1/sessions', { as: consultant, body });
    expect(first.status).toBe(201);
    const before = await counts();
    for (let i = 0; i < 5; i++) {
      const replay = await call('POST', '/v1/sessions', { as: consultant, body: { ...body } });
      expect(replay.status).toBe(200);
      expect(replay.body.session).toEqual(first.body.session);
      expect(replay.body.quota.used).toBe(120);
    }
    expect(await counts()).toEqual(before);
  });

  it('answers a replay only to a caller allowed to make the create: a consultant of another territory gets 403', async () => {
    const a = await makeTerritory();
    const b = await makeTerritory();
    const body = session({ id: crypto.randomUUID(), territoryId: a.territory.id });
    expect((await call('POST', '/v1/sessions', { as: a.consultant, body })).status).toBe(201);
    const before = await counts();
    const replay = await call('POST', '/v1/sessions', { as: b.consultant, body });
    expect(replay.status).toBe(403);
    expect(replay.body.error.code).toBe('FORBIDDEN');
    expect(plain(replay.body.error.message)).toBe(
      `Vous n’êtes pas consultant du territoire « ${a.territory.name} ».`,
    );
    expect(await counts()).toEqual(before);
    // Its author and an admin still get the stored session.
    expect((await call('POST', '/v1/sessions', { as: a.consultant, body })).status).toBe(200);
    expect((await call('POST', '/v1/sessions', { body })).status).toBe(200);
  });

  it('5 concurrent replays still make one row', async () => {
    const { territory, consultant } = await makeTerritory();
    const body = session({ id: crypto.randomUUID(), territoryId: territory.id });
    const results = await Promise.all(
      Array.from({ length: 5 }, () => call('POST', '/v1/sessions', { as: consultant, body })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 201]);
    const list = await call('GET', `/v1/sessions?territoryId=${territory.id}`);
    expect(list.body.sessions).toHaveLength(1);
  });
});

describe('idempotent creates — the same id with another body', () => {
  it('the same id with another body is a 409 IDEMPOTENCY_CONFLICT and changes nothing', async () => {
    const { territory, consultant } = await makeTerritory();
    const id = crypto.randomUUID();
    expect(
      (
        await call('POST', '/v1/sessions', {
          as: consultant,
          body: session({ id, territoryId: territory.id }),
        })
      ).status,
    ).toBe(201);
    const before = await counts();
    const res = await call('POST', '/v1/sessions', {
      as: consultant,
      body: session({ id, territoryId: territory.id, durationMinutes: 60 }),
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('IDEMPOTENCY_CONFLICT');
    // The user is told what is stored under that id: the session as first logged.
    expect(plain(res.body.error.message)).toBe(
      'Cette séance a déjà été enregistrée (10/03/2025, 120 min, Diagnostic et accompagnement) avec un autre contenu : ' +
        'rechargez le journal pour la voir, puis corrigez-la si besoin.',
    );
    expect(res.body.error.current).toMatchObject({
      id,
      durationMinutes: 120,
      date: '2025-03-10',
      version: 1,
    });
    expect(await counts()).toEqual(before);
  });
});

describe('idempotent creates — every resource', () => {
  it('territories, partners, blockers, indicators, workshops and actions replay the same way', async () => {
    const { territory, consultant, partner } = await makeTerritoryWithPartner();
    // [path, body, a field that makes it another body]
    const cases: [string, Record<string, unknown>, Record<string, unknown>][] = [
      [
        `/v1/territories/${territory.id}/partners`,
        { name: 'Rejoué', kind: 'care', useCase: { category: 'regular-rounds', description: 'Tournées.' } },
        { name: 'Autre' },
      ],
      ['/v1/blockers', blocker({ territoryId: territory.id }), { title: 'Autre' }],
      ['/v1/indicators', indicator({ territoryId: territory.id, value: 12 }), { value: 13 }],
      ['/v1/actions', action({ partnerId: partner.id }), { title: 'Autre' }],
      ['/v1/workshops', workshop({ hostTerritoryId: territory.id, participants: 12 }), { participants: 13 }],
    ];
    for (const [path, body, change] of cases) {
      const id = uid('x');
      const first = await call('POST', path, { as: consultant, body: { id, ...body } });
      expect(first.status, `${path} ${JSON.stringify(first.body)}`).toBe(201);
      const before = await counts();
      const replay = await call('POST', path, { as: consultant, body: { id, ...body } });
      expect(replay.status, path).toBe(200);
      expect(replay.body).toEqual(first.body);
      expect(await counts()).toEqual(before);
      const conflict = await call('POST', path, { as: consultant, body: { id, ...body, ...change } });
      expect(conflict.status, path).toBe(409);
      expect(conflict.body.error.code, path).toBe('IDEMPOTENCY_CONFLICT');
      // What is stored under that id, as its route answers it.
      expect(conflict.body.error.current, path).toEqual(first.body);
    }
    const tId = uid('t');
    const tBody = { id: tId, name: 'Rejouable', legalForm: 'cc', centralCityInsee: '46102', consultants: [] };
    expect((await call('POST', '/v1/territories', { body: tBody })).status).toBe(201);
    expect((await call('POST', '/v1/territories', { body: tBody })).status).toBe(200);
    expect(
      (await call('POST', '/v1/territories', { body: { ...tBody, name: 'Autre' } })).body.error.code,
    ).toBe('IDEMPOTENCY_CONFLICT');
  });
});
