// Issue 17 end to end in headless Chromium, through the add-on's harness and a real local
// worker: a consultant writes the programme's synthesis, previews and generates report 1,
// sees its warnings, fixes one from its link (the Diagnostic opens on the territory), submits
// the regenerated report acknowledging what remains; an admin validates it. The printed
// reports open with the people's prose. SCREENSHOTS=dir saves the steps and the PDFs there.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, type startLocalWorker } from '../../harness/local-worker';
import type { Harness } from '../../harness/server';
import { createTerritory } from '../addon/fixtures';
import { startHarnessE2E } from '../support/harness-e2e';
import { axeViolations, sidebarOf } from '../support/harness-page';
import { pdfPages } from '../support/pdf-text';

const CONSULTANT = 'claire.docs@amo.example';
/** A consultant of three territories, for the ten summaries' button (a cache of her own). */
const BATCH = 'julien.docs@amo.example';
const SYNTHESIS =
  'Les territoires partagent trois verrous : le stationnement, l’assurance et le coût d’entretien des véhicules. Nous recommandons à l’ADEME une assurance flotte négociée à l’échelle régionale.';
let worker: Awaited<ReturnType<typeof startLocalWorker>>;
let harness: Harness;
let browser: BrowserContext;
let page: Page;
let territory: { id: string; name: string };

const plain = (s: string | null) => (s ?? '').replace(/[\u00A0\u202F]/g, ' ');
/** The sidebar as it is now, checked with axe-core (WCAG 2.1 AA): no violation. */
const accessible = async (state: string) => expect(await axeViolations(page, state), state).toEqual([]);
const shot = async (name: string) => {
  if (process.env.SCREENSHOTS) await page.screenshot({ path: join(process.env.SCREENSHOTS, `${name}.png`) });
};

const openSidebar = (label: string, ready: string, user = CONSULTANT): Promise<FrameLocator> =>
  sidebarOf(page, harness, { label, ready, user });

/** Report 1 asked for in the Document sidebar, generated, its panel shown. */
async function generateReport1(frame: FrameLocator) {
  await frame.locator('#f-type').selectOption({ label: 'Rapport d’avancement' });
  await frame.locator('#f-report').selectOption({ label: 'Rapport n° 1 (phase 1)' });
  await frame.getByRole('button', { name: 'Générer le document' }).click();
  await frame.locator('.document-panel').waitFor({ timeout: 60_000 });
}

/** A report printed by Chromium from its link, its pages' text. */
async function printed(url: string, name: string) {
  const p = await browser.newPage();
  try {
    await p.goto(url);
    const pdf = await p.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
    if (process.env.SCREENSHOTS) writeFileSync(join(process.env.SCREENSHOTS, `${name}.pdf`), pdf);
    return pdfPages(pdf).map(plain);
  } finally {
    await p.close();
  }
}

let e2e: Awaited<ReturnType<typeof startHarnessE2E>>;

beforeAll(async () => {
  e2e = await startHarnessE2E([CONSULTANT, BATCH], async (w) => {
    await w.api(ADMIN)('POST', '/v1/members', { email: CONSULTANT, role: 'consultant' });
    await w.api(ADMIN)('POST', '/v1/members', { email: BATCH, role: 'consultant' });
    for (const [key, insee] of [
      ['a', '46042'],
      ['b', '12202'],
      ['c', '65440'],
    ] as const)
      await createTerritory(w.api, {
        id: `t-batch-${key}-${Date.now().toString(36)}`,
        name: `Lot ${key.toUpperCase()}`,
        insee,
        consultant: BATCH,
      });
    territory = await createTerritory(w.api, {
      id: `t-docs-${Date.now().toString(36)}`,
      name: 'Territoire des livrables',
      insee: '81004',
      consultant: CONSULTANT,
    });
  });
  ({ worker, harness, browser, page } = e2e);
}, 180_000);

afterAll(async () => {
  await e2e?.close();
});

/** The programme's synthesis, with its character guidance. */
async function writeSynthesis() {
  const frame = await openSidebar('Synthèses du programme', 'Enregistrer les synthèses');
  const synthesis = frame.getByLabel('Synthèse du programme');
  await synthesis.fill(SYNTHESIS);
  expect(plain(await frame.locator('#f-report1Synthesis-count').textContent())).toMatch(
    /^\d+ caractères — plus court que le repère$/,
  );
  await frame.getByRole('button', { name: 'Enregistrer les synthèses' }).click();
  await frame.getByText('Synthèses du programme enregistrées.').waitFor({ timeout: 60_000 });
  await shot('docs-1-syntheses');
  await accessible('synthèses: saved');
}

