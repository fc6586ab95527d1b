// Importer un onglet existant: pick a tab of the spreadsheet, say what it holds, match its
// columns to the fields (suggested from the headers), check it (a dry run: the worker judges
// every row by its own rules, a status per row written beside it), then import exactly what the
// dry run announced — again and again if needed: nothing is created twice. An admin may import
// the sessions a quota would refuse, with a reason.
import { frTypo, plural } from '../../../shared/i18n/typography';
import type { ImportOutcome, ImportRequest, ImportTab, ImportTarget } from '../../api';
import { IMPORT_TARGETS, suggestMapping } from '../../import-fields';
import { isAdmin, start } from '../common/boot';
import { checkbox } from '../common/checkbox';
import { app, h, labelled, messageArea } from '../common/dom';
import { fillSelect, type Option } from '../common/form';
import { call } from '../common/server';
import { showError } from '../common/submit';

const STATUS = 'Statut import VELI VELO';
const MIN_REASON = 10;

function head(o: ImportOutcome): string {
  const later = o.notSent ? `, ${plural(o.notSent, 'pour la prochaine fois', 'pour la prochaine fois')}` : '';
  if (o.dryRun) {
    const ready = o.rows.length - o.refused - o.already - o.notSent;
    return `Essai à blanc : ${plural(o.rows.length, 'ligne vérifiée', 'lignes vérifiées')} — ${plural(ready, 'prête', 'prêtes')} à importer, ${plural(o.already, 'déjà importée', 'déjà importées')}, ${plural(o.refused, 'à corriger', 'à corriger')}${later}.`;
  }
  return `Import : ${plural(o.created, 'ligne créée', 'lignes créées')}, ${plural(o.already, 'déjà importée', 'déjà importées')}, ${plural(o.refused, 'refusée', 'refusées')}${later}.`;
}

function summary(o: ImportOutcome) {
  const problems = o.rows.filter((r) => !r.ok).slice(0, 10);
  return [
    frTypo(`${head(o)} Le détail est dans la colonne « ${STATUS} » de l’onglet.`),
    ...(problems.length
      ? [
          h(
            'ul',
            {},
            ...problems.map((r) =>
              h('li', {}, frTypo(`Ligne ${r.row} : ${r.message.replace(/\n/g, ' ; ')}`)),
            ),
          ),
        ]
      : []),
  ];
}

function mappingFields(target: ImportTarget, headers: string[], into: HTMLElement) {
  const suggested = suggestMapping(target, headers);
  const selects = new Map<string, HTMLSelectElement>();
  into.replaceChildren(
    h('legend', {}, 'Colonnes'),
    h('p', { class: 'hint' }, 'Proposées d’après les en-têtes : vérifiez-les.'),
    ...IMPORT_TARGETS[target].fields.map((f) => {
      const select = h('select', { id: `map-${f.name}` });
      fillSelect(
        select,
        headers.map((x) => [x, x] as const),
        '— ne pas importer —',
      );
      select.value = suggested[f.name] ?? '';
      selects.set(f.name, select);
      return labelled(select, f.label, f.required ? ' *' : '');
    }),
  );
  return () => Object.fromEntries([...selects].filter(([, s]) => s.value).map(([k, s]) => [k, s.value]));
}

/** The tabs to import from, or null with the reason shown. */
async function importableTabs(msg: ReturnType<typeof messageArea>): Promise<ImportTab[] | null> {
  msg.show('info', 'Recherche des onglets…');
  const res = await call('listImportableTabs');
  if (!res.ok) {
    showError(null, msg, res.error);
    return null;
  }
  msg.clear();
  if (res.data.length) return res.data;
  msg.show(
    'info',
    'Aucun onglet à importer : ajoutez un onglet avec une ligne d’en-têtes puis rouvrez ce panneau.',
  );
  return null;
}

/** A select of fixed options with its id (the label points at it). */
function picker(id: string, options: readonly Option[]) {
  const select = h('select', { id });
  fillSelect(select, options);
  return select;
}

