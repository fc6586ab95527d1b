// A consultant in headless Chromium over the harness and a real local worker: imports their
// own tab (a dry run that says row by row what will happen, then the import that does exactly
// that), then sees their reminders in « Quotas et alertes » and turns the e-mail off.
// SCREENSHOTS=dir saves a picture of each step there.
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ADMIN, buildAddonTo, startLocalWorker } from '../../harness/local-worker';
import { type Harness, startHarness } from '../../harness/server';
import { createTerritory } from '../addon/fixtures';
import { axeViolations, frenchBrowser, sidebarOf, stopAll, tabRowsOf } from '../support/harness-page';

const CONSULTANT = 'claire.import-e2e@amo.example';
const TERRITORY = 'Communauté d’agglomération de l’Albigeois';
let worker: Awaited<ReturnType<typeof startLocalWorker>>;
let harness: Harness;
let page: Page;
let dir: string;
let closeBrowser: (() => Promise<void>) | undefined;

const plain = (s: string | null) => (s ?? '').replace(/[\u00A0\u202F]/g, ' ');
const shot = async (name: string, focus?: Locator) => {
  if (!process.env.SCREENSHOTS) return;
  await focus?.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(process.env.SCREENSHOTS, `${name}.png`) });
};

const openSidebar = (label: string, ready: string | RegExp) =>
  sidebarOf(page, harness, { user: CONSULTANT, label, ready });

const tabRows = (tab: string) => tabRowsOf(page, tab);
/** Each sidebar state these tests reach, checked with axe-core (WCAG 2.1 AA): none may fail. */
const axe = async (state: string) => expect(await axeViolations(page, state), state).toEqual([]);

beforeAll(async () => {
  worker = await startLocalWorker({ bundleDir: inject('workerBundle') });
  dir = buildAddonTo(worker.base);
  await worker.api(ADMIN)('POST', '/v1/members', { email: CONSULTANT, role: 'consultant' });
  const t = await createTerritory(worker.api, {
    id: 't-e2e-albi',
    name: TERRITORY,
    insee: '81004',
    consultant: CONSULTANT,
  });
  // The diagnostic is written: its summary is due, one reminder at least.
  await worker.api(CONSULTANT)('PUT', `/v1/territories/${t.id}/assessment`, {
    findings: 'Constat.',
    stakes: 'Enjeux.',
    recommendations: 'Recommandations.',
  });
  harness = await startHarness({
    workerUrl: worker.base,
    user: CONSULTANT,
    addonDir: dir,
    users: [CONSULTANT],
  });
  const sheet = harness.state.spreadsheet.insertSheet('Mon suivi');
  const rows = [
    ['Date', 'Type', 'Territoire', 'Durée', 'Modalité', 'Participants', 'Compte rendu'],
    [
      '14/10/2025',
      'Entretien individuel',
      'Albi',
      '1 h',
      'visio',
      3,
      'Entretien de cadrage avec la direction mobilité.',
    ],
    [
      '15/10/2025',
      'Appui collectif',
      'Albigeois',
      '½ journée',
      'présentiel',
      8,
      'Atelier assurance des vélos cargos.',
    ],
    ['32/10/2025', 'Diagnostic', 'Albi', '2 h', 'visio', 4, 'Diagnostic des flottes.'],
    ['16/10/2025', 'Diagnostic', 'Albi', '2 h', 'Sur place', 4, 'Visite des ateliers municipaux.'],
    ['17/10/2025', 'Point mensuel ADEME', '', '45 min', 'visio', 2, 'Point d’avancement mensuel.'],
  ];
  sheet.getRange(1, 1, rows.length, rows[0]!.length).setValues(rows);
  ({ page, close: closeBrowser } = await frenchBrowser());
}, 180_000);

afterAll(() => stopAll({ browser: closeBrowser, harness, worker, dir }));

