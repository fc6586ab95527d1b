// Générer un document: the worker renders it (a Google Doc in the user's Drive in production)
// and answers with its link and page count.
import type { DocumentRequest } from '../../api';
import { app, h, messageArea } from '../common/dom';
import { buildForm, type Option } from '../common/form';
import { call } from '../common/server';
import { onSubmit, pluralise, showError } from '../common/submit';

const TYPES: Option[] = [
  ['territory-summary', 'Synthèse territoriale (phase 1, moins de 5 pages)'],
  ['workshop-sheet', 'Fiche atelier'],
  ['action-sheet', 'Fiche action'],
  ['progress-report', 'Rapport d’avancement'],
];
const REPORTS: Option[] = [
  ['1', 'Rapport n° 1 (phase 1)'],
  ['2', 'Rapport n° 2 (phase 2)'],
  ['final', 'Rapport final (phase 3)'],
];
const NEEDS: Record<string, string[]> = {
  'territory-summary': ['territoryId'],
  'workshop-sheet': ['workshopId'],
  'action-sheet': ['actionId'],
  'progress-report': ['report', 'territoryId'],
};

async function main() {
  const msg = messageArea();
  app().append(h('h1', {}, 'Générer un document'), msg.el);
  msg.show('info', 'Chargement…');
  const choices = await call('loadDocumentChoices');
  if (!choices.ok) return showError(null, msg, choices.error);
  msg.clear();
  const { territories, workshops, actions } = choices.data;
  const form = buildForm(
    [
      {
        name: 'type',
        label: 'Document',
        kind: 'select',
        required: true,
        options: TYPES,
        empty: '— choisir —',
      },
      {
        name: 'report',
        label: 'Rapport',
        kind: 'select',
        required: true,
        options: REPORTS,
        empty: '— choisir —',
      },
      {
        name: 'territoryId',
        label: 'Territoire',
        kind: 'select',
        required: true,
        options: territories.map((t) => [t.id, t.name] as const),
        empty: '— choisir —',
      },
      {
        name: 'workshopId',
        label: 'Atelier',
        kind: 'select',
        required: true,
        options: workshops.map((w) => [w.id, w.label] as const),
        empty: '— choisir —',
      },
      {
        name: 'actionId',
        label: 'Action',
        kind: 'select',
        required: true,
        options: actions.map((a) => [a.id, a.label] as const),
        empty: '— choisir —',
      },
    ],
    'Générer le document',
  );
  const type = form.control('type');
  const showFields = () => {
    for (const f of ['report', 'territoryId', 'workshopId', 'actionId'])
      form.toggle(f, (NEEDS[type.value] ?? []).includes(f));
  };
  type.addEventListener('change', showFields);
  showFields();
  onSubmit(
    form,
    msg,
    () => {
      const body = form.values() as unknown as DocumentRequest;
      const missing = ['type', ...(NEEDS[body.type] ?? [])].filter(
        (k) => !(body as unknown as Record<string, unknown>)[k],
      );
      if (missing.length)
        return { ok: false, issues: missing.map((path) => ({ path, message: 'Ce champ est obligatoire.' })) };
      return { ok: true, send: () => call('generateDocument', body) };
    },
    (d) => [
      h('a', { href: d.url, target: '_blank', rel: 'noopener noreferrer' }, d.title),
      ` — ${pluralise(d.pages, 'page')}.`,
    ],
  );
  msg.el.before(form.form);
}

void main();
