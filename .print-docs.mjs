import { chromium } from 'playwright-core';
import { writeFileSync } from 'node:fs';
const base = 'http://127.0.0.1:8795';
const as = 'admin@ademe.example';
const req = async (body) => {
  const r = await fetch(`${base}/v1/documents`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-dev-user': as }, body: JSON.stringify(body) });
  return r.json();
};
const list = JSON.parse(process.argv[2]);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--headless', '--disable-gpu'] });
const page = await browser.newPage();
for (const [name, body] of list) {
  const d = await req(body);
  if (!d.url) { console.log(name, JSON.stringify(d).slice(0, 400)); continue; }
  await page.goto(d.url);
  const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
  writeFileSync(`/tmp/docs-out/${name}.pdf`, pdf);
  console.log(name, 'pages', d.pages, 'warnings', d.warnings.length, d.warnings.map((w) => w.code).join(','), 'shortened', d.shortened.length);
}
await browser.close();