/** Report 1: the preview first (nothing stored), then the generation and its warnings. */
async function generateWithWarnings() {
  const frame = await openSidebar('Générer un document', 'Générer le document');
  await frame.locator('#f-type').selectOption({ label: 'Rapport d’avancement' });
  await frame.locator('#f-report').selectOption({ label: 'Rapport n° 1 (phase 1)' });
  await frame.getByRole('button', { name: 'Aperçu avant génération' }).click();
  await frame.locator('#preview iframe').waitFor({ timeout: 60_000 });
  expect(plain(await frame.locator('#preview').textContent())).toContain('Territoire sans synthèse rédigée');
  await shot('docs-2-preview');
  await accessible('document: preview');
  await generateReport1(frame);
  const panel = frame.locator('.document-panel');
  expect(plain(await panel.textContent())).toContain(`« ${territory.name} » est encore à rédiger`);
  await shot('docs-3-warnings');
  await accessible('document: warnings after generation');
}

/** The warning's link opens the Diagnostic on the territory; the consultant writes it. */
async function fixFromLink() {
  const panel = page.frameLocator('#sidebar').locator('.document-panel');
  await panel.getByRole('button', { name: 'Ouvrir le diagnostic du territoire' }).first().click();
  await page.locator('#side-title').getByText('Diagnostic du territoire', { exact: true }).waitFor();
  const frame = page.frameLocator('#sidebar');
  await frame.getByLabel('Constat').waitFor();
  expect(await frame.locator('#f-_territory').inputValue()).toBe(territory.id);
  await frame.getByLabel('Constat').fill('Des trajets courts et une forte dépendance à la voiture.');
  await frame.getByLabel('Enjeux').fill('Structurer une offre de VELI pour les trajets de moins de 10 km.');
  await frame.getByLabel('Recommandations').fill('Inscrire les VELI au plan de mobilité.');
  await frame.getByRole('button', { name: 'Enregistrer le diagnostic' }).click();
  await frame.getByText(/Diagnostic de «.+» enregistré/).waitFor({ timeout: 60_000 });
  await shot('docs-4-fixed');
}

/** Regenerated: that warning is gone; the rest are acknowledged one by one, then submitted. */
async function regenerateAndSubmit() {
  const frame = await openSidebar('Générer un document', 'Générer le document');
  await generateReport1(frame);
  const regenerated = frame.locator('.document-panel');
  expect(plain(await regenerated.textContent())).not.toContain(`« ${territory.name} » est encore à rédiger`);
  // The strategy's optional sections are still empty: submitting without a word is refused.
  await regenerated.getByRole('button', { name: 'Soumettre à l’ADEME' }).click();
  const refused = regenerated.locator('.outcome.failed');
  await refused.waitFor();
  expect(plain(await refused.textContent())).toContain('points à reprendre');
  for (const box of await regenerated.locator('fieldset input[type="checkbox"]').all()) await box.check();
  await regenerated.getByRole('button', { name: 'Soumettre à l’ADEME' }).click();
  await frame.locator('.badge-submitted').first().waitFor();
  await shot('docs-5-submitted');
}

/** The admin validates the submitted version. */
async function validateAsAdmin() {
  const frame = await openSidebar('Générer un document', 'Générer le document', ADMIN);
  await frame.locator('#existing summary').click();
  await frame
    .locator('#existing li', { hasText: 'Rapport d’avancement n° 1' })
    .getByRole('button', { name: 'Suivre' })
    .click();
  await frame.getByRole('button', { name: 'Valider cette version' }).click();
  await frame
    .locator('.outcome.done, .outcome.failed')
    .first()
    .waitFor()
    .catch(async (e) => {
      await shot('docs-debug');
      throw new Error(`${e}\n${await frame.locator('#app').textContent()}`);
    });
  expect(plain(await frame.locator('.outcome').first().textContent())).toBe(
    'Version validée : elle est désormais immuable.',
  );
  await frame.locator('.versions summary').click();
  await frame.locator('.versions li').first().waitFor();
  expect(plain(await frame.locator('.versions li').first().textContent())).toMatch(
    /^Version 2 Validée par l’ADEME — soumise par claire\.docs@amo\.example ; validée par admin@ademe\.example ; données au \d{2}\/\d{2}\/\d{4} — voir$/,
  );
  await shot('docs-6-validated');
  await accessible('document: validated, versions open');

  // The versions as the API lists them: the submitter its author, the admin its validator.
  const docs = await worker.api(ADMIN)('GET', '/v1/documents');
  const report = docs.body.documents.find((d: { subject: string }) => d.subject === 'progress-report:1');
  const versions = await worker.api(ADMIN)('GET', `/v1/documents/${report.id}/versions`);
  expect(versions.body.versions[0]).toMatchObject({ status: 'validated', validator: ADMIN });
  expect(versions.body.versions[0].author).toContain(CONSULTANT);
}

