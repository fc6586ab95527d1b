// The life of one form submission: local validation with the shared schema (no call when
// it fails), then one server call with an id kept until the worker accepts it, so that a
// retry after a network failure replays instead of counting twice.

import type { FieldIssue } from '../../../shared/schemas/validate';
import type { AddonError, Result } from '../../api';
import { h, type messageArea } from './dom';
import type { Form } from './form';
import { newId } from './server';

type Messages = ReturnType<typeof messageArea>;
export type Prepared<T> = { ok: true; send: () => Promise<Result<T>> } | { ok: false; issues: FieldIssue[] };

const INVALID = 'Certaines valeurs sont invalides : corrigez les champs signalés.';

export function showError(form: Form | null, msg: Messages, error: AddonError) {
  const unplaced = form && error.issues ? form.showIssues(error.issues) : (error.issues ?? []);
  const details = unplaced.filter((i) => i.message !== error.message);
  msg.show(
    'error',
    error.message,
    ...(details.length ? [h('ul', {}, ...details.map((i) => h('li', {}, i.message)))] : []),
  );
}

export function onSubmit<T>(
  form: Form,
  msg: Messages,
  prepare: (id: string) => Prepared<T>,
  succeeded: (data: T) => (Node | string)[],
  failed?: (error: AddonError) => void,
) {
  let pendingId = newId();
  let busy = false;
  form.form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (busy) return;
    msg.clear();
    form.clearIssues();
    const prepared = prepare(pendingId);
    if (!prepared.ok) {
      showError(form, msg, { code: 'VALIDATION_FAILED', message: INVALID, issues: prepared.issues });
      return;
    }
    busy = true;
    form.submit.disabled = true;
    msg.show('info', 'Envoi en cours…');
    const res = await prepared.send();
    busy = false;
    form.submit.disabled = false;
    if (res.ok) {
      pendingId = newId();
      msg.show('success', ...succeeded(res.data));
    } else {
      showError(form, msg, res.error);
      failed?.(res.error);
    }
  });
}

export const pluralise = (n: number, word: string) =>
  `${n.toLocaleString('fr-FR')} ${word}${n > 1 ? 's' : ''}`;
