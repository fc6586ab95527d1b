// POST /v1/checks/run with another date than today is a simulation: it answers the alerts
// open as of that date and stores nothing (no alert, no run, no tab, no e-mail).
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { zonedDate } from '../../shared/dates';
import { app } from '../../worker/app';
import { ADMIN, call, makePartner, makeTerritory } from './helpers';
import { checkAsOf } from './nightly-support';
import { plain } from './plain';

/** GET /v1/alerts as bytes, to compare before and after. */
const alertsText = async () =>
  (await app.request('/v1/alerts?status=all&limit=5000', { headers: { 'x-dev-user': ADMIN } }, env)).text();

const tables = async () => ({
  alerts: (await env.DB.prepare('SELECT * FROM alerts ORDER BY id').all()).results,
  runs: (await env.DB.prepare('SELECT * FROM check_runs ORDER BY id').all()).results,
});

const simulate = (asOf: string) => call('POST', '/v1/checks/run', { body: { asOf } });

describe('simulations of the nightly check', () => {
  it('answer the alerts as of their date and leave GET /v1/alerts byte-identical', async () => {
    const { territory } = await makeTerritory({ name: 'Grand Albigeois' });
    await makePartner(territory.id);
    await checkAsOf('2025-05-05');
    const before = await alertsText();
    const stored = await tables();

    const res = await simulate('2025-11-20');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.run).toMatchObject({
      asOf: '2025-11-20',
      simulated: true,
      ok: true,
      trigger: 'manual',
      requestedBy: ADMIN,
      checked: { territories: 1, partners: 1 },
    });
    expect(res.body.run.alerts.open).toBe(res.body.alerts.length);
    const interview = res.body.alerts.find(
      (a: { rule: string; subjectId: string }) =>
        a.rule === 'interview-missing' && a.subjectId === territory.id,
    );
    expect(interview).toMatchObject({
      ruleLabel: 'Entretien individuel manquant',
      severity: 'warning',
      subjectLabel: 'Territoire « Grand Albigeois »',
      message: expect.stringContaining('au 20\u00A0novembre\u00A02025'),
      // Open in the live record since the stored run.
      firstSeenAt: expect.any(String),
    });
    expect(res.body.alerts.some((a: { rule: string }) => a.rule === 'partner-support-missing')).toBe(true);

    expect(await alertsText()).toBe(before);
    expect(await tables()).toEqual(stored);
  });
});

describe('simulations of the nightly check — agreement with the real check, and their bounds', () => {
  it('find what the real check finds on that day', async () => {
    const { territory } = await makeTerritory();
    await makePartner(territory.id);
    const simulated = (await simulate('2026-01-15')).body.alerts;
    await checkAsOf('2026-01-15');
    const real = (await call('GET', '/v1/alerts?limit=5000')).body.alerts;
    const key = (a: { rule: string; subjectId: string; message: string; severity: string }) =>
      `${a.rule}|${a.subjectId}|${a.severity}|${a.message}`;
    expect(simulated.map(key)).toEqual(real.map(key));
    expect(simulated.length).toBeGreaterThan(0);
  });

  it('stay within the programme start − 1 year … end + 2 years; 400 otherwise, nothing stored', async () => {
    const stored = await tables();
    for (const asOf of ['0000-01-01', '9999-12-31', '2024-01-31', '2028-07-01']) {
      const res = await simulate(asOf);
      expect(res.status, asOf).toBe(400);
      expect(res.body.error.issues[0].path).toBe('asOf');
      expect(plain(res.body.error.message)).toBe(
        'Date de simulation hors du programme : choisissez-la entre le 1er février 2024 et le 30 juin 2028.',
      );
    }
    for (const asOf of ['2024-02-01', '2028-06-30']) expect((await simulate(asOf)).status, asOf).toBe(200);
    expect(await tables()).toEqual(stored);
  });

  it('with today’s Paris date, the real check runs and is stored', async () => {
    const runs = (await tables()).runs.length;
    const today = zonedDate(new Date(), 'Europe/Paris');
    const res = await simulate(today);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.run).toMatchObject({ asOf: today, ok: true, id: expect.any(String) });
    expect(res.body.run.simulated).toBeUndefined();
    expect((await tables()).runs).toHaveLength(runs + 1);
  });
});
