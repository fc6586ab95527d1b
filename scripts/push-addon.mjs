// @ts-check
// The add-on to Google, with the pinned @google/clasp (never downloaded at run time). The add-on
// is a STANDALONE Apps Script project published as an Editor add-on (Google Workspace
// Marketplace): no editor of a spreadsheet can open or change its code, and users run the version
// the Marketplace SDK's App Configuration names — that number is the rollback lever.
// - `npm run push:addon [-- prod]`: pushes dist/addon to the dev (default) or prod project (what a
//   test deployment at HEAD runs);
// - `npm run deploy:addon [-- prod] [--dry-run]`: checks the project is standalone, pushes, creates
//   an immutable version, moves the add-on's versioned deployment to it, and prints the
//   Marketplace step that makes users run it (and how to roll back);
// - `npm run deploy:addon -- rollback [prod] [--to N] [--dry-run]`: moves the deployment back to
//   the previous version (or N) and prints the Marketplace step that puts users back on it.
// `--dry-run` makes only read calls (which project, which versions) and prints the plan.
// The two committed clasp files hold the script id, the Google Cloud project id (for the
// console links) and, once created, the deployment id; the chosen one is written into the build
// folder as .clasp.json, since clasp works in the folder it runs in. CLASP_BIN runs another clasp
// (the tests use a stand-in; Google is unreachable).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** @typedef {{ scriptId: string; deploymentId?: string; projectId?: string; parentId?: string }} ClaspConfig */

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
  if (res.status !== 0) throw new Error(`clasp ${args.join(' ')} failed (exit ${res.status})`);
  return res.stdout ?? '';
}

/** A read call's JSON answer (`clasp --json …`). @param {string[]} args */
const claspJson = (args) => JSON.parse(clasp(['--json', ...args], { capture: true }) || 'null');