describe('a consultant imports their own tab', () => {
  it('checks it, reads the verdict of each row beside it, then imports exactly that', async () => {
    const frame = await openSidebar('Importer un onglet existant', 'Vérifier (essai à blanc)');
    await expect.poll(() => frame.getByLabel('Durée').inputValue()).toBe('Durée');
    expect(await frame.getByLabel('Résumé').inputValue()).toBe('Compte rendu');
    await frame.getByRole('button', { name: 'Vérifier (essai à blanc)' }).click();
    const verdict = frame.getByText(/^Essai à blanc/);
    await verdict.waitFor();
    expect(plain(await verdict.textContent())).toContain(
      'Essai à blanc : 5 lignes vérifiées — 3 prêtes à importer, 0 déjà importée, 2 à corriger. Le détail est dans la colonne « Statut import VELI VELO » de l’onglet.',
    );
    await expect
      .poll(async () => plain(await frame.locator('li').first().textContent()))
      .toMatch(/^Ligne 3 : Durée « ½ journée » — Appui collectif : 120 min au plus par séance/);
    await shot('import-1-dry-run', verdict);
    await axe('import: the dry run’s verdict');
    const dry = await tabRows('Mon suivi');
    expect(dry.map((r) => plain(r['Statut import VELI VELO'] ?? ''))).toEqual([
      'OK : prête à importer',
      expect.stringMatching(/^Durée « ½ journée » — Appui collectif/),
      'Date — le 32/10/2025 n’existe pas : vérifiez le jour et le mois (JJ/MM/AAAA, par exemple 14/10/2025).',
      'OK : prête à importer',
      'OK : prête à importer',
    ]);
    expect(dry.map((r) => r['Identifiant VELI VELO'])).toEqual(['', '', '', '', '']);
    await shot('import-2-tab-after-dry-run');

    const side = page.frameLocator('#sidebar');
    await side.getByRole('button', { name: 'Importer', exact: true }).click();
    const done = side.getByText(/^Import\s:/);
    await done.waitFor();
    expect(plain(await done.textContent())).toMatch(
      /^Import : 3 lignes créées, 0 déjà importée, 2 refusées\./,
    );
    const after = await tabRows('Mon suivi');
    expect(after.map((r) => Boolean(r['Identifiant VELI VELO']))).toEqual([true, false, false, true, true]);
    const sessions = await tabRows('Séances');
    expect(sessions.map((r) => r.Résumé)).toEqual(
      expect.arrayContaining([
        'Entretien de cadrage avec la direction mobilité.',
        'Point d’avancement mensuel.',
      ]),
    );
    await shot('import-3-imported');
    await axe('import: imported');
  });
});

describe('a consultant’s reminders', () => {
  it('are listed in Quotas et alertes, and the e-mail is turned off there', async () => {
    const frame = await openSidebar('Quotas et alertes', /Mes rappels/);
    const section = frame.locator('#reminders');
    expect(plain(await section.locator('li').first().textContent())).toBe(
      `Synthèse territoriale de « ${TERRITORY} » à générer et à transmettre : le diagnostic est saisi (« Générer un document »).`,
    );
    const email = frame.getByLabel('Recevoir mes rappels par courriel');
    expect(await email.isChecked()).toBe(true);
    await shot('reminders-1-listed', section);
    await axe('quotas: my reminders');
    await email.uncheck();
    await frame.getByText(/^Rappels par courriel désactivés/).waitFor();
    await expect.poll(() => email.evaluate((el) => el === document.activeElement)).toBe(true);
    await shot('reminders-2-email-off', section);
    await axe('quotas: reminders e-mail off');
    const again = await openSidebar('Quotas et alertes', /Mes rappels/);
    expect(await again.getByLabel('Recevoir mes rappels par courriel').isChecked()).toBe(false);
    const me = await worker.api(CONSULTANT)('GET', '/v1/me');
    expect(me.body).toMatchObject({ preferences: { reminders: false } });
  });
});