/** An admin's override: off unless ticked, then a reason of 10 characters at least. */
function overrideFields() {
  const { box, row } = checkbox('override', 'Importer les séances qu’un quota refuserait');
  const reason = h('textarea', {
    id: 'override-reason',
    rows: '2',
    disabled: true,
    'aria-describedby': 'override-hint',
  });
  box.addEventListener('change', () => {
    reason.disabled = !box.checked;
  });
  const el = h(
    'fieldset',
    { id: 'override-set' },
    h('legend', {}, 'Dérogation (administrateurs)'),
    row,
    labelled(reason, 'Motif de la dérogation'),
    h(
      'p',
      { class: 'hint', id: 'override-hint' },
      frTypo(`${MIN_REASON} caractères au moins ; il est enregistré avec chaque séance concernée.`),
    ),
  );
  const read = (): { reason: string } | null | 'short' => {
    if (!box.checked) return null;
    return reason.value.trim().length >= MIN_REASON ? { reason: reason.value.trim() } : 'short';
  };
  return { el, read, reason };
}

interface Screen {
  tab: HTMLSelectElement;
  target: HTMLSelectElement;
  override: ReturnType<typeof overrideFields> | null;
  check: HTMLButtonElement;
  run: HTMLButtonElement;
  result: ReturnType<typeof messageArea>;
  read: () => Record<string, string>;
}

/** A dry run or an import of what the screen says, its outcome shown; the next button focused. */
async function go(s: Screen, dryRun: boolean) {
  const forced = s.override && s.target.value === 'sessions' ? s.override.read() : null;
  if (forced === 'short') {
    s.result.show('error', frTypo(`Motif de la dérogation : ${MIN_REASON} caractères au moins.`));
    s.override?.reason.focus();
    return;
  }
  for (const b of [s.check, s.run]) b.disabled = true;
  s.result.show('info', dryRun ? 'Vérification des lignes…' : 'Import en cours…');
  const req: ImportRequest = {
    tab: s.tab.value,
    target: s.target.value as ImportTarget,
    mapping: s.read(),
    dryRun,
  };
  const out = await call('importTab', forced ? { ...req, override: forced } : req);
  s.check.disabled = false;
  if (!out.ok) return showError(null, s.result, out.error);
  s.result.show(out.data.refused || out.data.notSent ? 'info' : 'success', ...summary(out.data));
  const pending = out.data.rows.length - out.data.refused - out.data.already;
  s.run.disabled = !(dryRun ? pending > 0 : out.data.notSent > 0);
  (dryRun && !s.run.disabled ? s.run : s.check).focus();
}

async function main() {
  const started = await start('Importer un onglet existant');
  const tabs = started && (await importableTabs(started.msg));
  if (!started || !tabs) return;
  const s: Screen = {
    tab: picker(
      'tab',
      tabs.map((t) => [t.name, frTypo(`${t.name} (${plural(t.rows, 'ligne')})`)] as const),
    ),
    target: picker(
      'target',
      Object.entries(IMPORT_TARGETS).map(([k, v]) => [k, v.label] as const),
    ),
    override: isAdmin(started.ctx) ? overrideFields() : null,
    check: h('button', { type: 'button', class: 'primary' }, 'Vérifier (essai à blanc)'),
    run: h('button', { type: 'button', disabled: true }, 'Importer'),
    result: messageArea(),
    read: () => ({}),
  };
  const mapping = h('fieldset', { id: 'mapping' });
  const remap = () => {
    const t = tabs.find((x) => x.name === s.tab.value)!;
    s.read = mappingFields(s.target.value as ImportTarget, t.headers, mapping);
    if (s.override) s.override.el.hidden = s.target.value !== 'sessions';
    s.run.disabled = true;
  };
  for (const c of [s.tab, s.target]) c.addEventListener('change', remap);
  for (const c of [mapping, s.override?.el]) c?.addEventListener('change', () => (s.run.disabled = true));
  remap();
  s.check.addEventListener('click', () => void go(s, true));
  s.run.addEventListener('click', () => void go(s, false));
  app().append(
    labelled(s.tab, 'Onglet'),
    labelled(s.target, 'Il contient des'),
    mapping,
    ...(s.override ? [s.override.el] : []),
    h('div', { class: 'row-actions' }, s.check, s.run),
    s.result.el,
  );
}

void main();
