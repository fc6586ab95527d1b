// Importer un onglet existant: pick a tab of the spreadsheet, say what it holds, match its
// columns to the fields (suggested from the headers), check it (a dry run through the same
// validators, a status per row written beside it), then import — again and again if needed:
// nothing is created twice.
import { frTypo, plural } from '../../../shared/i18n/typography';
import type { ImportOutcome, ImportTab, ImportTarget } from '../../api';
import { IMPORT_TARGETS, suggestMapping } from '../../import-fields';
import { start } from '../common/boot';
import { app, h, labelled, messageArea } from '../common/dom';
import { fillSelect, type Option } from '../common/form';
import { call } from '../common/server';
import { showError } from '../common/submit';

const STATUS = 'Statut import VELI VELO';

function summary(o: ImportOutcome) {
  const ok = o.rows.length - o.refused;
  const head = o.dryRun
    ? `Essai à blanc : ${plural(o.rows.length, 'ligne vérifiée', 'lignes vérifiées')}, ${plural(ok, 'prête', 'prêtes')}, ${plural(o.refused, 'à corriger')}.`
    : `Import : ${plural(o.created, 'ligne créée', 'lignes créées')}, ${plural(o.already, 'déjà importée', 'déjà importées')}, ${plural(o.refused, 'refusée', 'refusées')}.`;
  const problems = o.rows.filter((r) => !r.ok).slice(0, 10);
  return [
    frTypo(`${head} Le détail est dans la colonne « ${STATUS} » de l’onglet.`),
    ...(problems.length
      ? [h('ul', {}, ...problems.map((r) => h('li', {}, frTypo(`Ligne ${r.row} : ${r.message}`))))]
      : []),
  ];
}

function mappingFields(target: ImportTarget, headers: string[], into: HTMLElement) {
  const suggested = suggestMapping(target, headers);
  const selects = new Map<string, HTMLSelectElement>();
  into.replaceChildren(
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

async function main() {
  const started = await start('Importer un onglet existant');
  const tabs = started && (await importableTabs(started.msg));
  if (!tabs) return;
  const tab = picker(
    'tab',
    tabs.map((t) => [t.name, frTypo(`${t.name} (${plural(t.rows, 'ligne')})`)] as const),
  );
  const target = picker(
    'target',
    Object.entries(IMPORT_TARGETS).map(([k, v]) => [k, v.label] as const),
  );
  const mapping = h('fieldset', { id: 'mapping' });
  const check = h('button', { type: 'button', class: 'primary' }, 'Vérifier (essai à blanc)');
  const run = h('button', { type: 'button', disabled: true }, 'Importer');
  const result = messageArea();
  let read = () => ({}) as Record<string, string>;
  const remap = () => {
    const t = tabs.find((x) => x.name === tab.value)!;
    read = mappingFields(target.value as ImportTarget, t.headers, mapping);
    run.disabled = true;
  };
  for (const c of [tab, target]) c.addEventListener('change', remap);
  mapping.addEventListener('change', () => {
    run.disabled = true;
  });
  remap();
  const go = async (dryRun: boolean) => {
    for (const b of [check, run]) b.disabled = true;
    result.show('info', dryRun ? 'Vérification des lignes…' : 'Import en cours : une requête par ligne…');
    const out = await call('importTab', {
      tab: tab.value,
      target: target.value as ImportTarget,
      mapping: read(),
      dryRun,
    });
    check.disabled = false;
    if (!out.ok) return showError(null, result, out.error);
    result.show(out.data.refused ? 'info' : 'success', ...summary(out.data));
    run.disabled = dryRun ? out.data.rows.length === out.data.refused : out.data.refused === 0;
  };
  check.addEventListener('click', () => void go(true));
  run.addEventListener('click', () => void go(false));
  app().append(
    labelled(tab, 'Onglet'),
    labelled(target, 'Il contient des'),
    h('h2', {}, 'Colonnes'),
    h('p', { class: 'hint' }, 'Proposées d’après les en-têtes : vérifiez-les.'),
    mapping,
    h('div', { class: 'row-actions' }, check, run),
    result.el,
  );
}

void main();
