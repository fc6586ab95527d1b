// Builds the Google Sheets add-on into dist/addon:
// - Code.js: addon/main.ts bundled as one IIFE, then one real top-level function
//   declaration per exported function, because Apps Script only sees top-level declarations
//   (menu items, triggers and google.script.run targets), and one `show<Name>` per row of the
//   sidebar table (addon/sidebar-table.ts, read from the bundle itself) that its menu item calls;
// - <Name>.html: each addon/sidebars/<name>/ as one self-contained HtmlService template (script
//   and style inlined: HtmlService serves files, not folders), with one printing scriptlet
//   `<?!= boot ?>` where the add-on inlines the sidebar's context when it opens it;
// - appsscript.json copied beside them, its urlFetchWhitelist set to the worker's address.
// Prints every size gzipped (goals: add-on ≤ 60 KB, each sidebar ≤ 40 KB).
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const DEFAULT_WORKER_URL = 'https://veli-velo-worker.ademe-occitanie.workers.dev';
export const GOALS = { addon: 60 * 1024, sidebar: 40 * 1024 };
const GLOBAL = 'VeliVelo';

/** Folder `journal` → file `Journal.html` (HtmlService.createHtmlOutputFromFile('Journal')). @param {string} dir */
export const sidebarFile = (dir) => dir.charAt(0).toUpperCase() + dir.slice(1);

/** @param {string} entry */
async function exportsOf(entry) {
  const r = await build({ entryPoints: [entry], bundle: false, format: 'esm', write: false, metafile: true });
  return Object.values(r.metafile.outputs).flatMap((o) => o.exports);
}

/** @param {string} workerUrl @param {string[]} allowlist */
async function buildCode(workerUrl, allowlist) {
  const entry = join(ROOT, 'addon/main.ts');
  const names = await exportsOf(entry);
  const r = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'iife',
    globalName: GLOBAL,
    target: 'es2020',
    platform: 'neutral',
    minify: true,
    legalComments: 'none',
    write: false,
    define: { __WORKER_URL__: JSON.stringify(workerUrl), __URL_ALLOWLIST__: JSON.stringify(allowlist) },
  });
  const bundle = r.outputFiles[0]?.text ?? '';
  const { functions, sidebars } = entryPoints(bundle, names);
  const footer = [
    ...functions.map((n) => `function ${n}(...a){return ${GLOBAL}.${n}(...a)}`),
    ...sidebars.map((s) => `function ${s.fn}(){return ${GLOBAL}.openSidebar(${JSON.stringify(s.name)})}`),
  ].join('\n');
  return { code: `${bundle}\n${footer}\n`, names: [...functions, ...sidebars.map((s) => s.fn)] };
}

/**
 * The bundle run once in an empty context (its top level touches no Apps Script service): which
 * exports are functions, and the sidebar table's rows, each `journal` → `showJournal`.
 * @param {string} bundle @param {string[]} exported
 */
function entryPoints(bundle, exported) {
  const api = vm.runInNewContext(`${bundle};${GLOBAL}`, {});
  /** @type {{ name: string }[]} */
  const table = api.SIDEBAR_TABLE ?? [];
  // The same name as addon/sidebar-table.ts `entryPoint`, which the menu items call.
  const sidebars = table.map((row) => ({ name: row.name, fn: `show${sidebarFile(row.name)}` }));
  const clash = sidebars.find((s) => exported.includes(s.fn));
  if (clash)
    throw new Error(`addon/main.ts exports ${clash.fn}, the entry point of the sidebar ${clash.name}`);
  return { functions: exported.filter((n) => typeof api[n] === 'function'), sidebars };
}

/** @param {string} dir */
async function buildSidebar(dir) {
  const r = await build({
    entryPoints: [join(ROOT, 'addon/sidebars', dir, 'main.ts')],
    bundle: true,
    format: 'iife',
    target: 'es2020',
    platform: 'browser',
    minify: true,
    legalComments: 'none',
    write: false,
  });
  const css = readFileSync(join(ROOT, 'addon/sidebars/common/style.css'), 'utf8').replace(/\s*\n\s*/g, '');
  // A literal "</script" inside the bundle would end the inline script early.
  const js = (r.outputFiles[0]?.text ?? '').replace(/<\/script/gi, '<\\/script');
  // HtmlService reads "<?" as the start of a scriptlet: the bundle must hold none.
  if (js.includes('<?'))
    throw new Error(`addon/sidebars/${dir}: the bundle contains "<?", which HtmlService would parse`);
  return (
    '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><base target="_top">' +
    `<title>VELI VELO</title><style>${css}</style></head><body><main id="app"></main>` +
    `<script>window.__VELI__=<?!= boot ?>;</script><script>${js}</script></body></html>\n`
  );
}

const LOOPBACK = /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?(\/|$)/;

/**
 * The manifest's urlFetchWhitelist: Google takes only https prefixes with a full domain and a
 * path ending in "/". A loopback http address is accepted for the local harness only (its
 * fake of UrlFetchApp enforces the list the same way); anything else is refused.
 */
/** @param {string} workerUrl */
export function allowlistFor(workerUrl) {
  const base = workerUrl.replace(/\/+$/, '');
  if (!/^https:\/\/[^/?#]+\.[^/?#]+(\/[^?#]*)?$/.test(base) && !LOOPBACK.test(base))
    throw new Error(
      `Worker address must be https://<domain>/… (or a loopback address for the harness): ${workerUrl}`,
    );
  return [`${base}/`];
}

/** @param {string} workerUrl */
export function manifest(workerUrl) {
  const m = JSON.parse(readFileSync(join(ROOT, 'appsscript.json'), 'utf8'));
  m.urlFetchWhitelist = allowlistFor(workerUrl);
  return m;
}

/** Folders of addon/sidebars: one template each (several sidebars of the table may share one). */
export const sidebarDirs = () =>
  readdirSync(join(ROOT, 'addon/sidebars'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'common')
    .map((d) => d.name)
    .sort();

const kb = (/** @type {number} */ n) => `${(n / 1024).toFixed(1)} KB`;

export async function buildAddon({
  outDir = process.env.VELI_ADDON_OUT ?? join(ROOT, 'dist/addon'),
  workerUrl = process.env.VELI_WORKER_URL ?? DEFAULT_WORKER_URL,
  quiet = false,
} = {}) {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const { code, names } = await buildCode(workerUrl, allowlistFor(workerUrl));
  writeFileSync(join(outDir, 'Code.js'), code);
  const sizes = [
    { file: 'Code.js', bytes: Buffer.byteLength(code), gzip: gzipSync(code).length, goal: GOALS.addon },
  ];
  for (const dir of sidebarDirs()) {
    const html = await buildSidebar(dir);
    const file = `${sidebarFile(dir)}.html`;
    writeFileSync(join(outDir, file), html);
    sizes.push({ file, bytes: Buffer.byteLength(html), gzip: gzipSync(html).length, goal: GOALS.sidebar });
  }
  writeFileSync(join(outDir, 'appsscript.json'), `${JSON.stringify(manifest(workerUrl), null, 2)}\n`);
  if (!quiet) {
    console.log(`Add-on built in ${outDir} (worker ${workerUrl}):`);
    for (const s of sizes)
      console.log(
        `  ${s.file.padEnd(18)} ${kb(s.bytes).padStart(9)}  gzip ${kb(s.gzip).padStart(8)}` +
          `  (goal ≤ ${kb(s.goal)}${s.gzip > s.goal ? ', OVER' : ''})`,
      );
  }
  return { outDir, names, sizes };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildAddon();
}
