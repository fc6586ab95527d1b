// The consultant's reminders in « Quotas et alertes », over the harness against a real local
// worker: the same list the nightly e-mail sends, in the one request the screen makes, and the
// choice of receiving it by e-mail saved with PUT /v1/me.
import { describe, expect, it } from 'vitest';
import type { Result } from '../../addon/api';
import type { quotasAndAlerts } from '../../addon/resync';
import { consultantWithTerritory, useAddonWorker } from './fixtures';

const CLAIRE = 'claire.rappels@amo.example';
const env = useAddonWorker({ consultants: [CLAIRE] });
type Loaded = ReturnType<typeof quotasAndAlerts>;

describe('my reminders in Quotas et alertes', () => {
  it('shows what is due from the consultant, in the screen’s one request, and saves the e-mail choice', async () => {
    const w = await consultantWithTerritory(env, CLAIRE, { name: 'Pays Cœur d’Hérault', insee: '34142' });
    const [t, claire] = [w.territory, w.addon];
    const put = await env.worker.api(CLAIRE)('PUT', `/v1/territories/${t.id}/assessment`, {
      findings: 'Constat.',
      stakes: 'Enjeux.',
      recommendations: 'Recommandations.',
    });
    expect(put.status).toBe(200);
    claire.fakes.fetchLog.length = 0;
    const loaded = claire.run('loadQuotasAndAlerts') as Loaded;
    expect(claire.fakes.fetchLog.map((f) => f.url.replace(env.url, ''))).toEqual([
      '/v1/snapshot?parts=quotas,alerts,reminders',
    ]);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded));
    expect(loaded.data.reminders?.preferences).toEqual({ reminders: true });
    expect(loaded.data.reminders?.items.map((i) => i.message)).toContain(
      'Synthèse territoriale de «\u00a0Pays Cœur d’Hérault\u00a0» à générer et à transmettre\u00a0: le diagnostic est saisi («\u00a0Générer un document\u00a0»).',
    );
    const off = claire.run('saveReminderPreference', false) as Result<{ reminders: boolean }>;
    expect(off).toMatchObject({ ok: true, data: { reminders: false } });
    const again = claire.run('loadQuotasAndAlerts') as Loaded;
    expect(again.ok && again.data.reminders?.preferences).toEqual({ reminders: false });
    expect((await env.worker.api(CLAIRE)('GET', '/v1/me')).body).toMatchObject({
      preferences: { reminders: false },
    });
  }, 120_000);
});
