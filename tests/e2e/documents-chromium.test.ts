// The page-count proof of the local default: the worker's own HTML, printed to A4 by headless
// Chromium (the reference renderer), counted with pdf-lib.
import { PDFDocument } from 'pdf-lib';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STRESS, seedTerritory, startDocumentsE2E, type TerritorySize } from '../support/documents-e2e';
import type { apiClient } from '../support/worker-process';

const XSS = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">';
const REQUIRED = [
  'Fiche descriptive',
  'Constat, enjeux et recommandations',
  'Constat',
  'Enjeux',
  'Recommandations',
  'État d’avancement',
  'Verrous et solutions',
  'Indicateurs par action',
];

/** One of everything, in short texts: nothing needs abridging. */
const SMALL: TerritorySize = { partners: 1, sessions: 1, blockers: 1, indicators: 1, chars: 120 };
/** A few of everything, with markup appended to every user text. */
const WITH_MARKUP: TerritorySize = {
  partners: 2,
  sessions: 2,
  blockers: 3,
  indicators: 5,
  chars: 300,
  marker: XSS,
};

let e2e: Awaited<ReturnType<typeof startDocumentsE2E>>;
let browser: BrowserContext;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  e2e = await startDocumentsE2E('docs-e2e-chromium');
  ({ browser, api } = e2e);
});

afterAll(async () => {
  await e2e?.close();
});

const makeTerritory = async (name: string, insee: string, size: TerritorySize) =>
  (await seedTerritory(api, name, insee, size)).id;

async function printSummary(territoryId: string) {
  const doc = await api('POST', '/v1/documents', { type: 'territory-summary', territoryId });
  expect(doc.status, JSON.stringify(doc.body)).toBe(201);
  const page = await browser.newPage();
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(doc.body.url, { waitUntil: 'load' });
  const headings = await page.locator('h2, h3').allInnerTexts();
  const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
  const pages = (await PDFDocument.load(pdf)).getPageCount();
  return { page, doc: doc.body, headings, pages, dialogs };
}

describe('territory summary printed by headless Chromium', () => {
  it('an oversized territory fits in at most 4 A4 pages with every required heading', async () => {
    const id = await makeTerritory('Albigeois', '81004', STRESS);
    const { page, doc, headings, pages } = await printSummary(id);
    expect(pages).toBeLessThanOrEqual(4);
    for (const h of REQUIRED) expect(headings).toContain(h);
    // The worker's estimate (its `pages` without Google) never undercounts Chromium's layout.
    expect(doc.pages).toBeGreaterThanOrEqual(pages);
    const body = await page.locator('body').textContent();
    expect(body).toMatch(/autres verrous non détaillés/);
    expect(body).toMatch(/Texte abrégé pour tenir le format/);
    await page.close();
  });

  it('a small territory’s summary still has every heading', async () => {
    const id = await makeTerritory('Rodez', '12202', SMALL);
    const { page, headings, pages, doc } = await printSummary(id);
    for (const h of REQUIRED) expect(headings).toContain(h);
    expect(pages).toBeLessThanOrEqual(doc.pages);
    expect(await page.locator('body').textContent()).not.toMatch(/abrégé|non détaillé/);
    await page.close();
  });

  it('markup typed in any field shows as text and runs nothing', async () => {
    const id = await makeTerritory('Carcassonne', '11069', WITH_MARKUP);
    const { page, dialogs } = await printSummary(id);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(await page.locator('script, img, iframe').count()).toBe(0);
    const body = await page.locator('body').textContent();
    // Every kind of field carried the marker: name, partner, blocker, indicator label, vehicle, texts.
    for (const label of [
      'Synthèse territoriale — Carcassonne',
      'Partenaire 1',
      'Verrou 1',
      'Indicateur',
      'Triporteur',
      'Constat',
    ])
      expect(body).toContain(`${label} ${XSS}`);
    await page.close();
  });
});
