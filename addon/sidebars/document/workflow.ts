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

/** Where the panel says what happened (read by screen readers); it stays as the panel redraws. */
type Outcome = ReturnType<typeof outcomeLine>;
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
function submitForm(d: DocumentRecord, refresh: (d: DocumentRecord) => void, out: Outcome) {
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
  );
}

/** ADEME's review of the submitted version: validate, or send it back with a comment. */
function reviewForm(d: DocumentRecord, refresh: (d: DocumentRecord) => void, out: Outcome) {
  const comment = h('textarea', { id: 'review-comment', rows: '3' });
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
  );
}

/** Share with the territory's contacts (a Drive permission and Drive's e-mail). */
function shareForm(d: DocumentRecord, refresh: (d: DocumentRecord) => void, out: Outcome) {
  const role = h(
    'select',
    { id: 'share-role' },
    h('option', { value: 'reader' }, 'En lecture'),
    h('option', { value: 'commenter' }, 'Avec commentaires'),
  );
  const button = h('button', { type: 'button', id: 'share-document' }, 'Partager avec le territoire');
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
  );
}

const who = (s: string | null) => (s ? s.split(',')[0] : '');

/** One version in words: « Version 2 — Validée par l’ADEME — par claire… — validée par admin… ». */
function versionItem(v: DocumentVersion) {
  const file = v.pdfUrl ?? v.htmlUrl;
  const facts = [
    v.author ? `soumise par ${who(v.author)}` : '',
    v.validator ? `${v.status === 'validated' ? 'validée' : 'relue'} par ${who(v.validator)}` : '',
    `données au ${frShortDate(v.asOf)}`,
    v.reviewComment ? `demande : ${v.reviewComment}` : '',
  ].filter(Boolean);
  return h(
    'li',
    {},
    h('strong', {}, `Version ${v.version} `),
    badge(v.status),
    frTypo(` — ${facts.join(' ; ')}`),
    file
      ? h(
          'span',
          {},
          ' — ',
          h('a', { href: file, target: '_blank', rel: 'noopener noreferrer' }, v.pdfUrl ? 'PDF' : 'voir'),
        )
      : '',
  );
}

/** The versions, loaded when the list is opened. */
function versionsList(d: DocumentRecord) {
  const list = h('ul', { class: 'list' });
  const details = h('details', { class: 'versions' }, h('summary', {}, 'Versions'), list);
  details.addEventListener('toggle', async () => {
    if (!details.open || list.childElementCount) return;
    const res = await call('listDocumentVersions', d.id);
    if (res.ok) list.replaceChildren(...res.data.versions.map(versionItem));
    else list.replaceChildren(h('li', {}, res.error.message));
  });
  return details;
}

/** The panel of one document: what it is, what to fix, and what the user may do with it. */
export function documentPanel(ctx: SidebarContext, d: DocumentRecord): HTMLElement {
  const panel = h('section', { class: 'document-panel', 'aria-label': frTypo(`Document : ${d.title}`) });
  const out = outcomeLine();
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
      out.el,
      warningsList(doc.warnings ?? [], writer && status === 'draft', status === 'draft'),
      shortenedList(doc.shortened ?? []) ?? '',
      writer && status === 'draft' ? submitForm(doc, render, out) : '',
      isAdmin(ctx) && status === 'submitted' ? reviewForm(doc, render, out) : '',
      writer && doc.territoryId ? shareForm(doc, render, out) : '',
      versionsList(doc),
    );
  };
  render(d);
  return panel;
}
