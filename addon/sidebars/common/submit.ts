// The life of one form submission: local validation with the shared schema (no call when
// it fails), then one server call with an id kept until the worker accepts it, so that a
// retry after a network failure replays instead of counting twice.
import type { z } from 'zod/mini';
import { type FieldIssue, validate } from '../../../shared/schemas/validate';
import type { AddonError, Result } from '../../api';
import { h, type messageArea } from './dom';
import type { Form } from './form';
import { newId } from './server';

type Messages = ReturnType<typeof messageArea>;
export type Prepared<T> = { ok: true; send: () => Promise<Result<T>> } | { ok: false; issues: FieldIssue[] };
/** What a submission does once its values are checked, or why it does nothing. */
export type Step = { ok: true; run: () => Promise<void> } | { ok: false; error: AddonError };

const INVALID = 'Certaines valeurs sont invalides : corrigez les champs signalés.';
const SEE_FIELD = 'Rien n’a été enregistré : voir le champ signalé.';

/**
 * The error beside its fields (the first one focused); above the form, the message — or, when
 * the whole message already sits beside its field, a short pointer to it.
 */
export function showError(form: Form | null, msg: Messages, error: AddonError) {
  const issues = error.issues ?? [];
  const unplaced = form && issues.length ? form.showIssues(issues) : issues;
  const placedWhole =
    issues.some((i) => i.message === error.message) && !unplaced.some((i) => i.message === error.message);
  const details = unplaced.filter((i) => i.message !== error.message);
  msg.show(
    'error',
    placedWhole ? SEE_FIELD : error.message,
    ...(details.length ? [h('ul', {}, ...details.map((i) => h('li', {}, i.message)))] : []),
  );
}

/** Success, with the note when the tabs could not follow (the record itself is saved). */
export function showSuccess(msg: Messages, content: (Node | string)[], warning?: string) {
  msg.show('success', ...content, ...(warning ? [h('p', { class: 'warning' }, warning)] : []));
}

/** The body checked with the shared schema; `send` gets what the schema read. */
export function checked<S extends z.core.$ZodType, T>(
  schema: S,
  body: unknown,
  send: (data: z.infer<S>) => Promise<Result<T>>,
): Prepared<T> {
  const v = validate(schema, body);
  return v.ok ? { ok: true, send: () => send(v.data) } : v;
}

/**
 * One submission at a time: the messages and issues of the last one cleared, the refusal shown
 * beside its fields, or the button marked busy while the submission runs (it keeps the focus).
 */
export function whenSubmitted(form: Form, msg: Messages, step: () => Step) {
  let busy = false;
  form.form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (busy) return;
    msg.clear();
    form.clearIssues();
    const s = step();
    if (!s.ok) return showError(form, msg, s.error);
    // aria-disabled, not disabled: a disabled button loses the focus, which falls to <body>.
    busy = true;
    form.submit.setAttribute('aria-disabled', 'true');
    await s.run();
    busy = false;
    form.submit.removeAttribute('aria-disabled');
  });
}

export function onSubmit<T>(
  form: Form,
  msg: Messages,
  prepare: (id: string) => Prepared<T>,
  succeeded: (data: T, version: string | null) => (Node | string)[],
  failed?: (error: AddonError) => void,
) {
  let pendingId = newId();
  const send = async (prepared: { send: () => Promise<Result<T>> }) => {
    msg.show('info', 'Envoi en cours…');
    const res = await prepared.send();
    if (res.ok) {
      pendingId = newId();
      showSuccess(msg, succeeded(res.data, res.version ?? null), res.warning);
    } else {
      showError(form, msg, res.error);
      failed?.(res.error);
    }
  };
  whenSubmitted(form, msg, () => {
    const prepared = prepare(pendingId);
    if (!prepared.ok)
      return { ok: false, error: { code: 'VALIDATION_FAILED', message: INVALID, issues: prepared.issues } };
    return { ok: true, run: () => send(prepared) };
  });
  return {
    /** A new entry from now on (after a session turned out to be already recorded). */
    renew() {
      pendingId = newId();
    },
  };
}
