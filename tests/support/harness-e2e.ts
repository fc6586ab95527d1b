// What a Chromium e2e over the add-on's harness starts: a local worker, the add-on built for
// it, the harness with its users, a French headless Chromium (./harness-page.ts); `close`
// stops them all.
import { inject } from 'vitest';
import { ADMIN, buildAddonTo, startLocalWorker } from '../../harness/local-worker';
import { startHarness } from '../../harness/server';
import { frenchBrowser, stopAll } from './harness-page';

export async function startHarnessE2E(
  users: string[],
  prepare: (worker: Awaited<ReturnType<typeof startLocalWorker>>) => Promise<void>,
) {
  const worker = await startLocalWorker({ bundleDir: inject('workerBundle') });
  const dir = buildAddonTo(worker.base);
  await prepare(worker);
  const harness = await startHarness({
    workerUrl: worker.base,
    user: users[0]!,
    addonDir: dir,
    users: [...users, ADMIN],
  });
  const { browser, page, close } = await frenchBrowser();
  return {
    worker,
    harness,
    browser,
    page,
    close: () => stopAll({ browser: close, harness, worker, dir }),
  };
}