describe('deliverables ADEME validates', () => {
  it('a consultant writes the synthesis, generates report 1, fixes a warning from its link, submits; an admin validates', async () => {
    await writeSynthesis();
    await generateWithWarnings();
    await fixFromLink();
    await regenerateAndSubmit();
    await validateAsAdmin();
  });

  it('the printed reports open with the people’s prose, the tables after it', async () => {
    const api = worker.api(CONSULTANT);
    await api('PUT', '/v1/programme/assessment', {
      report2Lessons: 'Les ateliers sur le terrain ont davantage convaincu que les séances à distance.',
      finalCopilMinutes: 'Le COPIL final valide le bilan et trois suites.',
      criticalView: { worked: 'Le diagnostic individuel.', didNotWork: 'L’assurance des véhicules prêtés.' },
    });
    const make = async (report: string) =>
      (await api('POST', '/v1/documents', { type: 'progress-report', report })).body;
    const [r1, r2, rf] = await Promise.all([make('1'), make('2'), make('final')]);
    const p1 = await printed(r1.url, 'report-1');
    expect(p1[1]).toMatch(/^Synthèse du programme\s+Constats croisés/);
    expect(p1[1]).toContain(plain(SYNTHESIS).slice(0, 60));
    const p2 = await printed(r2.url, 'report-2');
    expect(p2[1]).toContain('Les ateliers sur le terrain ont davantage convaincu');
    const pf = await printed(rf.url, 'report-final');
    expect(pf[1]).toMatch(
      /^Bilan global de l’opération\s+Compte rendu du COPIL final\s+Le COPIL final valide/,
    );
    expect(pf[1]).toContain('Ce qui n’a pas fonctionné');
  });
});

/** One sentence of 20,000 characters: recommendations are never cut, so no page fits them. */
const TOO_LONG = `${'Intégrer les véhicules intermédiaires au plan de mobilité '.repeat(345).slice(0, 19_999)}.`;

describe('the summaries of one’s territories, in one go', () => {
  it('can be stopped after the summary being written, and a summary that failed is retried alone', async () => {
    const api = worker.api(ADMIN);
    const listed = (await api('GET', '/v1/territories')).body;
    const territories: { id: string; name: string }[] = Array.isArray(listed) ? listed : listed.territories;
    const b = territories.find((t) => t.name === 'Lot B')!;
    const assess = (recommendations: string) =>
      api('PUT', `/v1/territories/${b.id}/assessment`, {
        findings: 'Constat.',
        stakes: 'Enjeux.',
        recommendations,
      });
    expect((await assess(TOO_LONG)).status).toBe(200);
    const frame = await openSidebar('Générer un document', 'Générer le document', BATCH);
    const start = frame.getByRole('button', { name: 'Générer les synthèses de mes territoires (3)' });
    await start.click();
    await frame.getByRole('button', { name: 'Arrêter après la synthèse en cours' }).click();
    await frame.getByText(/^Arrêté\s: 1\ssynthèse générée sur 3\.$/).waitFor({ timeout: 60_000 });
    await start.click();
    await frame
      .getByText(/^Terminé\s: 2\ssynthèses générées sur 3\.$/)
      .waitFor({ timeout: 90_000 })
      .catch(async (e) => {
        throw new Error(`${e}\n${plain(await frame.locator('#all-summaries ~ ol').textContent())}`);
      });
    const retry = frame.getByRole('button', { name: /^Réessayer « Lot B »$/ });
    expect(plain(await frame.locator('li.failed').textContent())).toMatch(
      /^« Lot B » : La synthèse ne tient pas/,
    );
    await shot('docs-7-batch-failed');
    expect((await assess('Inscrire les VELI au plan de mobilité.')).status).toBe(200);
    await retry.click();
    await retry.waitFor({ state: 'detached', timeout: 60_000 });
    expect(plain((await frame.locator('#all-summaries ~ ol li.done').allTextContents()).join('\n'))).toMatch(
      /« Lot B » : Synthèse territoriale — Lot B/,
    );
  }, 180_000);
});
