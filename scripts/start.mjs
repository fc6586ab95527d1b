// `npm start`: build, apply the D1 migrations locally, serve the worker on
// http://127.0.0.1:8787 (AUTH_MODE=dev), seed the demo programme (idempotent), then wait.

import { run, startWorker } from './lib.mjs';
import { seedDemo } from './seed-demo.mjs';

const PORT = Number(process.env.PORT ?? 8787);
const ADMIN = 'admin@ademe.example';

run('npm', ['run', 'build', '--silent']);
run('npx', ['wrangler', 'd1', 'migrations', 'apply', 'DB', '--local']);
const { base, stop: stopWorker } = await startWorker({ port: PORT, admin: ADMIN });
const summary = await seedDemo(base, ADMIN);
const extras = [];
// The Sheets add-on harness starts by default; START_HOOKS adds more.
const HARNESS = new URL('../harness/start.mjs', import.meta.url).href;
for (const hook of [HARNESS, ...(process.env.START_HOOKS ?? '').split(',').filter(Boolean)]) {
  const mod = await import(hook);
  extras.push(await mod.start({ base, admin: ADMIN }));
}

console.log(`
VELI VELO Occitanie — local
  Worker:   ${base}/v1/health   (API: ${base}/v1/openapi.json)
  Demo:     ${summary}
  Identity: add the header  X-Dev-User: ${ADMIN}  (admin) or a consultant of the demo, e.g.
            curl -H 'X-Dev-User: ${ADMIN}' ${base}/v1/quotas
${extras.filter(Boolean).join('\n')}
Ctrl-C stops everything.`);

const stop = () => {
  stopWorker();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
