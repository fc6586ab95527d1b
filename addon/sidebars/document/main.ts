// Générer un document: the worker writes it (a Google Doc in production) and answers with its
// link, page count, version, consistency warnings and condensed texts. Before generating, an
// « Aperçu » shows its first page and warnings (nothing stored). After, the document's panel
// leads to its submission, ADEME's validation, sharing and versions; each warning opens the
// form that fixes it. « Générer les dix synthèses » makes one call per territory.
import { frInstant, frList, frTypo, plural } from '../../../shared/i18n/typography';
import type { AddonError, DocumentRecord, DocumentRequest, SidebarContext } from '../../api';
import { VIEWER_READ_ONLY } from '../../messages';
import { isViewer, myTerritories, readOnlyBanner, start } from '../common/boot';
import { app, h } from '../common/dom';
import { buildForm, choices, field, OPTIONAL, type Option, REQUIRED } from '../common/form';
import { call } from '../common/server';
import { type Step, showError, whenSubmitted } from '../common/submit';
import { allSummaries } from './batch';
import { previewPanel } from './preview';
import { type Steps, steps } from './steps';
import { documentPanel, STATUS_LABELS } from './workflow';

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
const MISSING = 'Certaines valeurs manquent : complétez les champs signalés.';
const NEEDS: Record<string, string[]> = {
  'territory-summary': ['territoryId'],
  'workshop-sheet': ['workshopId'],
  'action-sheet': ['actionId'],
  'progress-report': ['report'],
};

const link = (d: DocumentRecord) =>
  h('a', { href: d.url, target: '_blank', rel: 'noopener noreferrer' }, d.title);
const facts = (d: DocumentRecord) =>
  frTypo(
    ` — ${plural(d.pages, 'page')}${d.version ? `, version ${d.version}` : ''}${d.warnings?.length ? `, ${plural(d.warnings.length, 'point à reprendre', 'points à reprendre')}` : ''}`,
  );

/**
 * A summary too long for 5 pages, for a territory whose Diagnostic names the fields: a button
 * that opens the Diagnostic with each field to shorten marked beside it.
 */
function shortenButton(body: DocumentRequest, error: AddonError, ctx: SidebarContext) {
  const mine = ctx.me.territories.some((t) => t.id === body.territoryId);
  const issues = error.issues ?? [];
  if (error.code !== 'DOES_NOT_FIT' || !body.territoryId || !mine || !issues.length) return null;
  const territoryId = body.territoryId;
  const button = h('button', { type: 'button' }, 'Raccourcir dans le diagnostic');
  button.addEventListener('click', () => {
    button.disabled = true;
    void call('openDiagnostic', { territoryId, issues });
  });
  return button;
}

/** One document: generate it (worker), then file it in the tabs; each step shown. */
async function generate(ctx: SidebarContext, body: DocumentRequest, list: Steps, what = 'Document') {
  const writing = list.add(frTypo(`${what} : rédaction et mise en page par le serveur VELI VELO…`), what);
  const res = await call('generateDocument', body);
  if (!res.ok) {
    writing.failed(res.error, shortenButton(body, res.error, ctx));
    return null;
  }
  writing.done(frTypo(`${what} : `), link(res.data), facts(res.data));
  const filing = list.add('Classement dans le classeur…', 'Classement dans le classeur');
  const filed = await call('fileDocument', res.data);
  if (filed.ok)
    filing.done(
      frTypo(
        `Lien ajouté : onglet${filed.data.tabs.length > 1 ? 's' : ''} ${frList(filed.data.tabs.map((t) => `« ${t} »`))}.`,
      ),
    );
  else filing.failed(filed.error);
  return res.data;
}

/** The documents already generated: each opens its panel (status, warnings, workflow). */
function existing(ctx: SidebarContext, docs: DocumentRecord[], show: (d: DocumentRecord) => void) {
  if (!docs.length) return null;
  const sorted = [...docs].sort((a, b) =>
    (b.updatedAt ?? b.createdAt ?? '').localeCompare(a.updatedAt ?? a.createdAt ?? ''),
  );
  const item = (d: DocumentRecord) => {
    const open = h('button', { type: 'button', class: 'link' }, isViewer(ctx) ? 'Versions' : 'Suivre');
    open.addEventListener('click', () => show(d));
    return h(
      'li',
      {},
      link(d),
      facts(d),
      d.updatedAt ? frTypo(`, le ${frInstant(d.updatedAt)}`) : '',
      frTypo(` — ${STATUS_LABELS[d.status ?? 'draft'] ?? ''} `),
      open,
    );
  };
  return h(
    'details',
    { id: 'existing' },
    h('summary', {}, `Documents déjà générés (${docs.length})`),
    h('ul', { class: 'list' }, ...sorted.map(item)),
  );
}

