// A document's consistency warnings and condensed texts, each with a way to fix it: the
// button opens the sidebar that edits the record the warning names, the field marked.
import { CONSISTENCY_RULES, FORM_OF } from '../../../shared/documents/consistency';
import { frTypo, nf, plural } from '../../../shared/i18n/typography';
import type { DocumentWarning, ShortenedText } from '../../api';
import { h } from '../common/dom';
import { call } from '../common/server';

/** « Corriger » for one warning: the form of its record, opened on it. */
function fixButton(w: DocumentWarning) {
  const form = FORM_OF[w.subject.type];
  const button = h('button', { type: 'button', class: 'link' }, form.label);
  button.addEventListener('click', () => {
    button.disabled = true;
    void call('openRecordForm', {
      type: w.subject.type,
      id: w.subject.id,
      field: w.field,
      message: w.message,
    });
  });
  return button;
}

/** The warnings, grouped by rule, each line with its fix (a draft's) or as recorded (a submitted version's). */
export function warningsList(warnings: readonly DocumentWarning[], canFix: boolean, draft = true) {
  if (!warnings.length) return h('p', { class: 'ok-line' }, 'Aucun point de cohérence à reprendre.');
  const items = warnings.map((w) =>
    h(
      'li',
      {},
      h('strong', {}, frTypo(`${CONSISTENCY_RULES[w.code]} : `)),
      w.message,
      canFix ? h('span', {}, ' ', fixButton(w)) : null,
    ),
  );
  return h(
    'section',
    { class: 'warnings', 'aria-label': 'Points de cohérence' },
    h(
      'h3',
      {},
      frTypo(
        draft
          ? `À reprendre avant de soumettre : ${plural(warnings.length, 'point')}`
          : `Points reconnus à la soumission : ${plural(warnings.length, 'point')}`,
      ),
    ),
    h('ul', { class: 'notes-list' }, ...items),
  );
}

/** « Constat : 2 594 → 1 295 caractères » for each condensed text. */
export function shortenedList(shortened: readonly ShortenedText[]) {
  if (!shortened.length) return null;
  return h(
    'section',
    { class: 'shortened', 'aria-label': 'Textes abrégés' },
    h('h3', {}, frTypo(`Abrégé pour tenir en moins de 5 pages : ${plural(shortened.length, 'texte')}`)),
    h(
      'ul',
      { class: 'notes-list' },
      ...shortened.map((s) => h('li', {}, frTypo(`${s.label} : ${nf(s.from)} → ${nf(s.to)} caractères`))),
    ),
  );
}
