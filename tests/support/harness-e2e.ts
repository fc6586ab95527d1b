// What a Chromium e2e over the add-on's harness starts: a local worker, the add-on built for
// it, the harness with its users, a French headless Chromium; `close` stops them all.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN, buildAddonTo, startLocalWorker } from '../../harness/local-worker';
import { startHarness } from '../../harness/server';
import { CHROMIUM_ARGS, launchChromium } from './chromium';

export async function startHarnessE2E(
  users: string[],
  prepare: (worker: Awaited<ReturnType<typeof startLocalWorker>>) => Promise<void>,
) {
  const worker = await startLocalWorker();
  const dir = buildAddonTo(worker.base);
  await prepare(worker);
  const harness = await startHarness({
    workerUrl: worker.base,
    user: users[0]!,
    addonDir: dir,
    users: [...users, ADMIN],
  });
  const profile = mkdtempSync(join(tmpdir(), 'veli-e2e-chromium-'));
  const browser = await launchChromium(profile, {
    locale: 'fr-FR',
    viewport: { width: 1500, height: 900 },
    args: [...CHROMIUM_ARGS, '--lang=fr-FR'],
  });
  const page = browser.pages()[0] ?? (await browser.newPage());
  return {
    worker,
    harness,
    browser,
    page,
    async close() {
      await browser.close();
      await harness.close();
      await worker.stop();
      for (const d of [dir, profile]) rmSync(d, { recursive: true, force: true });
    },
  };
}
