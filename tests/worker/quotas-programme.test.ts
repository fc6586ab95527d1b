import { describe, expect, it } from 'vitest';
import { session } from './bodies';
import { call, counts, makeTerritory, roomForTerritories } from './helpers';

const OVERRIDE = { reason: 'Événement supplémentaire demandé par la Région.' };

// Programme-wide quotas: this file's storage is its own, so each count starts from zero.
const PROGRAMME_QUOTAS: [kind: string, limit: number][] = [
  ['ademe-kickoff', 1],
  ['team-building', 1],
  ['virtual-event', 1],
  ['closing-event', 1],
  ['copil', 3],
];

describe('programme quotas — counts and the ADEME monthly meeting', () => {
  for (const [kind, limit] of PROGRAMME_QUOTAS) {
    it(`${kind}: ${limit}, then 409; an admin override is accepted as exceeded`, async () => {
      for (let i = 0; i < limit; i++) {
        const res = await call('POST', '/v1/sessions', { body: session({ kind, date: '2025-06-10' }) });
        expect(res.status, JSON.stringify(res.body)).toBe(201);
      }
      const before = await counts();
      const refused = await call('POST', '/v1/sessions', { body: session({ kind, date: '2025-06-11' }) });
      expect(refused.status).toBe(409);
      expect(refused.body.error).toMatchObject({
        code: 'QUOTA_EXCEEDED',
        quota: { key: kind, scope: 'programme', used: limit, limit, status: 'reached' },
      });
      expect(refused.body.error.message).toMatch(/^Quota dépassé/);
      expect(await counts()).toEqual(before);
      const forced = await call('POST', '/v1/sessions', {
        body: session({ kind, date: '2025-06-11', override: OVERRIDE }),
      });
      expect(forced.status).toBe(201);
      expect(forced.body.quota).toMatchObject({ used: limit + 1, status: 'exceeded' });
    });
  }

  it('ADEME monthly meeting: one per calendar month, at most 60 minutes', async () => {
    const body = { kind: 'ademe-monthly', durationMinutes: 45 };
    const first = await call('POST', '/v1/sessions', { body: session({ ...body, date: '2025-03-04' }) });
    expect(first.status).toBe(201);
    expect(first.body.quota).toMatchObject({ key: 'ademe-monthly', subjectId: '2025-03', used: 1, limit: 1 });
    const sameMonth = await call('POST', '/v1/sessions', { body: session({ ...body, date: '2025-03-28' }) });
    expect(sameMonth.status).toBe(409);
    expect(sameMonth.body.error.quota.subjectId).toBe('2025-03');
    const nextMonth = await call('POST', '/v1/sessions', { body: session({ ...body, date: '2025-04-01' }) });
    expect(nextMonth.status).toBe(201);
    const tooLong = await call('POST', '/v1/sessions', {
      body: session({ ...body, date: '2025-05-06', durationMinutes: 75 }),
    });
    expect(tooLong.status).toBe(409);
    expect(tooLong.body.error.message).toMatch(/60\u00a0min au plus/);
    const quotas = await call('GET', '/v1/quotas');
    const monthly = quotas.body.programme.filter((q: { key: string }) => q.key === 'ademe-monthly');
    expect(monthly.map((q: { subjectId: string }) => q.subjectId)).toEqual(['2025-03', '2025-04']);
  });
});

describe('programme quotas — workshops', () => {
  it('workshops: 4 in all, each host territory once', async () => {
    await roomForTerritories(5);
    const hosts = [];
    for (let i = 0; i < 5; i++) hosts.push(await makeTerritory());
    const [h1, h2, h3, h4, h5] = hosts as [
      Awaited<ReturnType<typeof makeTerritory>>,
      ...Awaited<ReturnType<typeof makeTerritory>>[],
    ];
    const post = (h: { territory: { id: string }; consultant: string }, extra: object = {}) =>
      call('POST', '/v1/sessions', {
        as: h.consultant,
        body: session({
          kind: 'workshop',
          territoryId: h.territory.id,
          durationMinutes: 210,
          date: '2025-06-03',
          ...extra,
        }),
      });
    expect((await post(h1)).status).toBe(201);
    const noHost = await call('POST', '/v1/sessions', { body: session({ kind: 'workshop' }) });
    expect(noHost.status).toBe(400);
    expect(noHost.body.error.issues[0].path).toBe('territoryId');
    const again = await post(h1);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/a déjà accueilli un atelier collectif/);
    for (const h of [h2, h3, h4]) expect((await post(h!)).status).toBe(201);
    const fifth = await post(h5!);
    expect(fifth.status).toBe(409);
    expect(fifth.body.error.quota).toMatchObject({ key: 'workshop', used: 4, limit: 4, status: 'reached' });
    const forced = await call('POST', '/v1/sessions', {
      body: session({ kind: 'workshop', territoryId: h5!.territory.id, override: OVERRIDE }),
    });
    expect(forced.status).toBe(201);
    expect(forced.body.quota.status).toBe('exceeded');
  });
});

describe('programme quotas — checked against the programme as it is now', () => {
  it('a session is checked against the programme as it is now, changed a moment before or not', async () => {
    // The write path assumes the programme it last saw and its insert is conditional on that
    // version: each change below must be seen by the very next session.
    const { body: current } = await call('GET', '/v1/programme');
    const { assessment: _a, ...p } = current;
    const change = async (over: Record<string, unknown>) =>
      expect((await call('PUT', '/v1/programme', { body: { ...p, ...over } })).status).toBe(200);
    const log = (date: string) => call('POST', '/v1/sessions', { body: session({ kind: 'copil', date }) });
    const roomy = { ...p.quotas, copilTotal: 100 };
    await change({ endDate: '2025-12-31', quotas: roomy });
    expect((await log('2026-03-03')).status).toBe(400);
    await change({ endDate: '2026-06-30', quotas: roomy });
    expect((await log('2026-03-03')).status).toBe(201);
    // Concurrent sessions right after a change: each assumed the old programme, each is tried
    // again with the new one, none is refused for a reason that does not hold.
    await change({ endDate: '2026-06-29', quotas: roomy });
    const burst = await Promise.all(
      Array.from({ length: 20 }, (_, i) => log(`2025-09-${String(i + 1).padStart(2, '0')}`)),
    );
    expect(burst.map((r) => r.status)).toEqual(Array(20).fill(201));
    await change({ quotas: { ...p.quotas, copilTotal: 0 } });
    const refused = await log('2026-03-04');
    expect(refused.status).toBe(409);
    expect(refused.body.error.quota).toMatchObject({ key: 'copil', limit: 0 });
    await change({});
  });
});
