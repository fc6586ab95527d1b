// @ts-check
// The add-on to Google, with the pinned @google/clasp (never downloaded at run time):
// - `npm run push:addon [-- prod]`: pushes dist/addon to the dev (default) or prod Apps Script
//   project — what a test deployment (HEAD) runs;
// - `npm run deploy:addon [-- prod]`: push, then a new immutable version, then the add-on's
//   versioned deployment moved to that version (installs and the Marketplace listing use it;
//   Google refuses a versioned deployment whose manifest lacks an https urlFetchWhitelist).
// The two committed clasp files hold the script id (and, once created, the deployment id); the
// chosen one is written into the build folder as .clasp.json, since clasp works in the folder
// it runs in. CLASP_BIN runs another clasp (the tests use a stand-in; Google is unreachable).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const OUT = process.env.VELI_ADDON_OUT ?? join(ROOT, 'dist/addon');

/** @param {string[]} args @param {{ capture?: boolean }} [opts] */
function clasp(args, opts = {}) {
  const [cmd, ...pre] = process.env.CLASP_BIN
    ? [process.execPath, process.env.CLASP_BIN]
    : ['npx', '--no', '--', 'clasp'];
  const res = spawnSync(/** @type {string} */ (cmd), [...pre, ...args], {
    cwd: OUT,
    encoding: 'utf8',
    stdio: opts.capture ? ['inherit', 'pipe', 'inherit'] : 'inherit',
  });
  if (res.status !== 0) throw new Error(`clasp ${args[0]} failed (exit ${res.status})`);
  if (opts.capture) process.stdout.write(res.stdout);
  return res.stdout ?? '';
}

/** Google's rules for a versioned deployment's allowlist: https, a domain, a path ending in "/". */
export function checkManifest(/** @type {{ urlFetchWhitelist?: string[] }} */ m) {
  const list = m.urlFetchWhitelist ?? [];
  if (!list.length) return 'appsscript.json has no urlFetchWhitelist: a versioned deployment needs one.';
  const bad = list.filter((u) => !/^https:\/\/(\*\.)?[^/*]+\.[^/]+\/(.*\/)?$/.test(u));
  return bad.length ? `urlFetchWhitelist entries must be https://<domain>/…/ : ${bad.join(', ')}` : null;
}

function main() {
  const args = process.argv.slice(2);
  const mode = args.includes('deploy') ? 'deploy' : 'push';
  const target = args.find((a) => a === 'dev' || a === 'prod') ?? process.env.CLASP_TARGET ?? 'dev';
  if (!existsSync(join(OUT, 'Code.js')))
    throw new Error('Build the add-on first: node scripts/build-addon.mjs');
  const config = JSON.parse(
    readFileSync(process.env.VELI_CLASP_CONFIG ?? join(ROOT, `.clasp.${target}.json`), 'utf8'),
  );
  if (!config.scriptId || /REPLACE/.test(config.scriptId))
    throw new Error(
      `Put the ${target} script id in .clasp.${target}.json (README, "The Google Sheets add-on").`,
    );
  const manifest = JSON.parse(readFileSync(join(OUT, 'appsscript.json'), 'utf8'));
  const problem = checkManifest(manifest);
  if (mode === 'deploy' && problem) throw new Error(problem);
  writeFileSync(join(OUT, '.clasp.json'), `${JSON.stringify({ scriptId: config.scriptId, rootDir: '.' })}\n`);
  clasp(['push', '--force']);
  if (mode === 'push') return;
  const description = `VELI VELO ${new Date().toISOString().slice(0, 10)} (${manifest.urlFetchWhitelist.join(' ')})`;
  const created = clasp(['create-version', description], { capture: true });
  const version = /Created version (\d+)/.exec(created)?.[1];
  if (!version) throw new Error('clasp did not say which version it created.');
  if (config.deploymentId) {
    clasp([
      'update-deployment',
      config.deploymentId,
      '--versionNumber',
      version,
      '--description',
      description,
    ]);
    console.log(`Deployment ${config.deploymentId} (${target}) now runs version ${version}.`);
  } else {
    clasp(['create-deployment', '--versionNumber', version, '--description', description]);
    console.log(`First deployment of ${target}: copy its id into .clasp.${target}.json as "deploymentId".`);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
