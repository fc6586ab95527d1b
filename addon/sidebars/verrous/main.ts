// Verrous: record a blocker, then follow it to its resolution (levée du verrou).
import { LABELS } from '../../../shared/i18n/labels';
import { BlockerInput } from '../../../shared/schemas/records';
import type { BlockerRecord, SidebarContext } from '../../api';
import { myTerritories, preselect, startForm } from '../common/boot';
import { guardedChooser, listChooser } from '../common/editing';
import { field, OPTIONAL, optionsOf } from '../common/form';
import { linkPartners } from '../common/pickers';
import { call } from '../common/server';
import { checked, onSubmit, showError } from '../common/submit';

const NEW = 'Nouveau verrou';
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

const fields = (ctx: SidebarContext) => [
  field.select('territoryId', 'Territoire', myTerritories(ctx)),
  field.choice('_blocker', 'Verrou', [], NEW),
  field.choice('partnerId', 'Partenaire', [], '— aucun —'),
  field.select('category', 'Catégorie', optionsOf(LABELS.blockerCategory)),
  field.text('title', 'Intitulé'),
  field.textarea('description', 'Description'),
  field.select('owner', 'Porteur de la solution', optionsOf(LABELS.blockerOwner)),
  field.text('ownerName', 'Nom du porteur', OPTIONAL),
  field.choice('status', 'Statut', optionsOf(LABELS.blockerStatus)),
  field.textarea('solution', 'Solution', { ...OPTIONAL, hint: 'Obligatoire pour un verrou levé.' }),
];

const status = (b: BlockerRecord) => LABELS.blockerStatus[b.status ?? 'open'];

/** A new blocker is checked and sent whole; for a stored one, the whole is checked (a resolved
 * one needs its solution) and only the patch is sent. */
function prepare(values: Record<string, unknown>, existing: BlockerRecord | undefined, id: string) {
  if (!existing) return checked(BlockerInput, { id, ...values }, (b) => call('submitBlocker', b));
  const { territoryId: _t, ...patch } = values;
  return checked(BlockerInput, { ...patch, territoryId: existing.territoryId }, () =>
    call('updateBlocker', existing.id, patch),
  );
}

async function main() {
  const started = await startForm('Verrous', fields, 'Enregistrer le verrou');
  if (!started) return;
  const { msg, ctx, form } = started;
  const territory = form.control('territoryId') as HTMLSelectElement;
  const refreshPartners = linkPartners(ctx.report, territory, form.control('partnerId') as HTMLSelectElement);
  const blockers = listChooser<BlockerRecord>(
    form.control('_blocker') as HTMLSelectElement,
    (b) => `${b.title} (${status(b)})`,
    NEW,
  );
  territory.addEventListener('change', async () => {
    blockers.set([]);
    if (!territory.value) return;
    const res = await call('listBlockers', territory.value);
    if (!res.ok) return showError(null, msg, res.error);
    blockers.set(res.data);
  });
  const chooser = guardedChooser(blockers.select, () => {
    chooser.clean();
    const b = blockers.chosen();
    refreshPartners();
    for (const name of EDITABLE) form.set(name, b ? b[name] : name === 'status' ? 'open' : undefined);
    territory.disabled = Boolean(b);
  });
  onSubmit(
    form,
    msg,
    (id) => prepare(form.values(), blockers.chosen(), id),
    (b) => {
      blockers.keep(b);
      chooser.saved();
      territory.disabled = true;
      return [`Verrou « ${b.title} » enregistré : ${status(b)}.`];
    },
  );
  preselect(territory, myTerritories(ctx));
}

void main();
