// @ts-check
// `npm start`: build, serve the worker on http://127.0.0.1:$PORT (AUTH_MODE=dev) with its D1
// persisted in $PERSIST_TO and migrated, seed the demo programme (idempotent), start the
// add-on harness on $HARNESS_PORT, then wait. SIGINT and SIGTERM stop all of it.
//   PORT (8787), HARNESS_PORT (8788), INSPECTOR_PORT (none), PERSIST_TO (.wrangler/state):
//   other values let two checkouts run side by side. REQUEST_LOGS=off: no JSON line per request.
import { constants } from 'node:os';
import { join } from 'node:path';
import { ROOT, run } from './lib.mjs';
import { ADMIN, startWorker } from './local-worker.mjs';
import { seedDemo } from './seed-demo.mjs';

const env = process.env;
/** @type {(() => Promise<void>)[]} */
const stops = [];
let stopping = false;
/** @param {NodeJS.Signals} signal */
async function stopAll(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping the local worker…`);
  for (const stop of stops.reverse()) await stop().catch((e) => console.error(e));
  // The shell's convention for a process stopped by a signal (Miniflare's own exit hook exits so too).
  process.exit(128 + constants.signals[signal]);
}
// Installed before anything starts, so a signal during the seed stops cleanly too.
process.on('SIGINT', stopAll);
process.on('SIGTERM', stopAll);

// VELI_WORKER_BUNDLE: a folder where wrangler has already bundled the worker (the Node tests
// pass the one their run built); without it, the production bundle first. The add-on is built
// by the harness, for this worker's address (dist/addon is `npm run build`'s, for deploying).
const prebuilt = env.VELI_WORKER_BUNDLE;
if (!prebuilt) run('npm', ['run', 'build:worker', '--silent']);
const worker = await startWorker({
  port: Number(env.PORT ?? 8787),
  ...(env.INSPECTOR_PORT ? { inspectorPort: Number(env.INSPECTOR_PORT) } : {}),
  persistTo: env.PERSIST_TO ?? join(ROOT, '.wrangler', 'state'),
  bundleDir: prebuilt || join(ROOT, 'dist', 'worker'),
  ...(env.REQUEST_LOGS ? { vars: { REQUEST_LOGS: env.REQUEST_LOGS } } : {}),
});
stops.push(worker.stop);
const { base } = worker;
const summary = await seedDemo(base, ADMIN);
const extras = [];
// The Sheets add-on harness starts by default; START_HOOKS adds more.
const HARNESS = new URL('../harness/start.mjs', import.meta.url).href;
for (const hook of [HARNESS, ...(env.START_HOOKS ?? '').split(',').filter(Boolean)]) {
  const mod = await import(hook);
  extras.push(await mod.start({ base, admin: ADMIN }));
}

console.log(`
VELI VELO Occitanie — local
  Worker:   ${base}/v1/health   (API: ${base}/v1/openapi.json)${env.INSPECTOR_PORT ? `\n  Inspector: ws://127.0.0.1:${env.INSPECTOR_PORT}` : ''}
  Demo:     ${summary}
  Identity: add the header  X-Dev-User: ${ADMIN}  (admin) or a consultant of the demo, e.g.
            curl -H 'X-Dev-User: ${ADMIN}' ${base}/v1/quotas
${extras.filter(Boolean).join('\n')}
Ctrl-C stops everything.`);
