// Générer un document: the worker writes it (a Google Doc in production) and answers with its
// link, page count and version. Each step shows as it happens; "Générer les dix synthèses"
// makes one call per territory, with a line of progress each.
import { frInstant, frList, frTypo, plural, quoted } from '../../../shared/i18n/typography';
import type { AddonError, DocumentRecord, DocumentRequest, SidebarContext } from '../../api';
import { VIEWER_READ_ONLY } from '../../messages';
import { isAdmin, isViewer, myTerritories, readOnlyBanner, start } from '../common/boot';
import { app, h } from '../common/dom';
import { buildForm, choices, field, OPTIONAL, type Option, REQUIRED } from '../common/form';
import { call } from '../common/server';
import { type Step, whenSubmitted } from '../common/submit';

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
  'progress-report': ['report', 'territoryId'],
};

const link = (d: DocumentRecord) =>
  h('a', { href: d.url, target: '_blank', rel: 'noopener noreferrer' }, d.title);
const facts = (d: DocumentRecord) =>
  frTypo(` — ${plural(d.pages, 'page')}${d.version ? `, version ${d.version}` : ''}`);

/** A list of steps, each running then done or failed, its text replaced by the outcome. */
function steps() {
  const el = h('ol', { class: 'steps', 'aria-live': 'polite' });
  return {
    el,
    clear: () => el.replaceChildren(),
    /** A step shown as `text` while it runs; `subject` heads its refusal (« Document : … »). */
    add(text: string, subject?: string) {
      const li = h('li', { class: 'running' }, text);
      el.append(li);
      return {
        done: (...outcome: (Node | string)[]) => {
          li.className = 'done';
          if (outcome.length) li.replaceChildren(...outcome);
        },
        failed: (error: AddonError, action?: HTMLElement | null) => {
          li.className = 'failed';
          li.replaceChildren(subject ? frTypo(`${subject} : ${error.message}`) : `${text} ${error.message}`);
          // A summary that does not fit names its fields in its message already.
          if (error.issues?.length && error.code !== 'DOES_NOT_FIT')
            li.append(h('ul', {}, ...error.issues.map((i) => h('li', {}, i.message))));
          if (action) li.append(h('p', {}, action));
        },
      };
    },
  };
}

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
async function generate(
  ctx: SidebarContext,
  body: DocumentRequest,
  list: ReturnType<typeof steps>,
  what = 'Document',
) {
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

function allSummaries(ctx: SidebarContext, mine: Option[]) {
  const list = steps();
  const count = mine.length;
  const label = isAdmin(ctx)
    ? count === 10
      ? 'Générer les dix synthèses'
      : `Générer les ${plural(count, 'synthèse')}`
    : `Générer les synthèses de mes territoires (${count})`;
  const button = h('button', { type: 'button', id: 'all-summaries' }, label);
  button.addEventListener('click', async () => {
    button.disabled = true;
    list.clear();
    let ok = 0;
    for (const [id, name] of mine) {
      const done = await generate(ctx, { type: 'territory-summary', territoryId: id }, list, quoted(name));
      if (done) ok++;
    }
    list
      .add('')
      .done(frTypo(`Terminé : ${plural(ok, 'synthèse générée', 'synthèses générées')} sur ${count}.`));
    button.disabled = false;
  });
  return h('section', {}, h('h2', {}, 'Synthèses territoriales'), button, list.el);
}

function existing(docs: DocumentRecord[]) {
  if (!docs.length) return null;
  const sorted = [...docs].sort((a, b) =>
    (b.updatedAt ?? b.createdAt ?? '').localeCompare(a.updatedAt ?? a.createdAt ?? ''),
  );
  return h(
    'details',
    { id: 'existing' },
    h('summary', {}, `Documents déjà générés (${docs.length})`),
    h(
      'ul',
      { class: 'list' },
      ...sorted.map((d) =>
        h('li', {}, link(d), facts(d), d.updatedAt ? frTypo(`, le ${frInstant(d.updatedAt)}`) : ''),
      ),
    ),
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
    hint: 'Facultatif : le document décrit le programme à cette date.',
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

async function main() {
  const started = await start('Générer un document', false);
  if (!started) return;
  const { msg, ctx } = started;
  const docs = existing(ctx.documents ?? []);
  if (isViewer(ctx)) return void app().append(readOnlyBanner(VIEWER_READ_ONLY), ...(docs ? [docs] : []));
  const form = buildForm(fields(ctx), 'Générer le document');
  const type = form.control('type');
  const showFields = () => {
    for (const f of ['report', 'territoryId', 'workshopId', 'actionId'])
      form.toggle(f, (NEEDS[type.value] ?? []).includes(f));
  };
  type.addEventListener('change', showFields);
  showFields();
  const progress = steps();
  whenSubmitted(form, msg, () => {
    const body = form.values() as unknown as DocumentRequest;
    return (
      check(body) ?? {
        ok: true,
        run: async () => {
          progress.clear();
          progress.add('Vérification de la demande').done();
          await generate(ctx, body, progress);
        },
      }
    );
  });
  form.form.append(progress.el);
  msg.el.before(form.form);
  app().append(allSummaries(ctx, myTerritories(ctx)), ...(docs ? [docs] : []));
}

void main();
