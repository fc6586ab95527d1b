// The real worker for Node tests, through the project's one local-worker helper
// (scripts/local-worker.mjs): the run's one wrangler bundle (tests/support/worker-bundle.global.ts)
// in workerd, any free port, D1 in memory with the migrations applied, dev auth mode with `admin`
// as bootstrap admin, and every success answer checked against its declared schema.
import { inject } from 'vitest';
import { client } from '../../scripts/lib.mjs';
import { startWorker, TEST_VARS } from '../../scripts/local-worker.mjs';

export async function startLocalWorker(admin: string) {
  const worker = await startWorker({
    bundleDir: inject('workerBundle'),
    vars: { ...TEST_VARS, ADMIN_EMAILS: admin },
    quiet: true,
  });
  return { base: worker.base, stop: worker.stop };
}

/** A JSON client acting as `as` (dev identity header). */
export const apiClient = client;
