// @ts-check
// `npm run types`: writes worker/worker-configuration.d.ts, the `Env` of what wrangler.toml
// declares, with `wrangler types`. `npm run types -- --check` (run by `npm run typecheck`)
// regenerates it beside the committed one and fails when they differ: the committed file is
// stale. (wrangler 4.86's own `--check` misreads `--env-file`, and without that flag wrangler
// would read a developer's .dev.vars: an empty env file keeps the output the same everywhere.)
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './lib.mjs';
import { wrangler } from './local-worker.mjs';

const TARGET = 'worker/worker-configuration.d.ts';
const CANDIDATE = 'worker/.worker-configuration.check.d.ts';

/** @param {string} path */
function generate(path) {
  wrangler(
    ['types', path, '--include-runtime', 'false', '--strict-vars', 'false', '--env-file', '/dev/null'],
    {
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
}

/** The file without its first two lines (the header names the file it was written to). */
const body = (/** @type {string} */ path) =>
  readFileSync(join(ROOT, path), 'utf8').split('\n').slice(2).join('\n');

if (process.argv.includes('--check')) {
  generate(CANDIDATE);
  const same = body(CANDIDATE) === body(TARGET);
  rmSync(join(ROOT, CANDIDATE), { force: true });
  if (!same) {
    console.error(`${TARGET} is stale: run \`npm run types\` and commit it.`);
    process.exit(1);
  }
} else {
  generate(TARGET);
}
