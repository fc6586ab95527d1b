import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { session } from './bodies';
import { call, makePartner, makeTerritory } from './helpers';

const live = async (sql: string, ...args: unknown[]) =>
  (
    await env.DB.prepare(sql)
      .bind(...args)
      .first<{ n: number }>()
  )?.n ?? -1;

describe('check and insert are one atomic step — sessions', () => {
  it('20 concurrent creates racing for the last 2 collective supports: exactly 2 succeed', async () => {
    const { territory, consultant } = await makeTerritory();
    const body = { kind: 'collective-support', territoryId: territory.id, durationMinutes: 120 };
    for (let i = 0; i < 3; i++)
      expect((await call('POST', '/v1/sessions', { as: consultant, body: session(body) })).status).toBe(201);
    const results = await Promise.all(
      Array.from({ length: 20 }, () => call('POST', '/v1/sessions', { as: consultant, body: session(body) })),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(2);
    expect(statuses.filter((s) => s === 409)).toHaveLength(18);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.error.code === 'QUOTA_EXCEEDED')).toBe(
      true,
    );
    const stored = await live(
      "SELECT COUNT(*) AS n FROM sessions WHERE territory_id = ? AND kind = 'collective-support' AND deleted_at IS NULL",
      territory.id,
    );
    expect(stored).toBe(5);
    const audited = await live(
      "SELECT COUNT(*) AS n FROM audit a JOIN sessions s ON s.id = a.entity_id WHERE a.entity = 'session' AND s.territory_id = ?",
      territory.id,
    );
    expect(audited).toBe(5);
  });

  it('20 concurrent diagnostic minutes never overshoot the 1,680-minute budget', async () => {
    const { territory, consultant } = await makeTerritory();
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        call('POST', '/v1/sessions', {
          as: consultant,
          body: session({ kind: 'diagnostic', territoryId: territory.id, durationMinutes: 400 }),
        }),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(4);
    const minutes = await live(
      "SELECT SUM(duration_minutes) AS n FROM sessions WHERE territory_id = ? AND kind = 'diagnostic'",
      territory.id,
    );
    expect(minutes).toBe(1600);
  });
});

describe('check and insert are one atomic step — partners', () => {
  it('concurrent partner creations never give a territory a 4th partner', async () => {
    const { territory } = await makeTerritory();
    await makePartner(territory.id);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        call('POST', `/v1/territories/${territory.id}/partners`, {
          body: {
            name: `Candidat ${i}`,
            kind: 'company',
            useCase: { category: 'commute', description: 'Essai.' },
          },
        }),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(2);
    expect(await live('SELECT COUNT(*) AS n FROM partners WHERE territory_id = ?', territory.id)).toBe(3);
  });
});