/** Google's rules for a versioned deployment's allowlist: https, a domain, a path ending in "/". */
export function checkManifest(/** @type {{ urlFetchWhitelist?: string[] }} */ m) {
  const list = m.urlFetchWhitelist ?? [];
  if (!list.length) return 'appsscript.json has no urlFetchWhitelist: a versioned deployment needs one.';
  const bad = list.filter((u) => !/^https:\/\/(\*\.)?[^/*]+\.[^/]+\/(.*\/)?$/.test(u));
  return bad.length ? `urlFetchWhitelist entries must be https://<domain>/…/ : ${bad.join(', ')}` : null;
}

/**
 * A standalone project is a Drive file of its owner's (clasp list-scripts reads Drive); a script
 * bound to a spreadsheet is not, and every editor of that spreadsheet can change its code.
 * @param {{ scriptId: string; parentId?: string }} config
 */
function standalone(config) {
  if (config.parentId)
    throw new Error(
      `This clasp file names a container (parentId ${config.parentId}): a bound script is editable by every editor of its spreadsheet. Create a standalone project (README, "Deployment").`,
    );
  /** @type {{ id: string; name: string }[]} */
  const scripts = claspJson(['list-scripts']) ?? [];
  const project = scripts.find((s) => s.id === config.scriptId);
  if (!project)
    throw new Error(
      `Script ${config.scriptId} is not among the standalone projects of the signed-in account (npx clasp list-scripts): a script bound to a spreadsheet never is. Use the standalone project (README, "Deployment").`,
    );
  console.log(
    `✔ Standalone Apps Script project « ${project.name} » (${project.id}): no spreadsheet editor can change its code.`,
  );
  return project;
}

/** @param {string} target @returns {ClaspConfig} */
function loadConfig(target) {
  const config = JSON.parse(
    readFileSync(process.env.VELI_CLASP_CONFIG ?? join(ROOT, `.clasp.${target}.json`), 'utf8'),
  );
  if (!config.scriptId || /REPLACE/.test(config.scriptId))
    throw new Error(`Put the ${target} script id in .clasp.${target}.json (README, "Deployment").`);
  return config;
}

/** The Marketplace SDK step that makes users run `version` (Editor add-ons follow this number, not the deployment). */
function marketplaceSteps(
  /** @type {{ scriptId: string; projectId?: string }} */ config,
  /** @type {number | string} */ version,
  /** @type {number | null} */ previous,
  target = 'prod',
) {
  const project = config.projectId && !/REPLACE/.test(config.projectId) ? `?project=${config.projectId}` : '';
  return [
    'Google Workspace Marketplace SDK — what makes users run this version:',
    `  1. Open https://console.cloud.google.com/apis/api/appsmarket-component.googleapis.com/googleapps_sdk${project} ▸ App Configuration.`,
    `  2. App Integration: « Editor add-on », Sheets extension ticked; Script ID ${config.scriptId}; Script version ${version}.`,
    '  3. Save. Installed users get this version without reinstalling (they re-consent only to new scopes).',
    previous
      ? `Rollback: npm run deploy:addon -- rollback ${target} --to ${previous} (then Script version ${previous} in step 2, and Save).`
      : 'Rollback: there is no earlier version yet.',
  ].join('\n');
}

/** The versions the project has, newest last, and where the deployment stands. @param {{ deploymentId?: string }} config */
function versions(config) {
  /** @type {{ versionNumber: number }[]} */
  const list = claspJson(['list-versions']) ?? [];
  const numbers = list
    .map((v) => Number(v.versionNumber))
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
  /** @type {{ deploymentId: string; versionNumber?: number }[]} */
  const deployments = config.deploymentId ? (claspJson(['list-deployments']) ?? []) : [];
  const current =
    deployments.find((d) => d.deploymentId === config.deploymentId)?.versionNumber ?? numbers.at(-1) ?? null;
  return { numbers, current: current === null ? null : Number(current) };
}

/** @param {ClaspConfig} config @param {string} target @param {{ dryRun: boolean; description: string }} o */
function deploy(config, target, o) {
  const { numbers, current } = versions(config);
  const next = (numbers.at(-1) ?? 0) + 1;
  if (o.dryRun) {
    console.log(
      `Dry run (${target}): would push dist/addon, create version ${next} (« ${o.description} »), and ${config.deploymentId ? `move deployment ${config.deploymentId} from version ${current ?? '—'} to ${next}` : 'create the versioned deployment'}.`,
    );
    console.log(marketplaceSteps(config, `${next} (once created)`, current, target));
    return;
  }
  clasp(['push', '--force']);
  const created = clasp(['create-version', o.description], { capture: true });
  const version = Number(/Created version (\d+)/.exec(created)?.[1] ?? Number.NaN);
  if (!Number.isFinite(version)) throw new Error('clasp did not say which version it created.');
  console.log(`✔ Version ${version} created (immutable).`);
  if (config.deploymentId) {
    clasp([
      'update-deployment',
      config.deploymentId,
      '--versionNumber',
      String(version),
      '--description',
      o.description,
    ]);
    console.log(`✔ Deployment ${config.deploymentId} (${target}) now runs version ${version}.`);
  } else {
    clasp(['create-deployment', '--versionNumber', String(version), '--description', o.description]);
    console.log(`First deployment of ${target}: copy its id into .clasp.${target}.json as "deploymentId".`);
  }
  console.log(marketplaceSteps(config, version, current, target));
}

/** @param {ClaspConfig} config @param {string} target @param {{ dryRun: boolean; to: number | null }} o */
function rollback(config, target, o) {
  if (!config.deploymentId)
    throw new Error(`No deploymentId in .clasp.${target}.json: nothing to roll back.`);
  const { numbers, current } = versions(config);
  const to = o.to ?? numbers.filter((n) => current === null || n < current).at(-1) ?? null;
  if (to === null || !numbers.includes(to))
    throw new Error(
      `No version ${o.to ?? 'before ' + current} to roll back to (versions: ${numbers.join(', ') || 'none'}).`,
    );
  if (o.dryRun)
    console.log(
      `Dry run (${target}): would move deployment ${config.deploymentId} from version ${current} back to ${to}.`,
    );
  else {
    clasp([
      'update-deployment',
      config.deploymentId,
      '--versionNumber',
      String(to),
      '--description',
      `Rollback to version ${to}`,
    ]);
    console.log(`✔ Deployment ${config.deploymentId} (${target}) back on version ${to}.`);
  }
  console.log(marketplaceSteps(config, to, numbers.filter((n) => n < to).at(-1) ?? null, target));
}

function main() {
  const args = process.argv.slice(2);
  const mode = args.includes('rollback') ? 'rollback' : args.includes('deploy') ? 'deploy' : 'push';
  const target = args.find((a) => a === 'dev' || a === 'prod') ?? process.env.CLASP_TARGET ?? 'dev';
  const dryRun = args.includes('--dry-run');
  const toAt = args.indexOf('--to');
  if (!existsSync(join(OUT, 'Code.js')))
    throw new Error('Build the add-on first: node scripts/build-addon.mjs');
  const config = loadConfig(target);
  const manifest = JSON.parse(readFileSync(join(OUT, 'appsscript.json'), 'utf8'));
  const problem = checkManifest(manifest);
  if (mode === 'deploy' && problem) throw new Error(problem);
  writeFileSync(join(OUT, '.clasp.json'), `${JSON.stringify({ scriptId: config.scriptId, rootDir: '.' })}\n`);
  standalone(config);
  if (mode === 'push') {
    if (!dryRun) clasp(['push', '--force']);
    return;
  }
  if (mode === 'rollback')
    return rollback(config, target, { dryRun, to: toAt >= 0 ? Number(args[toAt + 1]) : null });
  const description = `VELI VELO ${new Date().toISOString().slice(0, 10)} (${manifest.urlFetchWhitelist.join(' ')})`;
  deploy(config, target, { dryRun, description });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main();
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
