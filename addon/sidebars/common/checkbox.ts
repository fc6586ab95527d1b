// A checkbox with its label on one line: the shared stylesheet gives inputs the full width and
// labels a line of their own, which a checkbox must not take.
import { h } from './dom';

export function checkbox(id: string, label: string) {
  const box = h('input', { type: 'checkbox', id, style: 'width:auto;margin:0 6px 0 0' });
  const row = h(
    'div',
    { class: 'field', style: 'display:flex;align-items:center' },
    box,
    h('label', { for: id, style: 'display:inline;margin:0' }, label),
  );
  return { box, row };
}
