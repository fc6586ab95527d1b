// What the Chromium tests of the harness share: a French headless browser, a sidebar opened from
// the menu as a given user, and a tab read as its page shows it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { CHROMIUM_ARGS, launchChromium } from './chromium';

/** Headless Chromium in French, 1500 × 900, on a profile of its own; `close` removes it. */
export async function frenchBrowser() {
  const profile = mkdtempSync(join(tmpdir(), 'veli-chromium-'));
  const browser = await launchChromium(profile, {
    locale: 'fr-FR',
    viewport: { width: 1500, height: 900 },
    args: [...CHROMIUM_ARGS, '--lang=fr-FR'],
  });
  const page = browser.pages()[0] ?? (await browser.newPage());
  const close = async () => {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
  };
  return { browser, page, close };
}

/** The harness page as `user`, the menu item `label` clicked, its sidebar once `ready` shows. */
export async function sidebarOf(
  page: Page,
  o: { url: string; user: string; label: string; ready: string | RegExp },
): Promise<FrameLocator> {
  await page.goto(`${o.url}/?user=${encodeURIComponent(o.user)}`);
  await page.locator('#menu').getByRole('button', { name: o.label, exact: true }).click();
  await page.locator('#side-title').getByText(o.label, { exact: true }).waitFor();
  const frame = page.frameLocator('#sidebar');
  await (typeof o.ready === 'string'
    ? frame.getByRole('button', { name: o.ready })
    : frame.getByText(o.ready)
  )
    .first()
    .waitFor();
  return frame;
}

/** A tab as the page shows it: rows of cell texts by header. */
export async function tabRowsOf(page: Page, tab: string): Promise<Record<string, string>[]> {
  await page.getByRole('tab', { name: tab, exact: true }).click();
  await page.locator(`#cells[data-tab="${tab}"]`).waitFor();
  const grid = await page
    .locator('#cells tr')
    .evaluateAll((trs) =>
      trs.slice(1).map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent ?? '')),
    );
  const [headers = [], ...rows] = grid;
  return rows.map((r) => Object.fromEntries(headers.map((h, i) => [h, r[i] ?? ''])));
}

/** Everything a harness test started, stopped in order (what did not start is skipped). */
export async function stopAll(o: {
  browser?: (() => Promise<void>) | undefined;
  harness?: { close(): Promise<void> } | undefined;
  worker?: { stop(): Promise<void> } | undefined;
  dir?: string | undefined;
}) {
  await o.browser?.();
  await o.harness?.close();
  await o.worker?.stop();
  if (o.dir) rmSync(o.dir, { recursive: true, force: true });
}
