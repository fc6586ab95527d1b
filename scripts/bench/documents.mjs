// Documents benchmark: building and rendering a territory summary from a record of 500
// sessions (pure code, no I/O), and the Google calls one document costs against the local
// Google stand-in (tests/support/fake-google.ts: Drive's import modelled, Docs page setup,
// the export printed by headless Chromium at the Doc's own page size).
import { performance } from 'node:perf_hooks';
import { tsImport } from 'tsx/esm/api';

const load = (path) => tsImport(path, import.meta.url);

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

export async function run() {
  const { bigRecord } = await load('../../tests/worker/documents-big-record.ts');
  const { fitTerritorySummary } = await load('../../worker/documents/territory-summary.ts');
  const { renderHtml } = await load('../../worker/documents/render.ts');
  const { publishToDrive } = await load('../../worker/documents/publish.ts');
  const { Drive } = await load('../../worker/google/drive.ts');
  const { serviceAccountToken } = await load('../../worker/google/service-account.ts');
  const { startFakeGoogle, googleEnv } = await load('../../tests/support/fake-google.ts');

  // 1. Build + render, 500 sessions, 40 blockers, 50 indicator values, 5,000-character texts.
  const { record, territory } = bigRecord({ sessions: 500, blockers: 40, indicators: 50, textChars: 5000 });
  const ed = { date: '2026-01-15', version: 1 };
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
  const build = {
    sessions: record.sessions.length,
    ...stats(samples),
    budgetLevel: fit.level,
    estimatedPages: fit.estimatedPages,
    htmlKb: +(html.length / 1024).toFixed(1),
  };

  // 2. Google calls per document, through the real clients against the stand-in (which lays
  // the Doc out at its own page size, as Google does).
  const { Docs } = await load('../../worker/google/docs.ts');
  const { CallLog } = await load('../../worker/google/http.ts');
  const google = await startFakeGoogle();
  try {
    const env = { ...googleEnv(google), GOOGLE_RETRY_DELAYS_MS: '5,10,20' };
    const hook = (path, body) =>
      fetch(`${google.base}${path}`, { method: 'POST', body: JSON.stringify(body) });
    const perDoc = async (previous, lineSpacing = 1) => {
      await hook('/__reset', {});
      await hook('/__config', { lineSpacing });
      const log = new CallLog();
      const token = await serviceAccountToken(env, ['https://www.googleapis.com/auth/drive'], log);
      const o = { token, retryDelaysMs: [5, 10, 20], log };
      const drive = new Drive({
        ...o,
        driveUrl: env.GOOGLE_DRIVE_URL,
        uploadUrl: env.GOOGLE_DRIVE_UPLOAD_URL,
      });
      const docs = new Docs({ ...o, docsUrl: env.GOOGLE_DOCS_URL });
      const t0 = performance.now();
      let pub = null;
      let refused = null;
      try {
        pub = await publishToDrive(
          drive,
          docs,
          (from, max) => fitTerritorySummary(record, territory, ed, from, max),
          {
            name: (d) => d.title,
            folderId: env.DRIVE_FOLDER_ID,
            limited: true,
            previous,
          },
        );
      } catch (err) {
        refused = err.constructor.name;
      }
      const ms = performance.now() - t0;
      const exports = google.calls().filter((c) => c.kind === 'export');
      return {
        googleCalls: log.calls,
        calls: log.kinds.join(', '),
        httpRequests: log.requests,
        pages: pub?.pages ?? null,
        googleLayoutPages: exports.map((c) => c.pages),
        pageSize: exports.at(-1)?.page
          ? `${exports.at(-1).page.widthPt} × ${exports.at(-1).page.heightPt} pt`
          : null,
        outcome: refused ?? 'stored',
        ms: +ms.toFixed(0),
        pub,
      };
    };
    const created = await perDoc(null);
    const previous = (p) => ({
      googleDocId: p.googleDocId,
      driveModifiedTime: p.drive.modifiedTime,
      driveWriter: p.drive.writer,
      title: p.doc.title,
      html: async () => p.html,
    });
    const regenerated = await perDoc(previous(created.pub));
    await hook(`/__edit/${created.pub.googleDocId}`, { by: 'claire.martin@ademe.example' });
    const afterEdit = await perDoc(previous(regenerated.pub));
    const tightened = await perDoc(previous(afterEdit.pub), 1.8);
    const strip = ({ pub: _pub, ...r }) => r;
    console.log(
      `territory summary from ${build.sessions} sessions: build + render median ${build.medianMs} ms, p95 ${build.p95Ms} ms ` +
        `(goal ≤ 50 ms); budget level ${build.budgetLevel}, ${build.estimatedPages} pages estimated, ${build.htmlKb} KB of HTML`,
    );
    for (const [label, r] of [
      ['first generation', created],
      ['regeneration in place (token cached)', regenerated],
      ['after a person edited the Doc (new Doc)', afterEdit],
      ['Google layout with wider line spacing', tightened],
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
        firstGeneration: strip(created),
        regenerationInPlace: strip(regenerated),
        afterAPersonEdited: strip(afterEdit),
        whenGoogleLayoutRunsLonger: strip(tightened),
      },
    };
  } finally {
    await google.close();
  }
}
