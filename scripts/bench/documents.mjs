// @ts-check
// Documents benchmark: building and rendering a territory summary from a record of 500
// sessions (pure code, no I/O), and the Google calls one document costs against the local
// Drive stand-in (tests/support/fake-google.ts, which prints through headless Chromium).
import { performance } from 'node:perf_hooks';
import { tsImport } from 'tsx/esm/api';

/**
 * A TypeScript module of the project, loaded through tsx (its types are not visible here).
 * @param {string} path
 * @returns {Promise<any>} any: tsImport cannot carry the module's types into a .mjs file
 */
const load = (path) => tsImport(path, import.meta.url);

/** @param {number[]} samples */
function stats(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (/** @type {number} */ q) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
  return {
    runs: s.length,
    medianMs: +at(0.5).toFixed(2),
    p95Ms: +at(0.95).toFixed(2),
    maxMs: +(s.at(-1) ?? NaN).toFixed(2),
  };
}

/** The project modules this benchmark drives (TypeScript, loaded through tsx). */
async function modules() {
  return {
    ...(await load('../../tests/worker/documents-big-record.ts')),
    ...(await load('../../worker/documents/territory-summary.ts')),
    ...(await load('../../worker/documents/render.ts')),
    ...(await load('../../worker/documents/publish.ts')),
    ...(await load('../../worker/google/drive.ts')),
    ...(await load('../../worker/google/service-account.ts')),
    ...(await load('../../tests/support/fake-google.ts')),
  };
}
/** @typedef {Awaited<ReturnType<typeof modules>>} Modules */

/** 1. Build + render, 500 sessions, 40 blockers, 50 indicator values, 5,000-character texts. @param {Modules} m */
function buildAndRender(m) {
  const { record, territory } = m.bigRecord({ sessions: 500, blockers: 40, indicators: 50, textChars: 5000 });
  const ed = { date: '2026-01-15', version: 1 };
  let html = '';
  let fit;
  for (let i = 0; i < 20; i++) m.fitTerritorySummary(record, territory, ed); // warm-up
  const samples = [];
  for (let i = 0; i < 200; i++) {
    const t0 = performance.now();
    fit = m.fitTerritorySummary(record, territory, ed);
    html = m.renderHtml(fit.doc);
    samples.push(performance.now() - t0);
  }
  const build = {
    sessions: record.sessions.length,
    ...stats(samples),
    budgetLevel: fit.level,
    estimatedPages: fit.estimatedPages,
    htmlKb: +(html.length / 1024).toFixed(1),
  };
  /** @param {unknown} [from] */
  const fitIt = (from) => m.fitTerritorySummary(record, territory, ed, from);
  return { build, fitIt };
}

/**
 * 2. The Google calls one document costs, through the real Drive client against the stand-in.
 * @param {Modules} m
 * @param {any} google the running stand-in (its types stay in the TypeScript module)
 * @param {(from?: unknown) => unknown} fitIt
 * @param {string | null} existingId
 */
async function perDocument(m, google, fitIt, existingId, exportScale = 1) {
  const env = { ...m.googleEnv(google), GOOGLE_RETRY_DELAYS_MS: '5,10,20' };
  await fetch(`${google.base}/__reset`, { method: 'POST', body: '{}' });
  await fetch(`${google.base}/__config`, { method: 'POST', body: JSON.stringify({ exportScale }) });
  const before = google.calls().length;
  const token = await m.serviceAccountToken(env, ['https://www.googleapis.com/auth/drive.file']);
  const drive = new m.Drive({
    token,
    driveUrl: env.GOOGLE_DRIVE_URL,
    uploadUrl: env.GOOGLE_DRIVE_UPLOAD_URL,
    retryDelaysMs: [5, 10, 20],
  });
  const t0 = performance.now();
  const pub = await m.publishToDrive(drive, fitIt, {
    name: (/** @type {{ title: string }} */ d) => d.title,
    existingId,
    limited: true,
  });
  const ms = performance.now() - t0;
  /** @type {{ kind: string; pages?: number }[]} */
  const calls = google.calls().slice(before);
  return {
    driveCalls: drive.calls,
    tokenCalls: calls.filter((c) => c.kind === 'token').length,
    totalGoogleRequests: calls.length,
    pages: pub.pages,
    exportedPages: calls.filter((c) => c.kind === 'export').map((c) => c.pages),
    ms: +ms.toFixed(0),
    id: pub.googleDocId,
  };
}

export async function run() {
  const m = await modules();
  const { build, fitIt } = buildAndRender(m);
  const google = await m.startFakeGoogle();
  try {
    const created = await perDocument(m, google, fitIt, null);
    const regenerated = await perDocument(m, google, fitIt, created.id);
    const tightened = await perDocument(m, google, fitIt, created.id, 1.25);
    /** @param {typeof created} doc */
    const strip = ({ id: _id, ...r }) => r;
    console.log(
      `territory summary from ${build.sessions} sessions: build + render median ${build.medianMs} ms, p95 ${build.p95Ms} ms ` +
        `(goal ≤ 50 ms); budget level ${build.budgetLevel}, ${build.estimatedPages} pages estimated, ${build.htmlKb} KB of HTML`,
    );
    for (const [label, r] of /** @type {const} */ ([
      ['first generation', created],
      ['regeneration in place', regenerated],
      ['Google layout 25 % longer', tightened],
    ])) {
      console.log(
        `Google requests, ${label}: ${r.totalGoogleRequests} (token ${r.tokenCalls}, Drive ${r.driveCalls}); pages exported ${r.exportedPages.join(' → ')} (goal ≤ 3)`,
      );
    }
    return {
      buildAndRender500Sessions: build,
      googleCallsPerDocument: {
        goal: 'at most 3 (token + upload + export)',
        firstGeneration: strip(created),
        regenerationInPlace: strip(regenerated),
        whenGoogleLayoutRuns25PercentLonger: strip(tightened),
      },
    };
  } finally {
    await google.close();
  }
}
