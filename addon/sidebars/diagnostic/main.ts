// Diagnostic du territoire: the phase 1 "constat, enjeux, recommandations" and the territory's
// strategy (needs, infrastructure, complementarities, planning documents). Opens with what is
// stored for the territory, shows each prose field's character budget (what fits the summary
// under 5 pages), and saves with the version read so a colleague's edit is never overwritten.

import { SUMMARY_FIELD_BUDGETS } from '../../../shared/documents/budgets';
import { LABELS } from '../../../shared/i18n/labels';
import { type PlanningDocument, TerritoryAssessment } from '../../../shared/schemas/records';
import { validate } from '../../../shared/schemas/validate';
import type { DiagnosticFocus, SidebarContext, TerritoryRecord } from '../../api';
import { SHORTEN_TO_FIT } from '../../messages';
import { bootData, myTerritories, preselect, startForm } from '../common/boot';
import { h, labelled, type messageArea } from '../common/dom';
import { type Editing, editRecords } from '../common/editing';
import { CHOOSE, type Field, type Form, field, fillSelect, optionsOf, REQUIRED } from '../common/form';
import { call } from '../common/server';
import { showError } from '../common/submit';

const PROSE: { name: keyof typeof SUMMARY_FIELD_BUDGETS; label: string; required?: boolean }[] = [
  { name: 'findings', label: 'Constat', required: true },
  { name: 'stakes', label: 'Enjeux', required: true },
  { name: 'recommendations', label: 'Recommandations', required: true },
  { name: 'needs', label: 'Besoins du territoire' },
  { name: 'infrastructure', label: 'Aménagements, partage de l’espace et stationnement' },
  { name: 'complementarities', label: 'Complémentarités avec les autres modes' },
];

/** The planning documents: one small fieldset each, added and removed at will. */
function planningEditor() {
  const list = h('div', { id: 'planning' });
  const add = h('button', { type: 'button' }, 'Ajouter un document de planification');
  let n = 0;
  const item = (d?: PlanningDocument) => {
    const i = n++;
    const select = (label: string, table: Record<string, string>, value?: string) => {
      const s = h('select', { id: `pd-${i}-${label}` });
      fillSelect(s, optionsOf(table), CHOOSE);
      if (value) s.value = value;
      return s;
    };
    const kind = select('kind', LABELS.planningDocumentKind, d?.kind);
    const status = select('status', LABELS.planningDocumentStatus, d?.status);
    const title = h('input', { type: 'text', id: `pd-${i}-title` });
    const date = h('input', { type: 'date', id: `pd-${i}-date` });
    const veli = h('textarea', { rows: '2', id: `pd-${i}-veli` });
    title.value = d?.title ?? '';
    date.value = d?.revisionDate ?? '';
    veli.value = d?.veliIntegration ?? '';
    const remove = h('button', { type: 'button' }, 'Retirer');
    const box = h(
      'fieldset',
      { class: 'planning-item' },
      h('legend', {}, 'Document de planification'),
      ...(
        [
          ['Type', kind],
          ['Intitulé', title],
          ['État', status],
          ['Date de révision', date],
          ['Place du VELI dans ce document', veli],
        ] as const
      ).map(([l, c]) => labelled(c, l)),
      remove,
    );
    remove.addEventListener('click', () => box.remove());
    const read = (): Partial<PlanningDocument> => ({
      kind: (kind.value || undefined) as PlanningDocument['kind'],
      title: title.value,
      status: (status.value || undefined) as PlanningDocument['status'],
      ...(date.value ? { revisionDate: date.value } : {}),
      veliIntegration: veli.value,
    });
    readers.set(box, read);
    list.append(box);
  };
  const readers = new Map<Element, () => Partial<PlanningDocument>>();
  add.addEventListener('click', () => item());
  return {
    el: h('div', {}, h('h2', {}, 'Place du VELI dans les documents de planification'), list, add),
    set(docs: readonly PlanningDocument[] = []) {
      list.replaceChildren();
      readers.clear();
      for (const d of docs) item(d);
    },
    values: () => [...list.children].map((c) => readers.get(c)?.() ?? {}),
  };
}

const fields = (ctx: SidebarContext): Field[] => [
  field.select('_territory', 'Territoire', myTerritories(ctx)),
  ...PROSE.map((p) =>
    field.textarea(p.name, p.label, { required: p.required, budget: SUMMARY_FIELD_BUDGETS[p.name] }),
  ),
];

async function main() {
  const started = await startForm('Diagnostic du territoire', fields, 'Enregistrer le diagnostic');
  if (!started) return;
  const { msg, ctx, form } = started;
  const planning = planningEditor();
  form.submit.before(planning.el);
  const territory = form.control('_territory') as HTMLSelectElement;
  const editing = editRecords({
    form,
    msg,
    chooser: territory,
    load: (id) => call('loadTerritory', id),
    fill: (t: TerritoryRecord | null) => {
      for (const p of PROSE) form.set(p.name, t?.assessment?.[p.name] as string | undefined);
      planning.set(t?.assessment?.planningDocuments);
    },
    update: (id, version) => {
      const docs = planning.values();
      const v = validate(TerritoryAssessment, {
        ...form.values(),
        ...(docs.length ? { planningDocuments: docs } : {}),
      });
      const issues = v.ok ? [] : v.issues;
      if (!id) issues.unshift({ path: '_territory', message: REQUIRED });
      if (!v.ok || issues.length) return { ok: false, issues };
      return { ok: true, send: () => call('submitAssessment', id, v.data, version) };
    },
    saved: (t) => ({ text: `Diagnostic de « ${t.record.name} » enregistré.` }),
  });
  const focus = bootData()?.focus;
  const territories = myTerritories(ctx);
  if (focus && territories.some(([id]) => id === focus.territoryId))
    void showFocus(focus, territory, editing, form, msg);
  else preselect(territory, territories);
}

/**
 * Opened from a territory summary that does not fit: the territory's stored text, and what to
 * shorten beside each field named (the worker names them by their API path, `assessment.x`).
 */
async function showFocus(
  focus: DiagnosticFocus,
  territory: HTMLSelectElement,
  editing: Editing,
  form: Form,
  msg: ReturnType<typeof messageArea>,
) {
  territory.value = focus.territoryId;
  await editing.reload();
  const issues = focus.issues.map((i) => ({ ...i, path: i.path.replace(/^assessment\./, '') }));
  showError(form, msg, { code: 'DOES_NOT_FIT', message: SHORTEN_TO_FIT, issues });
}

void main();
