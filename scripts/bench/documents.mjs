// @ts-check
// Documents benchmark: building and rendering a territory summary from a record of 500
// sessions (pure code, no I/O), and the Google calls one document costs against the local
// Google stand-in (tests/support/fake-google.ts: Drive's import modelled, Docs page setup,
// the export printed by headless Chromium at the Doc's own page size).
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

/** The project modules this benchmark drives, loaded once (the token cache lives in one). */
async function modules() {
  return {
    ...(await load('../../tests/worker/documents-big-record.ts')),
    ...(await load('../../worker/documents/territory-summary.ts')),
    ...(await load('../../worker/documents/render.ts')),
    ...(await load('../../worker/documents/publish.ts')),
    ...(await load('../../worker/google/drive.ts')),
    ...(await load('../../worker/google/docs.ts')),
    ...(await load('../../worker/google/http.ts')),
    ...(await load('../../worker/google/service-account.ts')),
    ...(await load('../../tests/support/fake-google.ts')),
    ...(await load('../../worker/documents/freeze.ts')),
  };
}
/** @typedef {Awaited<ReturnType<typeof modules>>} Modules */

/** 1. Build + render, 500 sessions, 40 blockers, 50 indicator values, 5,000-character texts. @param {Modules} m */
function buildAndRender(m) {
  const { record, territory } = m.bigRecord({ sessions: 500, blockers: 40, indicators: 50, textChars: 5000 });
  const ed = { date: '2026-01-15', version: 1 };
  let html = '';
  let fit = m.fitTerritorySummary(record, territory, ed);
  for (let i = 0; i < 20; i++) m.fitTerritorySummary(record, territory, ed); // warm-up
  /** @type {number[]} */
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
  /** @param {number} from @param {number} [max] */
  const compose = (from, max) => m.fitTerritorySummary(record, territory, ed, from, max);
  return { build, compose };
}

/**
 * One publication through the real clients: its Google calls and the stand-in's page counts.
 * @param {Modules} m
 * @param {any} google the running stand-in (its types stay in the TypeScript module)
 * @param {(from: number, max?: number) => unknown} compose
 * @param {any} previous the stored Doc's Google side (PreviousDoc), or null
 * @param {number} lineSpacing how much wider than ours the stand-in spaces lines
 */
async function publishOnce(m, google, compose, previous, lineSpacing) {
  const env = m.googleEnv(google);
  /** @param {string} path @param {unknown} body */
  const hook = (path, body) => fetch(`${google.base}${path}`, { method: 'POST', body: JSON.stringify(body) });
  await hook('/__reset', {});
  await hook('/__config', { lineSpacing });
  const log = new m.CallLog();
  const token = await m.serviceAccountToken(env, [m.SERVICE_ACCOUNT_DRIVE_SCOPE], log);
  const o = { token, retryDelaysMs: [5, 10, 20], log };
  const drive = new m.Drive({ ...o, driveUrl: env.GOOGLE_DRIVE_URL, uploadUrl: env.GOOGLE_DRIVE_UPLOAD_URL });
  const docs = new m.Docs({ ...o, docsUrl: env.GOOGLE_DOCS_URL });
  const t0 = performance.now();
  let pub = null;
  let outcome = 'stored';
  try {
    const opts = { name: (/** @type {{ title: string }} */ d) => d.title, folderId: env.DRIVE_FOLDER_ID };
    pub = await m.publishToDrive(drive, docs, compose, { ...opts, limited: true, previous });
  } catch (err) {
    outcome = /** @type {Error} */ (err).constructor.name;
  }
  const ms = performance.now() - t0;
  /** @type {{ kind: string; pages?: number; page?: { widthPt: number; heightPt: number } }[]} */
  const exports = google.calls().filter((/** @type {{ kind: string }} */ c) => c.kind === 'export');
  const page = exports.at(-1)?.page;
  return {
    googleCalls: log.calls,
    calls: log.kinds.join(', '),
    httpRequests: log.requests,
    pages: pub?.pages ?? null,
    googleLayoutPages: exports.map((c) => c.pages),
    pageSize: page ? `${page.widthPt} × ${page.heightPt} pt` : null,
    outcome,
    ms: +ms.toFixed(0),
    pub,
  };
}

/** The stored Doc's Google side after a publication, as the route passes it next time. @param {any} p */
const previousOf = (p) => ({
  googleDocId: p.googleDocId,
  driveModifiedTime: p.drive.modifiedTime,
  driveWriter: p.drive.writer,
  title: p.doc.title,
  html: async () => p.html,
});

/**
 * A submission's Google calls through the real clients, as the submit route makes them: the
 * Doc stamped with its author and status (Docs), exported to PDF, the PDF kept in « Validés »
 * (the folder looked up and made the first time only, then remembered by the worker).
 * @param {Modules} m @param {any} google @param {string} docId @param {string} [folder]
 */
