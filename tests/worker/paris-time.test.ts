// Paris time in the worker and in its documents, under fixed clocks at 21:30, 22:30 and 23:30
// UTC in summer and in winter (tests/worker/clocks.ts): "today" is the Paris day — for the
// nightly check (real or simulated), a document's « Généré le » and its as-of date — and an
// instant recorded then falls in that Paris day of the audit. Only Date is faked: D1 and the
// request's own timers run as usual.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { frDate } from '../../shared/i18n/typography';
import { runNightlyCheck } from '../../worker/nightly/check';
import { session } from './bodies';
import { CLOCKS } from './clocks';
import { call, makeTerritory } from './helpers';
import { workerEnv } from './nightly-support';

const at = (instant: string) => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(instant));
};
afterEach(() => {
  vi.useRealTimers();
});

describe.each(CLOCKS)('at $label', (clock) => {
  it('checks as of the Paris day: that day is the real check, the UTC day before it a simulation', async () => {
    at(clock.at);
    const real = await call('POST', '/v1/checks/run', { body: { asOf: clock.paris } });
    expect(real.status, JSON.stringify(real.body)).toBe(200);
    expect(real.body.run).toMatchObject({ asOf: clock.paris, ok: true });
    expect(real.body.run.simulated).toBeUndefined();
    const utcDay = clock.at.slice(0, 10);
    const other = await call('POST', '/v1/checks/run', { body: { asOf: utcDay } });
    expect(other.body.run.simulated === true).toBe(utcDay !== clock.paris);
    const cron = await runNightlyCheck(workerEnv, { trigger: 'cron', at: new Date(clock.at) });
    expect(cron.asOf).toBe(clock.paris);
  });

  it('dates a document by the Paris day it is generated on', async () => {
    at(clock.at);
    const { territory } = await makeTerritory();
    const doc = await call('POST', '/v1/documents', {
      body: { type: 'territory-summary', territoryId: territory.id },
    });
    expect(doc.status, JSON.stringify(doc.body)).toBe(201);
    expect(doc.body.createdAt).toBe(clock.at);
    const html = (await call('GET', `/v1/documents/${doc.body.id}/html`)).body as string;
    const day = frDate(clock.paris);
    expect(html).toContain(`Généré le</th>`);
    expect(html.match(new RegExp(day, 'g'))?.length ?? 0).toBeGreaterThanOrEqual(2);
    const utcDay = frDate(clock.at.slice(0, 10));
    if (utcDay !== day) expect(html).not.toContain(utcDay);
  });

  it('finds what was written then in the audit of that Paris day', async () => {
    at(clock.at);
    const { territory, consultant } = await makeTerritory();
    const logged = await call('POST', '/v1/sessions', {
      as: consultant,
      body: session({ territoryId: territory.id, durationMinutes: 30 }),
    });
    expect(logged.status).toBe(201);
    const id = logged.body.session.id;
    const audit = (from: string, to: string) =>
      call('GET', `/v1/audit?entity=session&entityId=${id}&from=${from}&to=${to}`);
    expect((await audit(clock.paris, clock.paris)).body.entries).toHaveLength(1);
    const dayAfter = new Date(Date.parse(`${clock.paris}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    expect((await audit(dayAfter, dayAfter)).body.entries).toHaveLength(0);
  });
});
