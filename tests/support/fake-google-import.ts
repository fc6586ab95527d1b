// What Drive's HTML import keeps of an uploaded page, as the Google stand-in models it. The
// rules are the documented or publicly reported ones, applied strictly so that a test fails
// where Google would lose something:
// - CSS `@page` is ignored: a new Doc is US Letter with one-inch margins until the Docs API
//   sets its page (`updateDocumentStyle`); `@media` blocks are not read either.
// - Headings that are not direct children of <body> become plain paragraphs (headings inside
//   <div> are not recognised: terraware/terraware-server PR #1011).
// - Page breaks: only Google's own form, `<hr style="page-break-before:always;display:none">`
//   (as its HTML export writes them), becomes a page break; break properties elsewhere are
//   dropped.
// - Column widths come from the cells (a `width` in pt/px/in/cm/mm in a class or inline
//   style, or the `width` attribute), as Google's export writes them; <colgroup>/<col> and
//   percentages are not read: such columns share the free width equally.
// - Styles: only rules in the form of Google's own export (`.c4{…}`, `p{…}`): each selector a
//   single class or a single element; descendant, compound or attribute selectors
//   (`table.ident th`, `td.bar`) are not applied.
// - A table cell with no text is a paragraph at the default text size (11 pt): it is at least
//   one such line tall, whatever its CSS says.
// - Header rows are ordinary rows: a table that breaks across pages does not repeat them.
// - Images: PNG, JPEG and GIF stay; SVG (inline or as a file) is dropped; scripts never run.
import type { Page } from 'playwright-core';

const BREAKS = [
  'break-before',
  'break-after',
  'break-inside',
  'page-break-before',
  'page-break-after',
  'page-break-inside',
];

/**
 * 1. Styles: the rules of Google's export form (each selector one class or one element) of
 * one <style> block, without break properties or @page/@media.
 */
function keepPlainRules(breaks: string[]) {
  const rules: string[] = [];
  const simple = (selector: string) =>
    selector.split(',').every((x) => /^\s*(\.[A-Za-z_][\w-]*|[a-z][a-z0-9]*)\s*$/.test(x));
  for (const sheet of Array.from(document.styleSheets)) {
    for (const rule of Array.from(sheet.cssRules)) {
      if (!(rule instanceof CSSStyleRule) || !simple(rule.selectorText)) continue;
      for (const p of breaks) rule.style.removeProperty(p);
      // A width given by a class is what the cell is read with (step 5).
      if (rule.style.width)
        for (const el of Array.from(document.querySelectorAll(rule.selectorText)))
          el.setAttribute('data-css-width', rule.style.width);
      rules.push(rule.cssText);
    }
  }
  for (const s of Array.from(document.querySelectorAll('style'))) s.remove();
  const style = document.createElement('style');
  style.textContent = rules.join('\n');
  document.head.append(style);
}

/** 2. Headings must be children of <body>; elsewhere they are plain paragraphs. */
function headingsInBody() {
  for (const h of Array.from(document.querySelectorAll('h1, h2, h3, h4, h5, h6'))) {
    if (h.parentElement === document.body) continue;
    const p = document.createElement('p');
    p.innerHTML = h.innerHTML;
    h.replaceWith(p);
  }
}

/** 3. What Docs cannot hold: scripts, SVG, frames; images other than PNG, JPEG and GIF. */
function dropUnsupported() {
  for (const el of Array.from(document.querySelectorAll('script, svg, iframe, object, embed'))) el.remove();
  for (const img of Array.from(document.querySelectorAll('img'))) {
    if (!/^data:image\/(png|jpeg|gif)[;,]|\.(png|jpe?g|gif)(\?|$)/i.test(img.getAttribute('src') ?? ''))
      img.remove();
  }
}

/** 4. Page breaks: Google's own form only; break properties elsewhere are dropped. */
function googlePageBreaks(breaks: string[]) {
  for (const el of Array.from(document.querySelectorAll<HTMLElement>('[style]'))) {
    const isBreak =
      el.tagName === 'HR' && /page-break-before\s*:\s*always/i.test(el.getAttribute('style') ?? '');
    if (!isBreak) {
      for (const p of breaks) el.style.removeProperty(p);
      continue;
    }
    const div = document.createElement('div');
    div.setAttribute('data-google-page-break', '');
    div.setAttribute('style', 'break-before: page; height: 0; margin: 0; padding: 0; border: 0');
    el.replaceWith(div);
  }
}

