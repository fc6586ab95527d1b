// The worker's PDF page counter (it cannot use pdf-lib inside workerd) against pdf-lib's own
// count, on PDFs written with and without compressed object streams, and on Chromium's.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { countPdfPages } from '../../worker/documents/pdf';
import { launchChromium } from '../support/chromium';

async function pdfWith(pages: number, useObjectStreams: boolean) {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i++) doc.addPage([595, 842]);
  return doc.save({ useObjectStreams });
}

describe('countPdfPages', () => {
  it.each([1, 4, 5, 37])('counts %i pages, with or without object streams', async (n) => {
    expect(await countPdfPages(await pdfWith(n, false))).toBe(n);
    expect(await countPdfPages(await pdfWith(n, true))).toBe(n);
  });

  it('agrees with pdf-lib on a page printed by Chromium', async () => {
    const profile = mkdtempSync(join(tmpdir(), 'pdf-count-'));
    const browser = await launchChromium(profile);
    try {
      const page = await browser.newPage();
      await page.setContent(`<p>${'Une ligne de texte. '.repeat(2000)}</p>`);
      const pdf = await page.pdf({ format: 'A4' });
      const expected = (await PDFDocument.load(pdf)).getPageCount();
      expect(expected).toBeGreaterThan(1);
      expect(await countPdfPages(new Uint8Array(pdf))).toBe(expected);
    } finally {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    }
  });

  it('refuses what is not a PDF', async () => {
    await expect(countPdfPages(new TextEncoder().encode('<html>erreur</html>'))).rejects.toThrow('not a PDF');
  });
});
