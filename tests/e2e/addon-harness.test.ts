// The add-on end to end in headless Chromium: the harness page (spreadsheet + sidebar),
// the built add-on in its vm, a real local worker. What a consultant does and sees.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type FrameLocator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, buildAddonTo, startLocalWorker } from '../../harness/local-worker';
import { type Harness, startHarness } from '../../harness/server';
import { chromiumPath } from '../support/chromium';

const CONSULTANT = 'claire.e2e@amo.example';
let worker: Awaited<ReturnType<typeof startLocalWorker>>;
let harness: Harness;
let browser: BrowserContext;
let page: Page;
let dir: string;
let profile: string;
const territories: Record<string, string> = {};

async function territory(key: string, insee: string) {
  const id = `t-e2e-${key}-${Date.now().toString(36)}`;
  const name = `Territoire ${key} ${id.slice(-5)}`;
  const res = await worker.api(ADMIN)('POST', '/v1/territories', {
    id,
    name,
    legalForm: 'ca',
    centralCityInsee: insee,
    consultants: [CONSULTANT],
  });
  expect(res.status).toBe(201);
  territories[key] = name;
  return id;
}

const calls = () => harness.runtime.fakes.fetchLog.length;

async function openSidebar(label: string, ready: string): Promise<FrameLocator> {
  await page.goto(harness.url);
  await page.locator('#menu').getByRole('button', { name: label, exact: true }).click();
  await page.locator('#side-title').getByText(label, { exact: true }).waitFor();
  const frame = page.frameLocator('#sidebar');
  await frame.getByRole('button', { name: ready }).waitFor();
  return frame;
}

async function tabRows(tab: string): Promise<string[]> {
  await page.getByRole('tab', { name: tab, exact: true }).click();
  await page.locator(`#cells[data-tab="${tab}"]`).waitFor();
  return page.locator('#cells tr').allInnerTexts();
}

beforeAll(async () => {
  worker = await startLocalWorker();
  dir = buildAddonTo();
  await worker.api(ADMIN)('POST', '/v1/members', { email: CONSULTANT, role: 'consultant' });
  await territory('journal', '81004');
  await territory('quota', '11069');
  await territory('verrou', '32013');
  await territory('reseau', '12202');
  harness = await startHarness({
    workerUrl: worker.base,
    user: CONSULTANT,
    addonDir: dir,
    users: [CONSULTANT],
  });
  profile = mkdtempSync(join(tmpdir(), 'veli-chromium-'));
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  page = browser.pages()[0] ?? (await browser.newPage());
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await harness?.close();
  await worker?.stop();
  for (const d of [dir, profile]) if (d) rmSync(d, { recursive: true, force: true });
});

async function fillSession(frame: FrameLocator, kind: string, territory: string, summary: string) {
  await frame.getByLabel('Type de séance').selectOption({ label: kind });
  await frame.getByLabel('Territoire').selectOption({ label: territory });
  await frame.getByLabel('Date').fill('2025-03-12');
  await frame.getByLabel('Durée (minutes)').fill('180');
  await frame.getByLabel('Modalité').selectOption({ label: 'À distance' });
  await frame.getByLabel('Participants').fill('4');
  await frame.getByLabel('Résumé').fill(summary);
}

