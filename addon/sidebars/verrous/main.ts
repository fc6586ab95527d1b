// Verrous: record a blocker, then follow it to its resolution (levée du verrou).
import { LABELS } from '../../../shared/i18n/labels';
import { BlockerInput } from '../../../shared/schemas';
import { validate } from '../../../shared/schemas/validate';
import type { BlockerRecord } from '../../api';
import { myTerritories, preselect, start } from '../common/boot';
import { buildForm, fillSelect, optionsOf } from '../common/form';
import { linkPartners } from '../common/pickers';
import { call } from '../common/server';
import { onSubmit, showError } from '../common/submit';

const NEW = '';
const EDITABLE = [
  'partnerId',
  'category',
  'title',
  'description',
  'owner',
  'ownerName',
  'status',
  'solution',
] as const;

async function main() {
  const started = await start('Verrous');
  if (!started) return;
  const { msg, ctx } = started;
  const report = ctx.report;
  const territories = myTerritories(ctx);
  const form = buildForm(
    [
      {
        name: 'territoryId',
        label: 'Territoire',
        kind: 'select',
        required: true,
        options: territories,
        empty: '— choisir —',
      },
      { name: '_blocker', label: 'Verrou', kind: 'select', options: [], empty: 'Nouveau verrou' },
      { name: 'partnerId', label: 'Partenaire', kind: 'select', empty: '— aucun —' },
      {
        name: 'category',
        label: 'Catégorie',
        kind: 'select',
        required: true,
        options: optionsOf(LABELS.blockerCategory),
        empty: '— choisir —',
      },
      { name: 'title', label: 'Intitulé', kind: 'text', required: true },
      { name: 'description', label: 'Description', kind: 'textarea', required: true },
      {
        name: 'owner',
        label: 'Porteur de la solution',
        kind: 'select',
        required: true,
        options: optionsOf(LABELS.blockerOwner),
        empty: '— choisir —',
      },
      { name: 'ownerName', label: 'Nom du porteur', kind: 'text' },
      { name: 'status', label: 'Statut', kind: 'select', options: optionsOf(LABELS.blockerStatus) },
      { name: 'solution', label: 'Solution', kind: 'textarea', hint: 'Obligatoire pour un verrou levé.' },
    ],
    'Enregistrer le verrou',
  );
  const territory = form.control('territoryId') as HTMLSelectElement;
  const chooser = form.control('_blocker') as HTMLSelectElement;
  const refreshPartners = linkPartners(report, territory, form.control('partnerId') as HTMLSelectElement);
  let blockers: BlockerRecord[] = [];

  const listFor = async (territoryId: string) => {
    blockers = [];
    fillSelect(chooser, [], 'Nouveau verrou');
    if (!territoryId) return;
    const res = await call('listBlockers', territoryId);
    if (!res.ok) return showError(null, msg, res.error);
    blockers = res.data;
    fillSelect(
      chooser,
      blockers.map((b) => [b.id, `${b.title} (${LABELS.blockerStatus[b.status ?? 'open']})`] as const),
      'Nouveau verrou',
    );
  };
  territory.addEventListener('change', () => void listFor(territory.value));
  chooser.addEventListener('change', () => {
    const b = blockers.find((x) => x.id === chooser.value);
    refreshPartners();
    for (const name of EDITABLE) form.set(name, b ? b[name] : name === 'status' ? 'open' : undefined);
    territory.disabled = Boolean(b);
  });

  onSubmit(
    form,
    msg,
    (id) => {
      const values = form.values();
      const existing = blockers.find((x) => x.id === chooser.value);
      if (chooser.value === NEW || !existing) {
        const v = validate(BlockerInput, { id, ...values });
        if (!v.ok) return v;
        return { ok: true, send: () => call('submitBlocker', v.data) };
      }
      // The whole blocker is checked (a resolved one needs its solution), only the patch is sent.
      const { territoryId: _t, ...patch } = values;
      const v = validate(BlockerInput, { ...patch, territoryId: existing.territoryId });
      if (!v.ok) return v;
      return { ok: true, send: () => call('updateBlocker', existing.id, patch) };
    },
    (b) => {
      const i = blockers.findIndex((x) => x.id === b.id);
      if (i >= 0) blockers[i] = b;
      else blockers.push(b);
      fillSelect(
        chooser,
        blockers.map((x) => [x.id, `${x.title} (${LABELS.blockerStatus[x.status ?? 'open']})`] as const),
        'Nouveau verrou',
      );
      chooser.value = b.id;
      territory.disabled = true;
      return [`Verrou « ${b.title} » enregistré : ${LABELS.blockerStatus[b.status ?? 'open']}.`];
    },
  );
  msg.el.before(form.form);
  preselect(territory, territories);
}

void main();
