// What the Chromium tests of the harness share: a French headless browser, a sidebar opened from
// the menu as a given user, and a tab read as its page shows it.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Harness } from '../../harness/server';
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

/** The menu's item `label`, after « Afficher toutes mes commandes » while the role is not known yet. */
export async function menuItem(page: Page, label: string) {
  const menu = page.locator('#menu');
  await menu.getByRole('button').first().waitFor();
  const more = menu.getByRole('button', { name: 'Afficher toutes mes commandes' });
  if (await more.count()) {
    await more.click();
    await expect.poll(() => more.count(), { timeout: 30_000 }).toBe(0);
  }
  return menu.getByRole('button', { name: label, exact: true });
}

/**
 * The harness page as `user`, the menu item `label` clicked and its sidebar once `ready` shows —
 * the one this click opens, not the one the page shows first (left open by an earlier step).
 * `title`: the sidebar's title bar, when the menu item says more.
 */
export async function sidebarOf(
  page: Page,
  harness: Pick<Harness, 'url' | 'state'>,
  o: { user: string; label: string; ready: string | RegExp; title?: string },
): Promise<FrameLocator> {
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

/** axe-core, injected into a sidebar: WCAG 2.1 AA. */
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** axe-core over the open sidebar as it is now: its WCAG 2.1 AA violations, each with where and why. */
export async function axeViolations(page: Page, state: string): Promise<string[]> {
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