async function submitOnce(m, google, docId, folder) {
  const env = m.googleEnv(google);
  await fetch(`${google.base}/__reset`, { method: 'POST', body: '{}' });
  const log = new m.CallLog();
  const token = await m.serviceAccountToken(env, [m.SERVICE_ACCOUNT_DRIVE_SCOPE], log);
  const o = { token, retryDelaysMs: [5, 10, 20], log };
  const drive = new m.Drive({ ...o, driveUrl: env.GOOGLE_DRIVE_URL, uploadUrl: env.GOOGLE_DRIVE_UPLOAD_URL });
  const docs = new m.Docs({ ...o, docsUrl: env.GOOGLE_DOCS_URL });
  await docs.replaceTexts(
    docId,
    m.submissionTexts('claire.martin@amo.example, consultant (AMO)', '2026-03-12'),
  );
  const pdf = await drive.exportPdf(docId);
  const into = folder ?? (await drive.folderIn(env.DRIVE_FOLDER_ID, m.VALIDATED_FOLDER));
  await drive.uploadFile({ name: 'bench.pdf', mimeType: 'application/pdf', folderId: into }, pdf);
  return {
    googleCalls: log.calls,
    calls: log.kinds.join(', '),
    pdfKb: +(pdf.length / 1024).toFixed(1),
    folder: into,
  };
}

/**
 * 2. Google calls per document: created, regenerated, after a person's edit, tightened.
 * @param {Modules} m
 * @param {(from: number, max?: number) => unknown} compose
 */
async function googleCalls(m, compose) {
  const google = await m.startFakeGoogle();
  try {
    const created = await publishOnce(m, google, compose, null, 1);
    const regenerated = await publishOnce(m, google, compose, previousOf(created.pub), 1);
    await fetch(`${google.base}/__edit/${created.pub.googleDocId}`, {
      method: 'POST',
      body: JSON.stringify({ by: 'claire.martin@ademe.example' }),
    });
    const afterEdit = await publishOnce(m, google, compose, previousOf(regenerated.pub), 1);
    const tightened = await publishOnce(m, google, compose, previousOf(afterEdit.pub), 1.8);
    const submitted = await submitOnce(m, google, created.pub.googleDocId);
    const submittedAgain = await submitOnce(m, google, created.pub.googleDocId, submitted.folder);
    return { created, regenerated, afterEdit, tightened, submitted, submittedAgain };
  } finally {
    await google.close();
  }
}

export async function run() {
  const m = await modules();
  const { build, compose } = buildAndRender(m);
  const g = await googleCalls(m, compose);
  /** @param {Awaited<ReturnType<typeof publishOnce>>} r */
  const strip = ({ pub: _pub, ...r }) => r;
  console.log(
    `territory summary from ${build.sessions} sessions: build + render median ${build.medianMs} ms, p95 ${build.p95Ms} ms ` +
      `(goal ≤ 50 ms); budget level ${build.budgetLevel}, ${build.estimatedPages} pages estimated, ${build.htmlKb} KB of HTML`,
  );
  for (const [label, r] of /** @type {const} */ ([
    ['first generation', g.created],
    ['regeneration in place (token cached)', g.regenerated],
    ['after a person edited the Doc (new Doc)', g.afterEdit],
    ['Google layout with wider line spacing', g.tightened],
  ])) {
    console.log(
      `Google calls, ${label}: ${r.googleCalls} (${r.calls}; goal ≤ 4 in the usual case); ` +
        `stand-in Google layout ${r.googleLayoutPages.join(' → ')} page(s) on ${r.pageSize}; ${r.outcome}`,
    );
  }
  for (const [label, r] of /** @type {const} */ ([
    ['submission, the « Validés » folder found or made', g.submitted],
    ['submission, the folder remembered', g.submittedAgain],
  ]))
    console.log(`Google calls, ${label}: ${r.googleCalls} (${r.calls}); PDF ${r.pdfKb} KB`);
  return {
    buildAndRender500Sessions: build,
    submitGoogleCalls: {
      note: 'the token is cached from the generation in the usual case; validating renames the PDF (1 call), sending back removes it (1)',
      firstSubmission: { ...g.submitted, folder: undefined },
      usual: { ...g.submittedAgain, folder: undefined },
    },
    googleCallsPerDocument: {
      goal: 'at most 4 in the usual case (token, upload, page setup, export)',
      firstGeneration: strip(g.created),
      regenerationInPlace: strip(g.regenerated),
      afterAPersonEdited: strip(g.afterEdit),
      whenGoogleLayoutRunsLonger: strip(g.tightened),
    },
  };
}
