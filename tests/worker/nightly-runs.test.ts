import {
  createExecutionContext,
  createScheduledController,
  env,
  waitOnExecutionContext,
} from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker from '../../worker/index';
import { call, makePartner, makeTerritory } from './helpers';
import { checkAsOf, logSession, openFor, runCheck, workerEnv } from './nightly-support';

const alertRows = async () =>
  (await env.DB.prepare('SELECT * FROM alerts ORDER BY id').all<Record<string, unknown>>()).results;

describe('runs of the nightly check — alerts across runs', () => {
  it('running twice on one day gives the same alerts, with no duplicate', async () => {
    const { territory } = await makeTerritory();
    await makePartner(territory.id);
    const first = await checkAsOf('2025-10-10');
    expect(first.alerts.open).toBeGreaterThan(0);
    const before = await alertRows();

    const second = await checkAsOf('2025-10-10');
    const after = await alertRows();
    expect(second.alerts).toEqual({ open: first.alerts.open, opened: 0, resolved: 0 });
    expect(after.map((a) => [a.id, a.key, a.message, a.first_seen_at, a.resolved_at])).toEqual(
      before.map((a) => [a.id, a.key, a.message, a.first_seen_at, a.resolved_at]),
    );
    // Only the last sighting moves.
    expect(
      after.every((a) => String(a.last_seen_at) >= String(before.find((b) => b.id === a.id)?.last_seen_at)),
    ).toBe(true);
    const dupes = await env.DB.prepare(
      'SELECT key, COUNT(*) AS n FROM alerts WHERE resolved_at IS NULL GROUP BY key HAVING n > 1',
    ).all();
    expect(dupes.results).toEqual([]);
  });

  it('a condition that clears and comes back opens a new alert, keeping the resolved one as history', async () => {
    const { territory } = await makeTerritory();
    await checkAsOf('2025-05-05');
    const [first] = await openFor('interview-missing', territory.id);
    await checkAsOf('2025-04-20');
    expect(await openFor('interview-missing', territory.id)).toEqual([]);
    await checkAsOf('2025-05-05');
    const [again] = await openFor('interview-missing', territory.id);
    expect(again?.id).not.toBe(first?.id);
    const history = await call(
      'GET',
      `/v1/alerts?status=resolved&rule=interview-missing&subjectId=${territory.id}`,
    );
    expect(history.body.alerts).toHaveLength(1);
    expect(history.body.alerts[0]).toMatchObject({ id: first?.id });
    expect(history.body.alerts[0].resolvedAt).toEqual(expect.any(String));
  });
});

describe('runs of the nightly check — statement count', () => {
  it('costs the same number of SQL statements whatever the number of territories, and records it', async () => {
    const small = await checkAsOf('2025-11-02');
    for (let i = 0; i < 4; i++) {
      const { territory } = await makeTerritory();
      const partner = await makePartner(territory.id);
      await logSession({
        kind: 'diagnostic',
        territoryId: territory.id,
        date: '2025-03-03',
        durationMinutes: 400,
      });
      await logSession({
        kind: 'partner-support',
        partnerId: partner.id,
        date: '2025-10-03',
        durationMinutes: 90,
      });
    }
    const large = await checkAsOf('2025-11-02');
    expect(large.checked.territories).toBe(small.checked.territories + 4);
    expect(large.checked.partners).toBe(small.checked.partners + 4);
    expect(large.statements).toBe(small.statements);
    expect(large.statements).toBeLessThanOrEqual(20);
    const lastRun = (await call('GET', '/v1/alerts')).body.lastRun;
    expect(lastRun).toMatchObject({
      id: large.id,
      ok: true,
      statements: large.statements,
      asOf: '2025-11-02',
    });
  });
});

describe('runs of the nightly check — failed runs', () => {
  it('a run that fails inside the alert batch is recorded, and changes no alert', async () => {
    const { territory: kept } = await makeTerritory();
    await checkAsOf('2025-05-05');
    const [open] = await openFor('interview-missing', kept.id);
    expect(open).toBeDefined();

    // Two changes the failed run would have written: one alert to resolve, one to raise.
    await logSession({ kind: 'territory-interview', territoryId: kept.id, date: '2025-05-01' });
    const { territory: fresh } = await makeTerritory();
    const before = await alertRows();

    const failed = await runCheck('2025-05-05', {}, { failInsideAlertBatch: true });
    expect(failed).toMatchObject({ ok: false, asOf: '2025-05-05', alerts: null });
    expect(failed.error).toMatch(
      /^Contrôle interrompu : les alertes existantes sont conservées telles quelles\./,
    );
    expect(failed.finishedAt).toEqual(expect.any(String));
    expect(await alertRows()).toEqual(before);
    const listed = await call('GET', '/v1/alerts');
    expect(listed.body.lastRun).toMatchObject({ id: failed.id, ok: false, error: failed.error });

    // The next good run catches up.
    await checkAsOf('2025-05-05');
    expect(await openFor('interview-missing', kept.id)).toEqual([]);
    expect(await openFor('interview-missing', fresh.id)).toHaveLength(1);
  });

  it('a run that fails on corrupt data is recorded and keeps the alerts', async () => {
    await checkAsOf('2025-05-05');
    const before = await alertRows();
    // No programme was stored in this file: the one row read is this corrupt one, so the run
    // dies reading it, after recording itself.
    await env.DB.prepare(
      "INSERT INTO programme (id, data, updated_at, updated_by) VALUES ('broken', '{not json', 'x', 'x')",
    ).run();
    try {
      // The real check (no date: today's), which is the one that records itself.
      const res = await call('POST', '/v1/checks/run');
      expect(res.status).toBe(500);
      expect(res.body.error.code).toBe('INTERNAL');
      expect(res.body.error.message).toMatch(/^Contrôle interrompu/);
      expect(res.body.error.run).toMatchObject({ ok: false, trigger: 'manual' });
      expect(await alertRows()).toEqual(before);
    } finally {
      await env.DB.prepare("DELETE FROM programme WHERE id = 'broken'").run();
    }
  });
});

describe('runs of the nightly check — the cron trigger', () => {
  it('the cron trigger runs the check with the Paris date of its scheduled time', async () => {
    // 23:30 UTC on 4 May 2025 is 01:30 on 5 May in Paris (summer time).
    const controller = createScheduledController({
      scheduledTime: Date.UTC(2025, 4, 4, 23, 30),
      cron: '30 1 * * *',
    });
    const ctx = createExecutionContext();
    await worker.scheduled(controller, workerEnv, ctx);
    await waitOnExecutionContext(ctx);
    const lastRun = (await call('GET', '/v1/alerts')).body.lastRun;
    expect(lastRun).toMatchObject({ trigger: 'cron', asOf: '2025-05-05', ok: true });
    expect(lastRun.finishedAt >= lastRun.startedAt).toBe(true);
  });
});
