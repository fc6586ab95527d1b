// Form fields described as data, read into the shape the shared schemas expect, and the
// schemas' French issues shown next to their fields (first one focused).
import { nf, plural } from '../../../shared/i18n/typography';
import type { FieldIssue } from '../../../shared/schemas/validate';
import { parseNumber } from '../../import-fields';
import { h } from './dom';

export type Option = readonly [value: string, label: string];
export interface Field {
  /** Dotted path in the request body, e.g. `reproducibility.ease`; `_x` fields stay out of it. */
  name: string;
  label: string;
  kind: 'text' | 'textarea' | 'date' | 'int' | 'decimal' | 'select' | 'url';
  required?: boolean;
  options?: readonly Option[];
  /** First, empty choice of a select. */
  empty?: string;
  hint?: string;
  /** Live character budget shown under the field (the summary's prose fields). */
  budget?: number;
  /** Extra attributes of the control (min, max, inputmode…). */
  attrs?: Record<string, string>;
}

const REQUIRED = 'Ce champ est obligatoire.';
type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
const domId = (name: string) => `f-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;

export const optionsOf = (table: Record<string, string>): Option[] => Object.entries(table);

export function fillSelect(select: HTMLSelectElement, options: readonly Option[], empty?: string) {
  const current = select.value;
  select.replaceChildren(
    ...(empty !== undefined ? [h('option', { value: '' }, empty)] : []),
    ...options.map(([v, l]) => h('option', { value: v }, l)),
  );
  if ([...select.options].some((o) => o.value === current)) select.value = current;
}

export function buildForm(fields: readonly Field[], submitLabel: string) {
  const controls = new Map<string, Control>();
  const errors = new Map<string, HTMLElement>();
  const wrappers = new Map<string, HTMLElement>();
  const form = h('form', { novalidate: true });
  for (const f of fields) {
    const id = domId(f.name);
    let control: Control;
    if (f.kind === 'textarea') control = h('textarea', { rows: '3' });
    else if (f.kind === 'select') {
      control = h('select', {});
      fillSelect(control, f.options ?? [], f.empty);
    } else if (f.kind === 'decimal') {
      // A decimal comma is the user's, not the browser's: text, read with parseNumber.
      control = h('input', { type: 'text', inputmode: 'decimal', autocomplete: 'off' });
    } else
      control = h('input', {
        type: f.kind === 'int' ? 'number' : f.kind,
        step: f.kind === 'int' ? '1' : undefined,
      });
    for (const [k, v] of Object.entries(f.attrs ?? {})) control.setAttribute(k, v);
    control.id = id;
    control.name = f.name;
    const err = h('p', { class: 'err', id: `${id}-err` });
    const describedBy = [`${id}-err`];
    const hint = f.hint ? h('p', { class: 'hint', id: `${id}-hint` }, f.hint) : null;
    if (hint) describedBy.push(`${id}-hint`);
    if (f.required) control.setAttribute('aria-required', 'true');
    const label = h(
      'label',
      { for: id },
      f.label,
      f.required ? h('span', { 'aria-hidden': 'true' }, ' *') : null,
    );
    const counter = f.budget ? budgetCounter(control, f.budget, `${id}-count`) : null;
    if (counter) describedBy.push(`${id}-count`);
    control.setAttribute('aria-describedby', describedBy.join(' '));
    const wrapper = h('div', { class: 'field' }, label, control, hint, counter, err);
    controls.set(f.name, control);
    errors.set(f.name, err);
    wrappers.set(f.name, wrapper);
    form.append(wrapper);
  }
  const submit = h('button', { type: 'submit', class: 'primary' }, submitLabel);
  form.append(submit);

  return {
    form,
    submit,
    control: (name: string) => controls.get(name)!,
    /** Hides a field that does not apply (and leaves its value out of the body). */
    toggle(name: string, visible: boolean) {
      wrappers.get(name)!.hidden = !visible;
    },
    /** The body: empty inputs are left out, numbers are numbers, dotted names nest. */
    values(): Record<string, unknown> {
      const out: Record<string, unknown> = {};
      for (const f of fields) {
        if (f.name.startsWith('_') || wrappers.get(f.name)!.hidden) continue;
        const raw = controls.get(f.name)!.value;
        if (raw.trim() === '') continue;
        const value = f.kind === 'int' ? Number(raw) : f.kind === 'decimal' ? (parseNumber(raw) ?? raw) : raw;
        const parts = f.name.split('.');
        let target = out;
        for (const p of parts.slice(0, -1)) {
          target[p] ??= {};
          target = target[p] as Record<string, unknown>;
        }
        target[parts[parts.length - 1]!] = value;
      }
      return out;
    },
    set(name: string, value: string | number | undefined) {
      const c = controls.get(name);
      if (!c) return;
      c.value = value === undefined ? '' : String(value);
      c.dispatchEvent(new Event('input'));
    },
    clearIssues() {
      for (const [name, err] of errors) {
        err.textContent = '';
        controls.get(name)!.removeAttribute('aria-invalid');
      }
    },
    /** Shows each issue under its field; returns those that match no field. Focuses the first. */
    showIssues(issues: readonly FieldIssue[]): FieldIssue[] {
      this.clearIssues();
      const unplaced: FieldIssue[] = [];
      for (const issue of issues) {
        // `keyFigures.0.label` belongs to the field `keyFigures`: try ever shorter prefixes.
        const parts = issue.path.split('.');
        let name: string | undefined;
        for (let n = parts.length; n > 0 && !name; n--) {
          const candidate = parts.slice(0, n).join('.');
          if (errors.has(candidate) && !wrappers.get(candidate)!.hidden) name = candidate;
        }
        if (!name) {
          unplaced.push(issue);
          continue;
        }
        const err = errors.get(name)!;
        // An unchosen select reads as missing, not as "unknown value" with the codes listed.
        const control = controls.get(name)!;
        const message = control instanceof HTMLSelectElement && !control.value ? REQUIRED : issue.message;
        if (!err.textContent) err.textContent = message;
        controls.get(name)!.setAttribute('aria-invalid', 'true');
      }
      const first = fields.find((f) => controls.get(f.name)!.getAttribute('aria-invalid') === 'true');
      if (first) controls.get(first.name)!.focus();
      return unplaced;
    },
    reset() {
      form.reset();
      this.clearIssues();
    },
  };
}
export type Form = ReturnType<typeof buildForm>;

/** "1 234 / 3 000 caractères", and how much to cut once over the budget. */
function budgetCounter(control: HTMLElement, budget: number, id: string) {
  const out = h('p', { class: 'counter', id, 'aria-live': 'polite' });
  const update = () => {
    const n = (control as HTMLTextAreaElement).value.length;
    const over = n - budget;
    out.textContent =
      over > 0
        ? `${nf(n)} / ${nf(budget)} caractères : ${plural(over, 'caractère')} de trop pour tenir la synthèse sous 5 pages.`
        : `${nf(n)} / ${nf(budget)} caractères`;
    out.classList.toggle('over', over > 0);
  };
  control.addEventListener('input', update);
  control.addEventListener('change', update);
  queueMicrotask(update);
  return out;
}
