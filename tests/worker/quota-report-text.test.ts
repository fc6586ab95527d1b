// GET /v1/quotas writes its JSON text directly (worker/quotas/report-text.ts) from per-subject
// reads: its answer must be the report the shared rules compute from the sessions themselves.
import { describe, expect, it } from 'vitest';
import { buildQuotaReport, usageFromSessions } from '../../shared/quotas/rules';
import { session } from './bodies';
import { call, makePartner, makeTerritory, programme, putProgramme } from './helpers';

/** Names JSON must escape, and a name SQLite and JavaScript order alike. */
const NAMES = ['Pays « Cœur d’Hérault » \\ "Sud"', 'Agglo\ttab </script>', 'Zébulon\u2028ligne'];

/** The route's order: by the given keys, compared as SQLite's BINARY collation does for these names. */
const by =
  <T extends Record<string, string>>(...keys: (keyof T)[]) =>
  (a: T, b: T) => {
    for (const k of keys) if (a[k] !== b[k]) return (a[k] ?? '') < (b[k] ?? '') ? -1 : 1;
    return 0;
  };

describe('GET /v1/quotas written as text', () => {
  it('answers exactly the report the shared rules compute from the logged sessions', async () => {
    await putProgramme({ ...(await programme()), warnAtRatio: 0.2 });
    const territories = [];
    for (const name of NAMES) territories.push((await makeTerritory({ name })).territory);
    const [a, b] = territories;
    const partner = await makePartner(a.id, { name: 'Vélo "Cargo" \\ Services' });
    await makePartner(b.id, { name: 'Ateliers\nsolidaires' });
    const logged = [
      session({ territoryId: a.id, durationMinutes: 420 }),
      session({ territoryId: a.id, kind: 'collective-support', durationMinutes: 120 }),
      session({ territoryId: b.id, kind: 'territory-interview', durationMinutes: 60 }),
      session({ territoryId: a.id, partnerId: partner.id, kind: 'partner-support', durationMinutes: 90 }),
      session({ kind: 'ademe-monthly', date: '2025-04-02', durationMinutes: 60 }),
      session({ kind: 'copil', date: '2025-05-12', durationMinutes: 120 }),
    ];
    for (const body of logged) expect((await call('POST', '/v1/sessions', { body })).status).toBe(201);

    const res = await call('GET', '/v1/quotas');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');

    const p = (await call('GET', '/v1/programme')).body;
    const ts = (await call('GET', '/v1/territories')).body.territories.sort(by('name', 'id'));
    const partners = [];
    for (const t of ts)
      partners.push(...(await call('GET', `/v1/territories/${t.id}/partners`)).body.partners);
    partners.sort(by('territoryId', 'name', 'id'));
    const sessions = (await call('GET', '/v1/sessions')).body.sessions;
    const expected = buildQuotaReport(p, ts, partners, usageFromSessions(sessions));
    expect(res.body).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(res.body.territories.map((t: { name: string }) => t.name)).toEqual([...NAMES].sort());
    expect(res.body.territories[0].quotas.some((q: { status: string }) => q.status !== 'ok')).toBe(true);
  });
});
