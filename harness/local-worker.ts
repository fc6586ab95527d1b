// A throwaway local worker for tests and benchmarks (the shared helper of
// scripts/local-worker.mjs: free port, D1 in memory with the migrations applied, AUTH_MODE=dev),
// and a fresh add-on build in its own folder.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { client } from '../scripts/lib.mjs';
import { ADMIN, startWorker } from '../scripts/local-worker.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export { ADMIN };

export async function startLocalWorker() {
  // No request log lines: the in-process add-on blocks this thread while it waits on its
  // UrlFetch, and a burst of lines (an import's 150 writes) would fill the pipe Miniflare reads
  // them from here — workerd then waits on that pipe, and the fetch on workerd.
  const worker = await startWorker({ quiet: true, vars: { REQUEST_LOGS: 'off' } });
  return {
    base: worker.base,
    api: (as: string) => client(worker.base, as),
    stop: worker.stop,
  };
}

/** Builds the add-on into a fresh folder (concurrent test files never share dist/). */
export function buildAddonTo(workerUrl?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'veli-addon-build-'));
  execFileSync('node', ['scripts/build-addon.mjs'], {
    cwd: ROOT,
    env: { ...process.env, VELI_ADDON_OUT: dir, ...(workerUrl ? { VELI_WORKER_URL: workerUrl } : {}) },
    stdio: 'ignore',
  });
  return dir;
}