const fields = (ctx: SidebarContext) => [
  field.select('type', 'Document', TYPES),
  field.select('report', 'Rapport', REPORTS),
  field.select('territoryId', 'Territoire', myTerritories(ctx)),
  field.select('workshopId', 'Atelier', choices(ctx.workshops)),
  field.select('actionId', 'Action', choices(ctx.actions)),
  field.date('asOf', 'Situation au', {
    ...OPTIONAL,
    hint: 'Facultatif : le document décrit le programme à cette date ; il est alors gardé à part du document à jour.',
  }),
];

/** The choices the chosen type needs, or why nothing is sent. */
function check(body: DocumentRequest): Step | null {
  const missing = ['type', ...(NEEDS[body.type] ?? [])].filter(
    (k) => !(body as unknown as Record<string, unknown>)[k],
  );
  if (!missing.length) return null;
  const issues = missing.map((path) => ({ path, message: REQUIRED }));
  return { ok: false, error: { code: 'VALIDATION_FAILED', message: MISSING, issues } };
}

function previewButton(
  ctx: SidebarContext,
  form: ReturnType<typeof buildForm>,
  msg: ReturnType<typeof import('../common/dom').messageArea>,
  area: HTMLElement,
) {
  const button = h('button', { type: 'button', id: 'preview-document' }, 'Aperçu avant génération');
  button.addEventListener('click', async () => {
    msg.clear();
    form.clearIssues();
    const body = form.values() as unknown as DocumentRequest;
    const refused = check(body);
    if (refused && !refused.ok) return showError(form, msg, refused.error);
    button.disabled = true;
    area.replaceChildren(h('p', { class: 'running' }, 'Aperçu : mise en page par le serveur VELI VELO…'));
    const res = await call('previewDocument', body);
    button.disabled = false;
    if (!res.ok) {
      area.replaceChildren();
      return showError(form, msg, res.error);
    }
    area.replaceChildren(previewPanel(res.data, !isViewer(ctx)));
  });
  return button;
}

async function main() {
  const started = await start('Générer un document', false);
  if (!started) return;
  const { msg, ctx } = started;
  const panel = h('div', { id: 'document-panel' });
  const show = (d: DocumentRecord) => {
    panel.replaceChildren(documentPanel(ctx, d));
    panel.scrollIntoView?.({ block: 'start' });
  };
  const docs = existing(ctx, ctx.documents ?? [], show);
  if (isViewer(ctx))
    return void app().append(readOnlyBanner(VIEWER_READ_ONLY), ...(docs ? [docs] : []), panel);
  const form = buildForm(fields(ctx), 'Générer le document');
  const type = form.control('type');
  const showFields = () => {
    for (const f of ['report', 'territoryId', 'workshopId', 'actionId'])
      form.toggle(f, (NEEDS[type.value] ?? []).includes(f));
  };
  type.addEventListener('change', showFields);
  showFields();
  const progress = steps();
  const previewArea = h('div', { id: 'preview-area' });
  whenSubmitted(form, msg, () => {
    const body = form.values() as unknown as DocumentRequest;
    return (
      check(body) ?? {
        ok: true,
        run: async () => {
          progress.clear();
          previewArea.replaceChildren();
          progress.add('Vérification de la demande').done();
          const made = await generate(ctx, body, progress);
          if (made) show(made);
        },
      }
    );
  });
  form.submit.before(previewButton(ctx, form, msg, previewArea), ' ');
  form.form.append(progress.el);
  msg.el.before(form.form);
  app().append(
    previewArea,
    panel,
    allSummaries(ctx, myTerritories(ctx), (b, l, w) => generate(ctx, b, l, w)),
    ...(docs ? [docs] : []),
  );
}

void main();
