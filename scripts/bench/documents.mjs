// Documents benchmark: building and rendering a territory summary from a record of 500
// sessions (pure code, no I/O), and the Google calls one document costs against the local
// Google stand-in (tests/support/fake-google.ts: Drive's import modelled, Docs page setup,
// the export printed by headless Chromium at the Doc's own page size).
import { performance } from 'node:perf_hooks';
import { tsImport } from 'tsx/esm/api';

// One instance of each module for the whole run (the service-account token cache lives in one).
const loaded = new Map();
const load = (path) => {
  if (!loaded.has(path)) loaded.set(path, tsImport(path, import.meta.url));
  return loaded.get(path);
};

function stats(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return {
    runs: s.length,
    medianMs: +at(0.5).toFixed(2),
    p95Ms: +at(0.95).toFixed(2),
    maxMs: +s.at(-1).toFixed(2),
  };
}

/** 1. Build + render, 500 sessions, 40 blockers, 50 indicator values, 5,000-character texts. */
async function buildAndRender(record, territory, ed) {
  const { fitTerritorySummary } = await load('../../worker/documents/territory-summary.ts');
  const { renderHtml } = await load('../../worker/documents/render.ts');
  let html = '';
  let fit;
  for (let i = 0; i < 20; i++) fitTerritorySummary(record, territory, ed); // warm-up
  const samples = [];
  for (let i = 0; i < 200; i++) {
    const t0 = performance.now();
    fit = fitTerritorySummary(record, territory, ed);
    html = renderHtml(fit.doc);
    samples.push(performance.now() - t0);
  }
  return {
    sessions: record.sessions.length,
    ...stats(samples),
    budgetLevel: fit.level,
    estimatedPages: fit.estimatedPages,
    htmlKb: +(html.length / 1024).toFixed(1),
  };
}

/** One publication through the real clients, its Google calls and the stand-in's page counts. */
async function publishOnce(google, compose, previous, lineSpacing) {
  const { publishToDrive } = await load('../../worker/documents/publish.ts');
  const { Drive } = await load('../../worker/google/drive.ts');
  const { Docs } = await load('../../worker/google/docs.ts');
  const { CallLog } = await load('../../worker/google/http.ts');
  const { serviceAccountToken } = await load('../../worker/google/service-account.ts');
  const { googleEnv } = await load('../../tests/support/fake-google.ts');
  const env = googleEnv(google);
  const hook = (path, body) => fetch(`${google.base}${path}`, { method: 'POST', body: JSON.stringify(body) });
  await hook('/__reset', {});
  await hook('/__config', { lineSpacing });
  const log = new CallLog();
  const token = await serviceAccountToken(env, ['https://www.googleapis.com/auth/drive'], log);
  const o = { token, retryDelaysMs: [5, 10, 20], log };
  const drive = new Drive({ ...o, driveUrl: env.GOOGLE_DRIVE_URL, uploadUrl: env.GOOGLE_DRIVE_UPLOAD_URL });
  const docs = new Docs({ ...o, docsUrl: env.GOOGLE_DOCS_URL });
  const t0 = performance.now();
  let pub = null;
  let refused = null;
  try {
    pub = await publishToDrive(drive, docs, compose, {
      name: (d) => d.title,
      folderId: env.DRIVE_FOLDER_ID,
      limited: true,
      previous,
    });
  } catch (err) {
    refused = err.constructor.name;
  }
  const ms = performance.now() - t0;
  const exports = google.calls().filter((c) => c.kind === 'export');
  const page = exports.at(-1)?.page;
  return {
    googleCalls: log.calls,
    calls: log.kinds.join(', '),
    httpRequests: log.requests,
    pages: pub?.pages ?? null,
    googleLayoutPages: exports.map((c) => c.pages),
    pageSize: page ? `${page.widthPt} × ${page.heightPt} pt` : null,
    outcome: refused ?? 'stored',
    ms: +ms.toFixed(0),
    pub,
  };
}

const previousOf = (p) => ({
  googleDocId: p.googleDocId,
  driveModifiedTime: p.drive.modifiedTime,
  driveWriter: p.drive.writer,
  title: p.doc.title,
  html: async () => p.html,
});

/** 2. Google calls per document: created, regenerated, after a person's edit, tightened. */
async function googleCalls(compose) {
  const { startFakeGoogle } = await load('../../tests/support/fake-google.ts');
  const google = await startFakeGoogle();
  try {
    const created = await publishOnce(google, compose, null, 1);
    const regenerated = await publishOnce(google, compose, previousOf(created.pub), 1);
    await fetch(`${google.base}/__edit/${created.pub.googleDocId}`, {
      method: 'POST',
      body: JSON.stringify({ by: 'claire.martin@ademe.example' }),
    });
    const afterEdit = await publishOnce(google, compose, previousOf(regenerated.pub), 1);
    const tightened = await publishOnce(google, compose, previousOf(afterEdit.pub), 1.8);
    return { created, regenerated, afterEdit, tightened };
  } finally {
    await google.close();
  }
}

export async function run() {
  const { bigRecord } = await load('../../tests/worker/documents-big-record.ts');
  const { fitTerritorySummary } = await load('../../worker/documents/territory-summary.ts');
  const { record, territory } = bigRecord({ sessions: 500, blockers: 40, indicators: 50, textChars: 5000 });
  const ed = { date: '2026-01-15', version: 1 };
  const build = await buildAndRender(record, territory, ed);
  const g = await googleCalls((from, max) => fitTerritorySummary(record, territory, ed, from, max));
  const strip = ({ pub: _pub, ...r }) => r;
  console.log(
    `territory summary from ${build.sessions} sessions: build + render median ${build.medianMs} ms, p95 ${build.p95Ms} ms ` +
      `(goal ≤ 50 ms); budget level ${build.budgetLevel}, ${build.estimatedPages} pages estimated, ${build.htmlKb} KB of HTML`,
  );
  for (const [label, r] of [
    ['first generation', g.created],
    ['regeneration in place (token cached)', g.regenerated],
    ['after a person edited the Doc (new Doc)', g.afterEdit],
    ['Google layout with wider line spacing', g.tightened],
  ]) {
    console.log(
      `Google calls, ${label}: ${r.googleCalls} (${r.calls}; goal ≤ 4 in the usual case); ` +
        `stand-in Google layout ${r.googleLayoutPages.join(' → ')} page(s) on ${r.pageSize}; ${r.outcome}`,
    );
  }
  return {
    buildAndRender500Sessions: build,
    googleCallsPerDocument: {
      goal: 'at most 4 in the usual case (token, upload, page setup, export)',
      firstGeneration: strip(g.created),
      regenerationInPlace: strip(g.regenerated),
      afterAPersonEdited: strip(g.afterEdit),
      whenGoogleLayoutRunsLonger: strip(g.tightened),
    },
  };
}
