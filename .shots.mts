import { chromium } from 'playwright-core';
const base = process.env.H ?? 'http://127.0.0.1:18788';
const out = process.env.OUT ?? '/tmp/shots';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1500, height: 900 } });
page.on('pageerror', (e) => console.log('PAGEERROR', e.message));
const as = async (user: string) => { await page.goto(`${base}/?user=${encodeURIComponent(user)}`); await page.locator('#menu button').first().waitFor(); };
const menu = (label: string) => page.locator('#menu').getByRole('button', { name: label, exact: true }).click();
const tab = async (name: string) => { await page.getByRole('tab', { name, exact: true }).click(); await page.locator(`#cells[data-tab="${name}"]`).waitFor(); };
const steps = (process.env.STEPS ?? 'admin').split(',');
if (steps.includes('admin')) {
  await as('admin@ademe.example');
  await menu('Resynchroniser les onglets (administrateurs)');
  await page.locator('#toast').getByText(/Onglets resynchronisés/).waitFor({ timeout: 60000 });
  await page.screenshot({ path: `${out}-admin-toast.png` });
  for (const t of ['Tableau de bord', 'Territoires', 'Séances', 'Quotas', 'Alertes', 'Verrous']) { await tab(t); await page.screenshot({ path: `${out}-admin-${t.replace(/\W/g, '_')}.png` }); }
}
if (steps.includes('claire')) {
  await as('claire.martin@amo.example');
  await menu('Journal de séance');
  const f = page.frameLocator('#sidebar');
  await f.getByRole('button', { name: 'Enregistrer la séance' }).waitFor();
  await page.screenshot({ path: `${out}-claire-journal.png` });
}
if (steps.includes('viewer')) {
  await as('lecteur@ademe.example');
  await menu('Journal de séance');
  await page.frameLocator('#sidebar').getByRole('note').waitFor();
  await page.screenshot({ path: `${out}-viewer-journal.png` });
}
await browser.close();
