// What a Chromium e2e over the add-on's harness starts: a local worker, the add-on built for
// it, the harness with its users, a French headless Chromium; `close` stops them all.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
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

type E2EPage = import('playwright-core').Page;
type E2EHarness = Awaited<ReturnType<typeof startHarness>>;

/** A menu item; the whole menu first when it still shows the commands every role has. */
export async function menuItem(page: E2EPage, label: string) {
  const menu = page.locator('#menu');
  await menu.getByRole('button').first().waitFor();
  const more = menu.getByRole('button', { name: 'Afficher toutes mes commandes' });
  if (await more.count()) {
    await more.click();
    await expect.poll(() => more.count(), { timeout: 30_000 }).toBe(0);
  }
  return menu.getByRole('button', { name: label, exact: true });
}

/** The sidebar a menu item opens as `user`, once it replaced the one left open (`title`: its title bar). */
export async function openSidebarAs(
  page: E2EPage,
  harness: E2EHarness,
  o: { label: string; ready: string | RegExp; user: string; title?: string },
) {
  await page.goto(`${harness.url}/?user=${encodeURIComponent(o.user)}`);
  const shown = harness.state.user(o.user).ui.sidebarVersion;
  await (await menuItem(page, o.label)).click();
  const version = async () =>
    Number(
      new URL((await page.locator('#sidebar').getAttribute('src')) ?? '', harness.url).searchParams.get('v'),
    );
  await expect.poll(version, { timeout: 30_000 }).toBeGreaterThan(shown);
  await page
    .locator('#side-title')
    .getByText(o.title ?? o.label, { exact: true })
    .waitFor();
  const frame = page.frameLocator('#sidebar');
  const ready = o.ready;
  await (typeof ready === 'string' ? frame.getByRole('button', { name: ready }) : frame.getByText(ready))
    .first()
    .waitFor();
  return frame;
}

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
export const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** axe-core (injected) over the sidebar as it is now: each violation of WCAG 2.1 AA, in words. */
export async function axeViolations(page: E2EPage, state: string): Promise<string[]> {
  const frame = page.frames().find((f) => f.url().includes('/harness/sidebar'));
  if (!frame) throw new Error(`${state}: no sidebar open`);
  if (!(await frame.evaluate(() => 'axe' in window))) await frame.addScriptTag({ content: AXE });
  return frame.evaluate(async (tags) => {
    // biome-ignore lint/suspicious/noExplicitAny: axe-core's global, injected above
    const result = await (window as any).axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return (result.violations as { id: string; nodes: { target: string[]; failureSummary: string }[] }[]).map(
      (v) => `${v.id}: ${v.nodes.map((n) => `${n.target.join(' ')} — ${n.failureSummary}`).join(' | ')}`,
    );
  }, WCAG_AA);
}
