// @ts-check
// `npm run bench addon`: what one user action costs the add-on. Runs the built add-on in the
// harness against a real local worker and counts UrlFetchApp requests per action (goal: one),
// spreadsheet range reads and writes per tab touched (goal: at most one of each), and the
// bundle sizes.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { tsImport } from 'tsx/esm/api';

const CONSULTANT = 'bench@amo.example';

/** @typedef {{ urlFetchRequests: number; tabsTouched: number; getValues: number; setValues: number; localMs: number }} Cost */
/** @typedef {{ getValues: number; setValues: number }} RangeCounts */

/** @param {number} i */
const session = (i) => ({
  id: `s-bench-${i}`,
  kind: 'diagnostic',
  territoryId: 't-bench',
  date: '2025-03-12',
  durationMinutes: 30,
  mode: 'remote',
  participants: 2,
  summary: `Séance de mesure ${i}`,
});

/**
 * What running one add-on function costs: UrlFetch requests, tabs written, range reads/writes.
 * @param {any} rt the harness runtime (loaded through tsx: its types do not reach this file)
 * @param {string} fn
 * @param {unknown[]} args
 * @returns {Cost}
 */
function measure(rt, fn, ...args) {
  rt.fakes.fetchLog.length = 0;
  rt.fakes.spreadsheet.resetCounts();
  const t0 = performance.now();
  rt.run(fn, ...args);
  const ms = performance.now() - t0;
  /** @type {RangeCounts[]} */
  const counts = Object.values(rt.fakes.spreadsheet.counts());
  return {
    urlFetchRequests: rt.fakes.fetchLog.length,
    tabsTouched: counts.filter((c) => c.setValues > 0).length,
    getValues: counts.reduce((a, c) => a + c.getValues, 0),
    setValues: counts.reduce((a, c) => a + c.setValues, 0),
    localMs: Math.round(ms),
  };
}

/** @param {any} rt the harness runtime */
function measureActions(rt) {
  rt.run('submitSession', session(0)); // creates the tabs: later submits are the steady state
  return {
    'open a sidebar (loadContext)': measure(rt, 'loadContext'),
    'log a session (submitSession)': measure(rt, 'submitSession', session(1)),
    'bad input (submitSession)': measure(rt, 'submitSession', { ...session(2), durationMinutes: 0 }),
    'create a blocker (submitBlocker)': measure(rt, 'submitBlocker', {
      id: 'b-bench',
      territoryId: 't-bench',
      category: 'cost',
      title: 'Coût',
      description: 'Coût de mise à disposition.',
      owner: 'territory',
    }),
    'quotas and alerts (loadQuotasAndAlerts)': measure(rt, 'loadQuotasAndAlerts'),
    'document choices (loadDocumentChoices)': measure(rt, 'loadDocumentChoices'),
    'resynchronise every tab (resyncTabs)': measure(rt, 'resyncTabs'),
  };
}

/** Prints the table and the goal; returns whether it is met. @param {Record<string, Cost>} actions */
function report(actions) {
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
  return goalMet;
}

/** The built files and their gzip sizes. @param {string} dir */
function bundleSizes(dir) {
  const sizes = Object.fromEntries(
    readdirSync(dir)
      .filter((f) => f.endsWith('.js') || f.endsWith('.html'))
      .map((f) => {
        const bytes = readFileSync(join(dir, f));
        return [f, { bytes: bytes.length, gzip: gzipSync(bytes).length }];
      }),
  );
  for (const [f, z] of Object.entries(sizes)) console.log(`${f}: ${(z.gzip / 1024).toFixed(1)} KB gzip`);
  return sizes;
}

export async function run() {
  const harness = (/** @type {string} */ path) => tsImport(`../../harness/${path}`, import.meta.url);
  const { ADMIN, buildAddonTo, startLocalWorker } = await harness('local-worker.ts');
  const { loadAddon } = await harness('runtime.ts');
  const { stopSyncFetch } = await harness('sync-fetch.ts');
  const worker = await startLocalWorker();
  const dir = buildAddonTo();
  try {
    const admin = worker.api(ADMIN);
    await admin('POST', '/v1/members', { email: CONSULTANT, role: 'consultant' });
    await admin('POST', '/v1/territories', {
      id: 't-bench',
      name: 'Territoire de mesure',
      legalForm: 'ca',
      centralCityInsee: '81004',
      consultants: [CONSULTANT],
    });
    const rt = loadAddon({ dir, workerUrl: worker.base, devUser: CONSULTANT });
    rt.run('onOpen');
    const actions = measureActions(rt);
    const goalMet = report(actions);
    const sizes = bundleSizes(dir);
    return { actions, goalMet, sizes, note: 'localMs includes real HTTP to a local worker (Miniflare)' };
  } finally {
    await stopSyncFetch();
    await worker.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
