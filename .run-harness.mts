// Throwaway driver: local worker + demo seed + harness, printed URL, stays up until killed.
import { tsImport } from 'tsx/esm/api';
const root = '/work/wt/addon/';
const { startLocalWorker, buildAddonTo, ADMIN } = await tsImport(root + 'harness/local-worker.ts', import.meta.url);
const { startHarness } = await tsImport(root + 'harness/server.ts', import.meta.url);
const { seedDemo } = await import(root + 'scripts/seed-demo.mjs');
const worker = await startLocalWorker();
console.log('seed:', await seedDemo(worker.base, ADMIN));
const h = await startHarness({ workerUrl: worker.base, port: Number(process.env.HPORT ?? 18788), addonDir: buildAddonTo(worker.base) });
console.log('HARNESS', h.url, 'WORKER', worker.base);
const stop = async () => { await h.close(); await worker.stop(); process.exit(0); };
process.on('SIGTERM', stop); process.on('SIGINT', stop);
