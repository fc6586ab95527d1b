// A throwaway local worker for tests and benchmarks (the shared helper of
// scripts/local-worker.mjs: free port, D1 in memory with the migrations applied, AUTH_MODE=dev),
// and a fresh add-on build in its own folder.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { client } from '../scripts/lib.mjs';
import { ADMIN, startWorker, TEST_VARS } from '../scripts/local-worker.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export { ADMIN };

/**
 * With `bundleDir` (the tests' one bundle, see tests/support/worker-bundle.global.ts) the worker
 * starts from it, answers checked against their schemas; without, it is bundled now. No request
 * log lines either way: the in-process add-on blocks this thread while it waits on its UrlFetch,
 * and a burst of lines (an import's 150 writes) would fill the pipe Miniflare reads them from
 * here — workerd then waits on that pipe, and the fetch on workerd.
 */
export async function startLocalWorker(options: { bundleDir?: string } = {}) {
  const quietVars = { REQUEST_LOGS: 'off' };
  const worker = await startWorker({
    quiet: true,
    ...(options.bundleDir
      ? { bundleDir: options.bundleDir, vars: { ...TEST_VARS, ...quietVars } }
      : { vars: quietVars }),
  });
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