describe('Journal de séance', () => {
  it('logs a session: the remaining quota before, the Séances row and the new quota after', async () => {
    const frame = await openSidebar('Journal de séance', 'Enregistrer la séance');
    await fillSession(frame, 'Diagnostic et accompagnement', territories.journal!, '=Diagnostic des flottes');
    const quota = frame.locator('#quota');
    expect(await quota.textContent()).toMatch(/^Quota restant : 1\s680 min \(28 h\) sur 1\s680 min/);
    await frame.getByRole('button', { name: 'Enregistrer la séance' }).click();
    await frame.getByText(/Séance du 2025-03-12 enregistrée/).waitFor();
    expect(await quota.textContent()).toMatch(/^Quota restant : 1\s500 min \(25 h\) sur 1\s680 min/);
    const seances = await tabRows('Séances');
    expect(seances.filter((r) => r.includes('=Diagnostic des flottes'))).toHaveLength(1);
    const quotas = await tabRows('Quotas');
    expect(
      quotas.some((r) => /Diagnostic et accompagnement\tTerritoire\t.*\tminutes\t180\t1680\t1500/.test(r)),
    ).toBe(true);
  });

  it('shows the French messages for bad input, focuses the first, and calls nothing', async () => {
    const frame = await openSidebar('Journal de séance', 'Enregistrer la séance');
    await frame.getByLabel('Durée (minutes)').fill('0');
    const before = calls();
    await frame.getByRole('button', { name: 'Enregistrer la séance' }).click();
    await frame.getByText('Certaines valeurs sont invalides : corrigez les champs signalés.').waitFor();
    expect(await frame.locator('#f-kind-err').textContent()).toBe('Ce champ est obligatoire.');
    expect(await frame.locator('#f-durationMinutes-err').textContent()).toBe(
      'La valeur doit être au moins 1.',
    );
    expect(await frame.locator('#f-summary-err').textContent()).toBe('Ce champ est obligatoire.');
    expect(await frame.locator(':focus').getAttribute('id')).toBe('f-kind');
    expect(await frame.getByLabel('Type de séance').getAttribute('aria-invalid')).toBe('true');
    expect(calls()).toBe(before);
  });

  it('takes the last slot of a quota, then shows the quota error for one more', async () => {
    const frame = await openSidebar('Journal de séance', 'Enregistrer la séance');
    const kind = 'Entretien individuel avec le territoire';
    await fillSession(frame, kind, territories.quota!, 'Entretien de cadrage.');
    expect(await frame.locator('#quota').textContent()).toMatch(/^Quota restant : 1 séance sur 1 séance/);
    await frame.getByRole('button', { name: 'Enregistrer la séance' }).click();
    await frame.getByText(/Séance du 2025-03-12 enregistrée/).waitFor();
    await frame.getByLabel('Résumé').fill('Second entretien, de trop.');
    await frame.getByRole('button', { name: 'Enregistrer la séance' }).click();
    const alert = frame.getByRole('alert');
    await alert.getByText(/^Quota dépassé/).waitFor();
    expect((await alert.textContent())?.replace(/[\u00A0\u202F]/g, ' ')).toContain(
      `Quota dépassé : ${kind} — 1 séance utilisée(s) sur 1 séance`,
    );
    expect(await frame.locator('#quota').textContent()).toMatch(/^Quota restant : 0 séance sur 1 séance/);
    const seances = await tabRows('Séances');
    expect(seances.filter((r) => r.includes('Second entretien'))).toHaveLength(0);
  });

  it('after a lost answer, sending again reuses the id: one session, counted once', async () => {
    const frame = await openSidebar('Journal de séance', 'Enregistrer la séance');
    await fillSession(
      frame,
      'Entretien individuel avec le territoire',
      territories.reseau!,
      'Entretien réseau coupé.',
    );
    harness.runtime.fakes.faults.dropNextResponses = 1;
    await frame.getByRole('button', { name: 'Enregistrer la séance' }).click();
    await frame
      .getByRole('alert')
      .getByText(/^Le serveur VELI VELO ne répond pas/)
      .waitFor();
    await frame.getByRole('button', { name: 'Enregistrer la séance' }).click();
    await frame.getByText(/Séance du 2025-03-12 enregistrée/).waitFor();
    expect(await frame.locator('#quota').textContent()).toMatch(/^Quota restant : 0 séance sur 1 séance/);
    const seances = await tabRows('Séances');
    expect(seances.filter((r) => r.includes('Entretien réseau coupé.'))).toHaveLength(1);
    const posts = harness.runtime.fakes.fetchLog.filter((f) => f.method === 'POST').slice(-2);
    expect(posts.map((p) => p.status)).toEqual(['network-error', 200]);
  });
});

