import { chromium } from 'playwright-core';
const base = 'http://127.0.0.1:18788';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox'] });
const page = await browser.newPage({ locale: 'fr-FR' });
page.on('pageerror', (e) => console.log('PAGEERROR', e.message));
await page.goto(`${base}/?user=claire.martin@amo.example`);
await page.locator('#menu').getByRole('button', { name: 'Générer un document', exact: true }).click();
const f = page.frameLocator('#sidebar');
await f.getByRole('button', { name: 'Générer le document' }).waitFor();
const t0 = Date.now();
await f.locator('#all-summaries').click();
for (let i = 0; i < 30; i++) { await page.waitForTimeout(2000); const txt = await f.locator('#app').innerText(); if (/Terminé/.test(txt)) break; }
console.log(Date.now() - t0, 'ms');
console.log(await f.locator('#app').innerText());
await page.screenshot({ path: '/tmp/dbg-doc.png' });
await browser.close();
