// One document's life after its generation (issue 17): its status and warnings, submitting it
// to ADEME (each remaining warning acknowledged one by one), ADEME's validation or request for
// changes, sharing it with the territory, and its versions (status, author, validator, as-of
// date, frozen file).
import { CONSISTENCY_RULES, type WarningCode } from '../../../shared/documents/consistency';
import { frShortDate, frTypo } from '../../../shared/i18n/typography';
import type { DocumentRecord, DocumentVersion, Result, SidebarContext, WorkflowAnswer } from '../../api';
import { isAdmin, isViewer } from '../common/boot';
import { h } from '../common/dom';
import { call } from '../common/server';
import { shortenedList, warningsList } from './warnings';

export const STATUS_LABELS: Record<string, string> = {
  draft: 'Version de travail',
  submitted: 'Soumise à l’ADEME',
  validated: 'Validée par l’ADEME',
  'changes-requested': 'Modifications demandées',
};

const badge = (status = 'draft') =>
  h('span', { class: `badge badge-${status}` }, STATUS_LABELS[status] ?? status);

/** Where the panel says what happened (read by screen readers). */
function outcomeLine() {
  const el = h('p', { class: 'outcome', 'aria-live': 'polite' });
  return {
    el,
    show(res: Result<unknown>, done: string) {
      el.className = `outcome ${res.ok ? 'done' : 'failed'}`;
      el.textContent = res.ok ? done : res.error.message;
    },
  };
}

/** Submit: one checkbox per rule still warned about; the button says how many are left. */
function submitForm(d: DocumentRecord, refresh: (d: DocumentRecord) => void) {
  const codes = [...new Set((d.warnings ?? []).map((w) => w.code))] as WarningCode[];
  const boxes = codes.map((code) => {
    const box = h('input', { type: 'checkbox', id: `ack-${code}`, value: code });
    return {
      code,
      box,
      row: h('div', { class: 'check' }, box, h('label', { for: `ack-${code}` }, CONSISTENCY_RULES[code])),
    };
  });
  const button = h(
    'button',
    { type: 'button', class: 'primary', id: 'submit-document' },
    'Soumettre à l’ADEME',
  );
  const out = outcomeLine();
  button.addEventListener('click', async () => {
    button.disabled = true;
    const ack = boxes.filter((b) => b.box.checked).map((b) => b.code);
    const res = await call('submitDocument', d.id, ack);
    out.show(res, frTypo('Version soumise : elle est figée, son PDF conservé ; l’ADEME la valide.'));
    button.disabled = false;
    if (res.ok) refresh(res.data.document);
  });
  return h(
    'div',
    { class: 'workflow-step' },
    codes.length
      ? h(
          'fieldset',
          {},
          h('legend', {}, 'Soumettre malgré ces points (à cocher un par un) :'),
          ...boxes.map((b) => b.row),
        )
      : null,
    button,
    out.el,
  );
}

/** ADEME's review of the submitted version: validate, or send it back with a comment. */
function reviewForm(d: DocumentRecord, refresh: (d: DocumentRecord) => void) {
  const comment = h('textarea', { id: 'review-comment', rows: '3' });
  const out = outcomeLine();
  const act = (label: string, id: string, run: () => Promise<Result<WorkflowAnswer>>, done: string) => {
    const b = h('button', { type: 'button', id }, label);
    b.addEventListener('click', async () => {
      b.disabled = true;
      const res = await run();
      out.show(res, done);
      b.disabled = false;
      if (res.ok) refresh(res.data.document);
    });
    return b;
  };
  return h(
    'div',
    { class: 'workflow-step' },
    act(
      'Valider cette version',
      'validate-document',
      () => call('validateDocument', d.id),
      'Version validée : elle est désormais immuable.',
    ),
    h('label', { for: 'review-comment' }, 'Modifications demandées'),
    comment,
    act(
      'Demander des modifications',
      'request-changes',
      () => call('requestDocumentChanges', d.id, comment.value),
      'Version renvoyée au prestataire avec votre demande.',
    ),
    out.el,
  );
}

