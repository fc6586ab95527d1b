// @ts-check
// `npm run bench addon`: what one user action costs the add-on. Runs the built add-on in the
// harness against a real local worker and counts UrlFetchApp requests per action (goal: one),
// spreadsheet range reads and writes per tab touched (goal: at most one of each), and the
// bundle sizes.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { tsImport } from 'tsx/esm/api';

export async function run() {
  const { ADMIN, buildAddonTo, startLocalWorker } = await tsImport(
    '../../harness/local-worker.ts',
    import.meta.url,
  );
  const { loadAddon } = await tsImport('../../harness/runtime.ts', import.meta.url);
  const { stopSyncFetch } = await tsImport('../../harness/sync-fetch.ts', import.meta.url);
  const worker = await startLocalWorker();
  const dir = buildAddonTo();
  try {
    const consultant = 'bench@amo.example';
    const admin = worker.api(ADMIN);
    await admin('POST', '/v1/members', { email: consultant, role: 'consultant' });
    await admin('POST', '/v1/territories', {
      id: 't-bench',
      name: 'Territoire de mesure',
      legalForm: 'ca',
      centralCityInsee: '81004',
      consultants: [consultant],
    });
    const rt = loadAddon({ dir, workerUrl: worker.base, devUser: consultant });
    rt.run('onOpen');
    const session = (/** @type {number} */ i) => ({
      id: `s-bench-${i}`,
      kind: 'diagnostic',
      territoryId: 't-bench',
      date: '2025-03-12',
      durationMinutes: 30,
      mode: 'remote',
      participants: 2,
      summary: `Séance de mesure ${i}`,
    });
    /** @param {string} fn @param {unknown[]} args */
    const measure = (fn, ...args) => {
      rt.fakes.fetchLog.length = 0;
      rt.fakes.spreadsheet.resetCounts();
      const t0 = performance.now();
      rt.run(fn, ...args);
      const ms = performance.now() - t0;
      const counts = Object.values(rt.fakes.spreadsheet.counts());
      return {
        urlFetchRequests: rt.fakes.fetchLog.length,
        tabsTouched: counts.filter((c) => c.setValues > 0).length,
        getValues: counts.reduce((a, c) => a + c.getValues, 0),
        setValues: counts.reduce((a, c) => a + c.setValues, 0),
        localMs: Math.round(ms),
      };
    };
    rt.run('submitSession', session(0)); // creates the tabs: later submits are the steady state
    const actions = {
      'open a sidebar (loadContext)': measure('loadContext'),
      'log a session (submitSession)': measure('submitSession', session(1)),
      'bad input (submitSession)': measure('submitSession', { ...session(2), durationMinutes: 0 }),
      'create a blocker (submitBlocker)': measure('submitBlocker', {
        id: 'b-bench',
        territoryId: 't-bench',
        category: 'cost',
        title: 'Coût',
        description: 'Coût de mise à disposition.',
        owner: 'territory',
      }),
      'quotas and alerts (loadQuotasAndAlerts)': measure('loadQuotasAndAlerts'),
      'document choices (loadDocumentChoices)': measure('loadDocumentChoices'),
      'resynchronise every tab (resyncTabs)': measure('resyncTabs'),
    };
    // One UrlFetch per action; per tab touched, one write and at most one read.
    const goalMet = Object.values(actions).every(
      (a) => a.urlFetchRequests <= 1 && a.setValues === a.tabsTouched && a.getValues <= a.tabsTouched,
    );
    console.table(
      Object.fromEntries(
        Object.entries(actions).map(([name, a]) => [
          name,
          { urlFetch: a.urlFetchRequests, tabs: a.tabsTouched, reads: a.getValues, writes: a.setValues },
        ]),
      ),
    );
    console.log(
      `add-on goal (1 UrlFetch per action, ≤ 1 read and 1 write per tab): ${goalMet ? 'met' : 'MISSED'}`,
    );
    const sizes = Object.fromEntries(
      readdirSync(dir)
        .filter((f) => f.endsWith('.js') || f.endsWith('.html'))
        .map((f) => [
          f,
          { bytes: readFileSync(join(dir, f)).length, gzip: gzipSync(readFileSync(join(dir, f))).length },
        ]),
    );
    for (const [f, z] of Object.entries(sizes)) console.log(`${f}: ${(z.gzip / 1024).toFixed(1)} KB gzip`);
    return { actions, goalMet, sizes, note: 'localMs includes real HTTP to a local wrangler dev worker' };
  } finally {
    await stopSyncFetch();
    await worker.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
