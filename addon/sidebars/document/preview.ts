// The first page of a document before it is generated: the worker builds and lays it out
// without storing anything; the page shows scaled to the sidebar, with its estimated pages,
// its warnings and what would be condensed.
import { frTypo, plural } from '../../../shared/i18n/typography';
import type { DocumentPreview } from '../../api';
import { h } from '../common/dom';
import { shortenedList, warningsList } from './warnings';

/** A4 at 96 dpi, shown 0.34 times its size in a 300-pixel sidebar. */
const PAGE_PX = { width: 794, height: 1123 };
const SCALE = 0.34;

export function previewPanel(p: DocumentPreview, canFix: boolean) {
  const frame = h('iframe', {
    title: frTypo(`Aperçu de la première page : ${p.title}`),
    sandbox: '',
    srcdoc: p.firstPage,
    width: String(PAGE_PX.width),
    height: String(PAGE_PX.height),
    class: 'page-frame',
  });
  frame.style.transform = `scale(${SCALE})`;
  const box = h('div', { class: 'page-box' }, frame);
  box.style.width = `${Math.round(PAGE_PX.width * SCALE)}px`;
  box.style.height = `${Math.round(PAGE_PX.height * SCALE)}px`;
  return h(
    'section',
    { id: 'preview', 'aria-label': 'Aperçu avant génération' },
    h('h2', {}, 'Aperçu avant génération'),
    h('p', {}, frTypo(`${p.title} — environ ${plural(p.pages, 'page')} (estimation).`)),
    box,
    warningsList(p.warnings, canFix),
    shortenedList(p.shortened),
  );
}
