// Editing what is stored: pick a record, its current values fill the form, and the version
// read then goes back with the change (If-Match), so nobody overwrites a colleague unseen.
import type { Result, Versioned } from '../../api';
import { bootData } from './boot';
import { h, type messageArea } from './dom';
import { type Form, fillSelect } from './form';
import { onSubmit, type Prepared, showError } from './submit';

type Messages = ReturnType<typeof messageArea>;

export const DISCARD = 'Vos modifications non enregistrées seront perdues. Changer quand même ?';

/**
 * What the user typed in a form since it last matched what is stored (the fills the sidebar
 * makes itself dispatch untrusted events and do not count); `mayDiscard` asks before it goes.
 */
export function unsavedGuard(form: HTMLFormElement | null, chooser?: HTMLElement) {
  let dirty = false;
  form?.addEventListener('input', (e) => {
    if (e.target !== chooser && e.isTrusted) dirty = true;
  });
  form?.addEventListener('change', (e) => {
    if (e.target !== chooser && e.isTrusted) dirty = true;
  });
  return {
    mayDiscard: () => !dirty || window.confirm(DISCARD),
    clean: () => {
      dirty = false;
    },
  };
}

export interface Editing {
  id: string | null;
  version: string | null;
  /** The form now matches what is stored: changing record needs no confirmation. */
  saved(): void;
  /** Loads the chosen record again (after a refusal because it changed meanwhile). */
  reload(): Promise<void>;
}

/** A select of records by label: replaced whole, or a saved record put in (or replaced) and chosen. */
export function listChooser<R extends { id: string }>(
  select: HTMLSelectElement,
  label: (record: R) => string,
  empty: string,
  items: R[] = [],
) {
  const show = () =>
    fillSelect(
      select,
      items.map((r) => [r.id, label(r)] as const),
      empty,
    );
  return {
    select,
    chosen: () => items.find((r) => r.id === select.value),
    set(list: R[]) {
      items = list;
      show();
    },
    keep(record: R) {
      const i = items.findIndex((x) => x.id === record.id);
      if (i >= 0) items[i] = record;
      else items.push(record);
      show();
      select.value = record.id;
    },
  };
}
type Chooser<R extends { id: string }> = ReturnType<typeof listChooser<R>>;

/** The chosen record's stored values in the form, and its version kept for the next save. */
export function editChosen<T>(opts: {
  select: HTMLSelectElement;
  load: (id: string) => Promise<Result<Versioned<T>>>;
  fill: (record: T | null) => void;
  msg: Messages;
}): Editing {
  const state: Editing = {
    id: null,
    version: null,
    saved: () => undefined,
    async reload() {
      const id = opts.select.value;
      if (!id) {
        state.id = null;
        state.version = null;
        opts.fill(null);
        return;
      }
      opts.msg.show('info', 'Chargement des valeurs enregistrées…');
      const res = await opts.load(id);
      if (!res.ok) return showError(null, opts.msg, res.error);
      opts.msg.clear();
      state.id = id;
      state.version = res.data.version;
      opts.fill(res.data.record);
    },
  };
  // Opened on a record to fix (a document's warning): that record, chosen and loaded.
  const target = bootData()?.focus?.recordId;
  const targeted = Boolean(target && [...opts.select.options].some((o) => o.value === target));
  if (targeted) opts.select.value = target!;
  const chooser = guardedChooser(opts.select, () => void state.reload().then(chooser.clean));
  state.saved = chooser.saved;
  if (targeted) queueMicrotask(() => void state.reload().then(chooser.clean));
  return state;
}

/**
 * The select choosing the record a form edits. Typed text is never dropped unasked: choosing
 * another record with changes not saved asks first, and a refusal puts back the record shown;
 * `chosen` runs for a choice kept.
 */
export function guardedChooser(select: HTMLSelectElement, chosen: () => void) {
  const guard = unsavedGuard(select.form, select);
  let shown = select.value;
  select.addEventListener('change', () => {
    if (!guard.mayDiscard()) {
      select.value = shown;
      return;
    }
    shown = select.value;
    chosen();
  });
  return {
    /** The form now matches what is stored. */
    clean: guard.clean,
    /** Saved: the form matches what is stored, under the record chosen now. */
    saved: () => {
      guard.clean();
      shown = select.value;
    },
  };
}

/** After a refusal because the record changed: the user's text stays until they ask. */
export function offerReload(msg: Messages, reload: () => Promise<void>) {
  const button = h('button', { type: 'button' }, 'Charger les valeurs enregistrées');
  button.addEventListener('click', () => void reload());
  msg.el.append(h('p', {}, button));
}

/**
 * A form that creates records or corrects the one chosen: the chosen record's stored values
 * fill it, a correction goes back with the version read (If-Match), a refusal because the
 * record changed meanwhile offers its stored values, and a saved record joins the chooser.
 */
export function editRecords<R, T, C extends { id: string }>(o: {
  form: Form;
  msg: Messages;
  /** The records to choose from, or a select of stored records (the territories). */
  chooser: Chooser<C> | HTMLSelectElement;
  load: (id: string) => Promise<Result<Versioned<R>>>;
  fill: (record: R | null) => void;
  /** A new record under the submission's id (kept until the worker accepts it). Absent: every
   * choice is a stored record (a territory), updated under the chosen id ('' when none is). */
  create?: (id: string) => Prepared<T>;
  /** The correction of record `id`, sent with the version its values were read at. */
  update: (id: string, version: string | null) => Prepared<T>;
  /** The success message, and the saved record as the chooser lists it. */
  saved: (data: T) => { text: string; choice?: C };
}): Editing {
  const { form, msg, chooser, create, update } = o;
  const select = chooser instanceof HTMLSelectElement ? chooser : chooser.select;
  const editing = editChosen({ select, load: o.load, fill: o.fill, msg });
  onSubmit(
    form,
    msg,
    (id) => {
      if (!create) return update(select.value, editing.version);
      return editing.id ? update(editing.id, editing.version) : create(id);
    },
    (data, version) => {
      const { text, choice } = o.saved(data);
      if (choice && !(chooser instanceof HTMLSelectElement)) {
        chooser.keep(choice);
        editing.id = choice.id;
      }
      editing.version = version;
      editing.saved();
      return [text];
    },
    (error) => {
      if (error.code === 'PRECONDITION_FAILED') offerReload(msg, () => editing.reload());
    },
  );
  return editing;
}