/** Share with the territory's contacts (a Drive permission and Drive's e-mail). */
function shareForm(d: DocumentRecord, refresh: (d: DocumentRecord) => void) {
  const role = h(
    'select',
    { id: 'share-role' },
    h('option', { value: 'reader' }, 'En lecture'),
    h('option', { value: 'commenter' }, 'Avec commentaires'),
  );
  const button = h('button', { type: 'button', id: 'share-document' }, 'Partager avec le territoire');
  const out = outcomeLine();
  button.addEventListener('click', async () => {
    button.disabled = true;
    const res = await call('shareDocument', d.id, 'territory', role.value as 'reader' | 'commenter');
    out.show(res, 'Document partagé avec les contacts du territoire.');
    button.disabled = false;
    if (res.ok) refresh(res.data);
  });
  const shared = (d.sharedWith ?? []).map((s) => s.email).join(', ');
  return h(
    'div',
    { class: 'workflow-step' },
    h('label', { for: 'share-role' }, 'Droit donné'),
    role,
    button,
    shared ? h('p', { class: 'hint' }, frTypo(`Déjà partagé avec : ${shared}`)) : null,
    out.el,
  );
}

const who = (s: string | null) => (s ? s.split(',')[0] : '—');

function versionRow(v: DocumentVersion) {
  const file = v.pdfUrl ?? v.htmlUrl;
  return h(
    'tr',
    {},
    h('td', {}, String(v.version)),
    h('td', {}, badge(v.status)),
    h('td', {}, who(v.author)),
    h('td', {}, who(v.validator)),
    h('td', {}, frShortDate(v.asOf)),
    h(
      'td',
      {},
      file
        ? h('a', { href: file, target: '_blank', rel: 'noopener noreferrer' }, v.pdfUrl ? 'PDF' : 'Voir')
        : '—',
    ),
  );
}

/** The versions, loaded when the list is opened. */
function versionsList(d: DocumentRecord) {
  const body = h('tbody', {});
  const details = h(
    'details',
    { class: 'versions' },
    h('summary', {}, 'Versions'),
    h(
      'table',
      {},
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ...['N°', 'Statut', 'Auteur', 'Validée par', 'Données au', 'Fichier'].map((c) =>
            h('th', { scope: 'col' }, c),
          ),
        ),
      ),
      body,
    ),
  );
  details.addEventListener('toggle', async () => {
    if (!details.open || body.childElementCount) return;
    const res = await call('listDocumentVersions', d.id);
    if (res.ok) body.replaceChildren(...res.data.versions.map(versionRow));
    else body.replaceChildren(h('tr', {}, h('td', { colspan: '6' }, res.error.message)));
  });
  return details;
}

/** The panel of one document: what it is, what to fix, and what the user may do with it. */
export function documentPanel(ctx: SidebarContext, d: DocumentRecord): HTMLElement {
  const panel = h('section', { class: 'document-panel', 'aria-label': frTypo(`Document : ${d.title}`) });
  const render = (doc: DocumentRecord) => {
    const writer = !isViewer(ctx);
    const status = doc.status ?? 'draft';
    panel.replaceChildren(
      h('h2', {}, h('a', { href: doc.url, target: '_blank', rel: 'noopener noreferrer' }, doc.title)),
      h(
        'p',
        {},
        badge(status),
        frTypo(` — version ${doc.version ?? 1}${doc.asOf ? `, données au ${frShortDate(doc.asOf)}` : ''}`),
      ),
      warningsList(doc.warnings ?? [], writer),
      shortenedList(doc.shortened ?? []) ?? '',
      writer && status === 'draft' ? submitForm(doc, render) : '',
      isAdmin(ctx) && status === 'submitted' ? reviewForm(doc, render) : '',
      writer && doc.territoryId ? shareForm(doc, render) : '',
      versionsList(doc),
    );
  };
  render(d);
  return panel;
}
