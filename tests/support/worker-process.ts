// The real worker for Node e2e tests, through the project's one local-worker helper
// (scripts/local-worker.mjs): wrangler's bundle in workerd, any free port, D1 in memory with
// the migrations applied, dev auth mode with `admin` as bootstrap admin.
import { client } from '../../scripts/lib.mjs';
import { startWorker } from '../../scripts/local-worker.mjs';

export async function startLocalWorker(admin: string) {
  const worker = await startWorker({ vars: { ADMIN_EMAILS: admin }, quiet: true });
  return { base: worker.base, stop: worker.stop };
}

/** A JSON client acting as `as` (dev identity header). */
export const apiClient = client;
