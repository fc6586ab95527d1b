import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { frTypo } from '../../shared/i18n/typography';
import { call, makeTerritory } from './helpers';
import { checkAsOf } from './nightly-support';

const runs = async () =>
  (await env.DB.prepare('SELECT COUNT(*) AS n FROM check_runs').first<{ n: number }>())?.n ?? 0;

describe('GET /v1/alerts', () => {
  it('lists no alert and no last run before any check', async () => {
    const res = await call('GET', '/v1/alerts');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ alerts: [], lastRun: null });
  });

  it('lets any member read the alerts, with the contract’s fields and the last run', async () => {
    const { territory, consultant } = await makeTerritory({ name: 'Pays de la Vallée de la Dordogne' });
    const viewer = 'lecteur@ademe.example';
    await call('POST', '/v1/members', { body: { email: viewer, role: 'viewer' } });
    await checkAsOf('2025-05-05');
    for (const as of [viewer, consultant]) {
      const res = await call('GET', '/v1/alerts?status=open', { as });
      expect(res.status).toBe(200);
      const alert = res.body.alerts.find(
        (a: { rule: string; subjectId: string }) =>
          a.rule === 'interview-missing' && a.subjectId === territory.id,
      );
      expect(alert).toEqual({
        id: expect.any(String),
        rule: 'interview-missing',
        ruleLabel: 'Entretien individuel manquant',
        severity: 'warning',
        subjectType: 'territory',
        subjectId: territory.id,
        subjectLabel: 'Territoire « Pays de la Vallée de la Dordogne »',
        message: expect.stringContaining('aucun entretien individuel tenu au 5\u00A0mai\u00A02025'),
        firstSeenAt: expect.any(String),
        lastSeenAt: expect.any(String),
        resolvedAt: null,
      });
      expect(res.body.lastRun).toMatchObject({
        startedAt: expect.any(String),
        finishedAt: expect.any(String),
        ok: true,
        checked: { territories: 1, partners: 0, sessions: 0, blockers: 0, actions: 0 },
        trigger: 'manual',
        asOf: '2025-05-05',
      });
    }
  });

  it('orders open alerts from the most severe', async () => {
    const res = await call('GET', '/v1/alerts');
    const rank = { critical: 0, warning: 1, info: 2 } as Record<string, number>;
    const ranks = res.body.alerts.map((a: { severity: string }) => rank[a.severity]);
    expect(ranks.length).toBeGreaterThan(0);
    expect(ranks).toEqual([...ranks].sort());
  });
});

describe('POST /v1/checks/run, and refused alert queries', () => {
  it('refuses an unknown status or limit in French', async () => {
    const bad = await call('GET', '/v1/alerts?status=closed');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      issues: [{ path: 'status', message: frTypo('Statut d’alerte inconnu : open, resolved ou all.') }],
    });
    expect((await call('GET', '/v1/alerts?limit=0')).status).toBe(400);
  });

  it('runs the check now for an admin only, and records nothing for others', async () => {
    const { consultant } = await makeTerritory();
    const before = await runs();
    for (const as of [consultant, 'lecteur@ademe.example']) {
      const res = await call('POST', '/v1/checks/run', { as, body: { asOf: '2025-05-05' } });
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(/administrateurs ADEME|lecteur/);
    }
    expect(await runs()).toBe(before);
  });

  it('refuses a bad date, unknown fields or malformed JSON without running', async () => {
    const before = await runs();
    const badDate = await call('POST', '/v1/checks/run', { body: { asOf: '2025-13-45' } });
    expect(badDate.status).toBe(400);
    expect(badDate.body.error.issues[0].path).toBe('asOf');
    expect((await call('POST', '/v1/checks/run', { body: { asOf: '2025-05-05', force: true } })).status).toBe(
      400,
    );
    const malformed = await call('POST', '/v1/checks/run', {
      raw: '{"asOf":',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.message).toBe('Le corps de la requête n’est pas un JSON valide.');
    expect(await runs()).toBe(before);
  });

  it('without a date, checks as of today in Paris', async () => {
    const res = await call('POST', '/v1/checks/run');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const paris = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' })
      .format(new Date())
      .slice(0, 10);
    expect(res.body.run.asOf).toBe(paris);
    expect(res.body.run).toMatchObject({ ok: true, trigger: 'manual', error: null });
  });
});
