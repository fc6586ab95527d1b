// The page-count proof of the local default: the worker's own HTML, printed to A4 by headless
// Chromium (the reference renderer), counted with pdf-lib.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { type BrowserContext, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath } from '../support/chromium';
import { CHROMIUM_ARGS } from '../support/fake-google';
import { apiClient, startLocalWorker } from '../support/worker-process';

const ADMIN = 'admin@ademe.example';
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

let worker: Awaited<ReturnType<typeof startLocalWorker>>;
let browser: BrowserContext;
let profile: string;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  profile = mkdtempSync(join(tmpdir(), 'docs-e2e-chromium-'));
  [worker, browser] = await Promise.all([
    startLocalWorker(ADMIN),
    chromium.launchPersistentContext(profile, { executablePath: chromiumPath(), args: CHROMIUM_ARGS }),
  ]);
  api = apiClient(worker.base, ADMIN);
  await api('POST', '/v1/members', { email: 'conseil@amo.example', role: 'consultant' });
});

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
  rmSync(profile, { recursive: true, force: true });
});

let seq = 0;
const newId = (prefix: string) => `${prefix}-${process.pid}-${Date.now().toString(36)}-${seq++}`;

/** Runs writes a few at a time: `wrangler dev` is one local process. */
async function inBatches(jobs: (() => Promise<{ status: number; body: unknown }>)[], size = 8) {
  for (let i = 0; i < jobs.length; i += size) {
    for (const r of await Promise.all(jobs.slice(i, i + size).map((j) => j())))
      expect([200, 201], JSON.stringify(r.body)).toContain(r.status);
  }
}

const text = (n: number, seed: string) => {
  const sentence = `${seed} : les usagers adoptent les vélos cargos pour leurs trajets quotidiens. `;
  return sentence.repeat(Math.ceil(n / sentence.length)).slice(0, n);
};

interface Size {
  partners: number;
  sessions: number;
  blockers: number;
  indicators: number;
  chars: number;
  marker?: string;
}

async function makeTerritory(name: string, insee: string, size: Size) {
  const m = size.marker ?? '';
  const t = await api('POST', '/v1/territories', {
    id: newId('t'),
    name: `${name} ${m}`,
    legalForm: 'ca',
    centralCityInsee: insee,
    consultants: ['conseil@amo.example'],
  });
  expect(t.status, JSON.stringify(t.body)).toBe(201);
  const id = t.body.id as string;
  const partners: string[] = [];
  for (let i = 0; i < size.partners; i++) {
    const p = await api('POST', `/v1/territories/${id}/partners`, {
      id: newId('p'),
      name: `Partenaire ${i + 1} ${m}`,
      kind: 'logistics',
      useCase: { category: 'last-mile-logistics', description: text(size.chars, `Cas d’usage ${m}`) },
      vehicles: [`Triporteur ${m}`],
    });
    expect(p.status, JSON.stringify(p.body)).toBe(201);
    partners.push(p.body.id);
  }
  const a = await api('PUT', `/v1/territories/${id}/assessment`, {
    findings: text(size.chars, `Constat ${m}`),
    stakes: text(size.chars, `Enjeu ${m}`),
    recommendations: text(size.chars, `Recommandation ${m}`),
  });
  expect(a.status).toBe(200);
  const writes: (() => Promise<{ status: number; body: unknown }>)[] = [];
  for (let i = 0; i < size.sessions; i++) {
    writes.push(() =>
      api('POST', '/v1/sessions', {
        id: newId('s'),
        kind: 'diagnostic',
        territoryId: id,
        date: `2025-${String((i % 11) + 2).padStart(2, '0')}-15`,
        durationMinutes: 60,
        mode: 'remote',
        participants: 2,
        summary: text(size.chars, `Séance ${m}`),
        override: { reason: 'Territoire très actif (test de volume)' },
      }),
    );
  }
  const statuses = ['open', 'in-progress', 'resolved', 'abandoned'];
  for (let i = 0; i < size.blockers; i++) {
    writes.push(() =>
      api('POST', '/v1/blockers', {
        id: newId('b'),
        territoryId: id,
        category: ['cost', 'parking', 'regulation', 'infrastructure'][i % 4],
        title: `Verrou ${i + 1} ${m}`,
        description: text(size.chars, `Verrou ${m}`),
        owner: 'partner',
        status: statuses[i % 4],
        solution: text(size.chars, `Solution ${m}`),
      }),
    );
  }
  for (let i = 0; i < size.indicators; i++) {
    const code = ['km', 'usage-rate', 'users', 'trips', 'custom'][i % 5];
    const month = String((i % 11) + 2).padStart(2, '0');
    writes.push(() =>
      api('POST', '/v1/indicators', {
        id: newId('i'),
        territoryId: id,
        partnerId: partners[i % partners.length],
        indicator: code,
        label: code === 'custom' ? `Indicateur ${m}` : undefined,
        unit: code === 'usage-rate' ? '%' : 'u',
        periodStart: `2025-${month}-01`,
        periodEnd: `2025-${month}-28`,
        value: code === 'usage-rate' ? 60 : 500 + i,
      }),
    );
  }
  await inBatches(writes);
  return id;
}

async function printSummary(territoryId: string) {
  const doc = await api('POST', '/v1/documents', { type: 'territory-summary', territoryId });
  expect(doc.status, JSON.stringify(doc.body)).toBe(201);
  const page = await browser.newPage();
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.setExtraHTTPHeaders({ 'x-dev-user': ADMIN });
  await page.goto(doc.body.url, { waitUntil: 'load' });
  const headings = await page.locator('h2, h3').allInnerTexts();
  const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
  const pages = (await PDFDocument.load(pdf)).getPageCount();
  return { page, doc: doc.body, headings, pages, dialogs };
}

describe('territory summary printed by headless Chromium', () => {
  it('an oversized territory fits in at most 4 A4 pages with every required heading', async () => {
    const id = await makeTerritory('Albigeois', '81004', {
      partners: 3,
      sessions: 60,
      blockers: 40,
      indicators: 50,
      chars: 5000,
    });
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
    const id = await makeTerritory('Rodez', '12202', {
      partners: 1,
      sessions: 1,
      blockers: 1,
      indicators: 1,
      chars: 120,
    });
    const { page, headings, pages, doc } = await printSummary(id);
    for (const h of REQUIRED) expect(headings).toContain(h);
    expect(pages).toBeLessThanOrEqual(doc.pages);
    expect(await page.locator('body').textContent()).not.toMatch(/abrégé|non détaillé/);
    await page.close();
  });

  it('markup typed in any field shows as text and runs nothing', async () => {
    const id = await makeTerritory('Carcassonne', '11069', {
      partners: 2,
      sessions: 2,
      blockers: 3,
      indicators: 5,
      chars: 300,
      marker: XSS,
    });
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