describe('Verrous', () => {
  it('creates a blocker, then resolves it with its solution', async () => {
    const frame = await openSidebar('Verrous', 'Enregistrer le verrou');
    await frame.getByLabel('Territoire').selectOption({ label: territories.verrou! });
    await frame.getByLabel('Catégorie').selectOption({ label: 'Stationnement' });
    await frame.getByLabel('Intitulé').fill('Pas de stationnement sécurisé en gare');
    await frame.getByLabel('Description').fill('Les vélos cargos ne peuvent pas stationner en gare.');
    await frame.getByLabel('Porteur de la solution').selectOption({ label: 'Territoire' });
    await frame.getByRole('button', { name: 'Enregistrer le verrou' }).click();
    await frame.getByText('Verrou « Pas de stationnement sécurisé en gare » enregistré : Ouvert.').waitFor();

    await frame.getByLabel('Statut').selectOption({ label: 'Levé' });
    const before = calls();
    await frame.getByRole('button', { name: 'Enregistrer le verrou' }).click();
    await frame.locator('#f-solution-err').getByText('Un verrou levé doit décrire sa solution.').waitFor();
    expect(await frame.locator(':focus').getAttribute('id')).toBe('f-solution');
    expect(calls()).toBe(before);

    await frame
      .getByRole('textbox', { name: 'Solution' })
      .fill('Box à vélos sécurisés posés par la commune.');
    await frame.getByRole('button', { name: 'Enregistrer le verrou' }).click();
    await frame.getByText('Verrou « Pas de stationnement sécurisé en gare » enregistré : Levé.').waitFor();
    const rows = (await tabRows('Verrous')).filter((r) =>
      r.includes('Pas de stationnement sécurisé en gare'),
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain('\tLevé\tBox à vélos sécurisés posés par la commune.');
  });
});

describe('the whole menu', () => {
  it('opens every sidebar in French, loaded from the worker, without a script error', async () => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    const sidebars: [string, string][] = [
      ['Journal de séance', 'Enregistrer la séance'],
      ['Verrous', 'Enregistrer le verrou'],
      ['Indicateurs', 'Enregistrer l’indicateur'],
      ['Atelier collectif', 'Enregistrer l’atelier'],
      ['Fiche action', 'Enregistrer la fiche action'],
      ['Diagnostic du territoire', 'Enregistrer le diagnostic'],
      ['Générer un document', 'Générer le document'],
      ['Paramètres', 'Enregistrer'],
    ];
    for (const [label, ready] of sidebars) {
      const frame = await openSidebar(label, ready);
      expect(await frame.getByRole('heading', { level: 1 }).textContent()).toBe(label);
      expect(await page.locator('#side-title').textContent()).toBe(label);
      expect(await frame.locator('html').getAttribute('lang')).toBe('fr');
    }
    const quotas = await openSidebar('Quotas et alertes', 'Actualiser');
    await quotas.getByRole('heading', { name: territories.journal! }).waitFor();
    const settings = await openSidebar('Paramètres', 'Enregistrer');
    await settings.getByText(`Connecté en tant que ${CONSULTANT} (Consultant (AMO)).`).waitFor();
    expect(errors).toEqual([]);
  });

  it('resynchronises the tabs from the menu and says so in a toast', async () => {
    await page.goto(harness.url);
    await page.locator('#menu').getByRole('button', { name: 'Resynchroniser les onglets' }).click();
    await page
      .locator('#toast')
      .getByText(/^Onglets reconstruits : \d+ ligne\(s\)\./)
      .waitFor();
    const names = await page.getByRole('tab').allTextContents();
    expect(names).toEqual(
      expect.arrayContaining(['Territoires', 'Partenaires', 'Séances', 'Verrous', 'Quotas']),
    );
    const rows = await tabRows('Territoires');
    for (const name of Object.values(territories))
      expect(rows.filter((r) => r.includes(name))).toHaveLength(1);
  });
});
