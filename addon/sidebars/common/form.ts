// Form fields described as data, read into the shape the shared schemas expect, and the
// schemas' French issues shown next to their fields (first one focused).
import { frTypo, nf, plural } from '../../../shared/i18n/typography';
import type { FieldIssue } from '../../../shared/schemas/validate';
import type { Choice } from '../../api';
import { h } from './dom';

export type Option = readonly [value: string, label: string];
export interface Field {
  /** Dotted path in the request body, e.g. `reproducibility.ease`; `_x` fields stay out of it. */
  name: string;
  label: string;
  kind: 'text' | 'textarea' | 'date' | 'int' | 'decimal' | 'select' | 'url';
  required?: boolean | undefined;
  options?: readonly Option[] | undefined;
  /** First, empty choice of a select. */
  empty?: string | undefined;
  hint?: string | undefined;
  /** Live character budget shown under the field (the summary's prose fields). */
  budget?: number | undefined;
  /** Extra attributes of the control (min, max, inputmode…). */
  attrs?: Record<string, string> | undefined;
  /**
   * How the typed text becomes the body's value (a decimal field: `parseNumber`, passed in by
   * the sidebar that has one, so that the others do not carry the import tables beside it).
   */
  read?: ((raw: string) => unknown) | undefined;
}

export const REQUIRED = 'Ce champ est obligatoire.';
export const CHOOSE = '— choisir —';
type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
type Extra = Partial<Omit<Field, 'name' | 'label' | 'kind'>>;
const domId = (name: string) => `f-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;

/** Most fields must be filled: `OPTIONAL` (or `{ required: false, … }`) says when not. */
export const OPTIONAL = { required: false } as const;
const required =
  (kind: Field['kind']) =>
  (name: string, label: string, extra?: Extra): Field => ({ name, label, kind, required: true, ...extra });

/** The forms' fields by kind; a select starts with « — choisir — », a choice is optional. */
export const field = {
  // Pure: a sidebar that builds no field leaves these out of its bundle.
  text: /* @__PURE__ */ required('text'),
  textarea: /* @__PURE__ */ required('textarea'),
  date: /* @__PURE__ */ required('date'),
  int: /* @__PURE__ */ required('int'),
  decimal: /* @__PURE__ */ required('decimal'),
  url: /* @__PURE__ */ required('url'),
  select: (name: string, label: string, options: readonly Option[], extra?: Extra) =>
    required('select')(name, label, { empty: CHOOSE, options, ...extra }),
  choice: (name: string, label: string, options: readonly Option[], empty?: string): Field => ({
    name,
    label,
    kind: 'select',
    options,
    empty,
  }),
};

export const optionsOf = (table: Record<string, string>): Option[] => Object.entries(table);
/** Stored records the context lists (workshops, actions) as options of a select. */
export const choices = (list: readonly Choice[] = []): Option[] => list.map((c) => [c.id, c.label] as const);

export function fillSelect(select: HTMLSelectElement, options: readonly Option[], empty?: string) {
  const current = select.value;
  select.replaceChildren(
    ...(empty !== undefined ? [h('option', { value: '' }, empty)] : []),
    ...options.map(([v, l]) => h('option', { value: v }, l)),
  );
  if ([...select.options].some((o) => o.value === current)) select.value = current;
}

function controlFor(f: Field): Control {
  if (f.kind === 'textarea') return h('textarea', { rows: '3' });
  if (f.kind === 'select') {
    const select = h('select', {});
    fillSelect(select, f.options ?? [], f.empty);
    return select;
  }
  // A decimal comma is the user's, not the browser's: text, read by the field's `read`.
  if (f.kind === 'decimal') return h('input', { type: 'text', inputmode: 'decimal', autocomplete: 'off' });
  return h('input', { type: f.kind === 'int' ? 'number' : f.kind, step: f.kind === 'int' ? '1' : undefined });
}

/** One field: label, control, hint, character budget and error line, tied by aria-describedby. */
function fieldRow(f: Field) {
  const id = domId(f.name);
  const control = controlFor(f);
  for (const [k, v] of Object.entries(f.attrs ?? {})) control.setAttribute(k, v);
  control.id = id;
  control.name = f.name;
  const err = h('p', { class: 'err', id: `${id}-err` });
  const hint = f.hint ? h('p', { class: 'hint', id: `${id}-hint` }, f.hint) : null;
  if (f.required) control.setAttribute('aria-required', 'true');
  const label = h(
    'label',
    { for: id },
    f.label,
    f.required ? h('span', { 'aria-hidden': 'true' }, ' *') : null,
  );
  const counter = f.budget ? budgetCounter(control, f.budget, `${id}-count`) : null;
  control.setAttribute('aria-describedby', [err, hint, counter].flatMap((e) => (e ? [e.id] : [])).join(' '));
  const wrapper = h('div', { class: 'field' }, label, control, hint, counter, err);
  return { field: f, control, err, wrapper };
}
type Row = ReturnType<typeof fieldRow>;

/** The body: empty inputs and hidden fields are left out, numbers are numbers, dotted names nest. */
function bodyOf(rows: Iterable<Row>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const { field: f, control, wrapper } of rows) {
    const raw = control.value;
    if (f.name.startsWith('_') || wrapper.hidden || raw.trim() === '') continue;
    const value = f.read ? f.read(raw) : f.kind === 'int' ? Number(raw) : raw;
    const parts = f.name.split('.');
    let target = out;
    for (const p of parts.slice(0, -1)) {
      target[p] ??= {};
      target = target[p] as Record<string, unknown>;
    }
    target[parts[parts.length - 1]!] = value;
  }
  return out;
}

/** The shown field an issue belongs to: `keyFigures.0.label` is the field `keyFigures`. */
function rowOf(rows: Map<string, Row>, path: string): Row | undefined {
  const parts = path.split('.');
  for (let n = parts.length; n > 0; n--) {
    const row = rows.get(parts.slice(0, n).join('.'));
    if (row && !row.wrapper.hidden) return row;
  }
  return undefined;
}

export function buildForm(fields: readonly Field[], submitLabel: string) {
  const rows = new Map(fields.map((f) => [f.name, fieldRow(f)]));
  const submit = h('button', { type: 'submit', class: 'primary' }, submitLabel);
  const form = h('form', { novalidate: true }, ...[...rows.values()].map((r) => r.wrapper), submit);
  const clearIssues = () => {
    for (const { err, control } of rows.values()) {
      err.textContent = '';
      control.removeAttribute('aria-invalid');
    }
  };
  return {
    form,
    submit,
    /** The control of a field (undefined for a field this form does not have). */
    control: (name: string) => rows.get(name)?.control as Control,
    /** Hides a field that does not apply (and leaves its value out of the body). */
    toggle(name: string, visible: boolean) {
      rows.get(name)!.wrapper.hidden = !visible;
    },
    values: () => bodyOf(rows.values()),
    set(name: string, value: string | number | undefined) {
      const c = rows.get(name)?.control;
      if (!c) return;
      c.value = value === undefined ? '' : String(value);
      c.dispatchEvent(new Event('input'));
    },
    clearIssues,
    /** Shows each issue under its field; returns those that match no field. Focuses the first. */
    showIssues(issues: readonly FieldIssue[]): FieldIssue[] {
      clearIssues();
      const unplaced = issues.filter((issue) => {
        const row = rowOf(rows, issue.path);
        if (!row) return true;
        // An unchosen select reads as missing, not as "unknown value" with the codes listed.
        const missing = row.control instanceof HTMLSelectElement && !row.control.value;
        if (!row.err.textContent) row.err.textContent = missing ? REQUIRED : issue.message;
        row.control.setAttribute('aria-invalid', 'true');
        return false;
      });
      [...rows.values()].find((r) => r.control.getAttribute('aria-invalid') === 'true')?.control.focus();
      return unplaced;
    },
  };
}
export type Form = ReturnType<typeof buildForm>;

/**
 * "1 234 / 3 000 caractères", and how far past it once over. The budget is a guide for a
 * summary under 5 pages with every field full, not a limit: what must really be shortened is
 * the worker's to say (422 DOES_NOT_FIT), and it is often less.
 */
function budgetCounter(control: HTMLElement, budget: number, id: string) {
  const out = h('p', { class: 'counter', id, 'aria-live': 'polite' });
  const update = () => {
    const n = (control as HTMLTextAreaElement).value.length;
    const over = n - budget;
    out.textContent =
      over > 0
        ? frTypo(
            `${nf(n)} / ${nf(budget)} caractères : ${plural(over, 'caractère')} de plus que le repère d’une synthèse de moins de 5 pages.`,
          )
        : `${nf(n)} / ${nf(budget)} caractères`;
    out.classList.toggle('over', over > 0);
  };
  control.addEventListener('input', update);
  control.addEventListener('change', update);
  queueMicrotask(update);
  return out;
}