/** 5. Column widths from the first row's cells only, in points; <col> is not read. */
function cellWidths() {
  const PT: Record<string, number> = { pt: 1, px: 0.75, in: 72, cm: 72 / 2.54, mm: 72 / 25.4 };
  const toPt = (v: string | null | undefined): number | null => {
    const m = /^\s*([\d.]+)\s*(pt|px|in|cm|mm)?\s*$/.exec(v ?? '');
    return m ? Number(m[1]) * (PT[m[2] ?? 'px'] ?? 0.75) : null;
  };
  for (const col of Array.from(document.querySelectorAll('colgroup, col'))) col.remove();
  for (const table of Array.from(document.querySelectorAll('table'))) {
    const first = table.rows[0];
    if (!first) continue;
    const widths = Array.from(first.cells).map(
      (cell) =>
        toPt(cell.style.width) ??
        toPt(cell.getAttribute('data-css-width')) ??
        toPt(cell.getAttribute('width')),
    );
    table.setAttribute('data-google-widths', JSON.stringify(widths));
  }
}

/**
 * 6. Tables as Docs holds them: header rows become ordinary rows (not repeated on the next
 * page), and a cell without text is one paragraph at the default size (Arial 11 pt, 1.15).
 */
function docsTables() {
  for (const head of Array.from(document.querySelectorAll('thead'))) {
    const table = head.parentElement;
    const body = table?.querySelector('tbody');
    if (!table || !body) continue;
    body.prepend(...Array.from(head.rows));
    head.remove();
  }
  for (const cell of Array.from(document.querySelectorAll<HTMLElement>('td, th'))) {
    // A no-break space is text (at the cell's own size); spaces HTML collapses are nothing.
    if ((cell.textContent ?? '').replace(/[ \t\n\r]/g, '') !== '' || cell.querySelector('img')) continue;
    cell.innerHTML = '<p style="font-size:11pt;line-height:1.15;margin:0">&nbsp;</p>';
  }
}

/** Applies the import rules to `html` in a script-free page; returns the Doc's HTML. */
export async function importAsGoogle(page: Page, html: string): Promise<string> {
  await page.setContent(html, { waitUntil: 'load' });
  // Loaded through tsx (the bench), named inner functions call esbuild's `__name` helper,
  // which the page does not have.
  await page.evaluate('globalThis.__name ??= (f) => f');
  await page.evaluate(keepPlainRules, BREAKS);
  await page.evaluate(headingsInBody);
  await page.evaluate(dropUnsupported);
  await page.evaluate(googlePageBreaks, BREAKS);
  await page.evaluate(cellWidths);
  await page.evaluate(docsTables);
  return page.evaluate(() => `<!DOCTYPE html>\n${document.documentElement.outerHTML}`);
}

/**
 * Lays the Doc's tables out as Docs does on a page `contentWidthPt` wide: fixed columns, the
 * unspecified ones sharing what is left, the whole scaled down when wider than the page.
 */
export async function layOutTables(page: Page, contentWidthPt: number): Promise<void> {
  await page.evaluate('globalThis.__name ??= (f) => f');
  await page.evaluate((content) => {
    for (const table of Array.from(
      document.querySelectorAll<HTMLTableElement>('table[data-google-widths]'),
    )) {
      const widths = JSON.parse(table.getAttribute('data-google-widths') ?? '[]') as (number | null)[];
      const given = widths.reduce<number>((a, w) => a + (w ?? 0), 0);
      const free = widths.filter((w) => w === null).length;
      const share = free ? Math.max(0, content - given) / free : 0;
      let cols = widths.map((w) => w ?? share);
      const total = cols.reduce((a, w) => a + w, 0);
      if (total > content) cols = cols.map((w) => (w * content) / total);
      table.style.tableLayout = 'fixed';
      table.style.width = `${Math.min(total, content)}pt`;
      const colgroup = document.createElement('colgroup');
      for (const w of cols) {
        const col = document.createElement('col');
        col.style.width = `${w}pt`;
        colgroup.append(col);
      }
      table.prepend(colgroup);
      for (const cell of Array.from(table.querySelectorAll<HTMLElement>('td, th'))) cell.style.width = '';
    }
  }, contentWidthPt);
}
