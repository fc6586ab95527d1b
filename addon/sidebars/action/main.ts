// Fiche action: a partner's action and its degree of reproducibility, new or already recorded
// (prefilled, saved back with the version read).
import { LABELS } from '../../../shared/i18n/labels';
import { ActionInput, ActionPatch } from '../../../shared/schemas/records';
import type { ActionRecord, SidebarContext } from '../../api';
import { myTerritories, preselect, startForm } from '../common/boot';
import { editRecords, listChooser } from '../common/editing';
import { CHOOSE, choices, field, type Option } from '../common/form';
import { linkPartners } from '../common/pickers';
import { call } from '../common/server';
import { checked } from '../common/submit';

const NEW = 'Nouvelle fiche action';
const SCALE: Option[] = [
  ['1', '1 — faible'],
  ['2', '2 — moyen'],
  ['3', '3 — élevé'],
];
const TEXTS = ['title', 'description', 'actors', 'implementationDelay', 'blockers'] as const;
const SCALES = ['ease', 'duplicationPotential'] as const;

/** The actions of the partners of the user's territories. */
function myActions(ctx: SidebarContext) {
  const mine = new Set(myTerritories(ctx).map(([id]) => id));
  const partners = new Set(
    ctx.report.partners.filter((p) => mine.has(p.territoryId)).map((p) => p.partnerId),
  );
  return (ctx.actions ?? []).filter((a) => partners.has(a.partnerId));
}

const fields = (ctx: SidebarContext) => [
  field.choice('_action', 'Fiche', choices(myActions(ctx)), NEW),
  field.choice('_territory', 'Territoire', myTerritories(ctx), CHOOSE),
  field.select('partnerId', 'Partenaire', []),
  field.text('title', 'Intitulé de l’action'),
  field.textarea('description', 'Description'),
  field.textarea('actors', 'Acteurs'),
  field.text('implementationDelay', 'Délai de mise en œuvre'),
  field.textarea('blockers', 'Verrous rencontrés'),
  field.select('reproducibility.ease', 'Facilité de mise en œuvre', SCALE),
  field.select('reproducibility.duplicationPotential', 'Potentiel de duplication', SCALE),
  field.int('reproducibility.actorsInvolved', 'Nombre d’acteurs impliqués', { attrs: { min: '1' } }),
];

const savedText = (a: ActionRecord) => {
  const degree = a.reproducibility.degree;
  return `Fiche action « ${a.title} » enregistrée.${degree ? ` Reproductibilité : ${LABELS.reproducibility[degree]}.` : ''}`;
};

async function main() {
  const started = await startForm('Fiche action', fields, 'Enregistrer la fiche action');
  if (!started) return;
  const { msg, ctx, form } = started;
  const territory = form.control('_territory') as HTMLSelectElement;
  const partner = form.control('partnerId') as HTMLSelectElement;
  const refreshPartners = linkPartners(ctx.report, territory, partner, CHOOSE);
  const lock = (locked: boolean) => {
    for (const c of [territory, partner]) c.disabled = locked;
  };
  const values = () => {
    const v = form.values() as { reproducibility?: Record<string, unknown>; partnerId?: string };
    // The 1–3 scales come from selects: numbers for the schema.
    for (const k of SCALES)
      if (v.reproducibility?.[k] !== undefined) v.reproducibility[k] = Number(v.reproducibility[k]);
    return v;
  };
  editRecords({
    form,
    msg,
    chooser: listChooser(form.control('_action') as HTMLSelectElement, (a) => a.label, NEW, myActions(ctx)),
    load: (id) => call('loadAction', id),
    fill: (a: ActionRecord | null) => {
      const p = a && ctx.report.partners.find((x) => x.partnerId === a.partnerId);
      if (p) form.set('_territory', p.territoryId);
      refreshPartners();
      form.set('partnerId', a?.partnerId);
      for (const k of TEXTS) form.set(k, a?.[k]);
      for (const k of SCALES) form.set(`reproducibility.${k}`, a?.reproducibility[k]);
      form.set('reproducibility.actorsInvolved', a?.reproducibility.actorsInvolved);
      lock(Boolean(a));
    },
    create: (id) => checked(ActionInput, { id, ...values() }, (a) => call('submitAction', a)),
    update: (id, version) => {
      const { partnerId: _p, ...patch } = values();
      return checked(ActionPatch, patch, (p) => call('updateAction', id, p, version));
    },
    saved: (a) => {
      lock(true);
      return { text: savedText(a), choice: { id: a.id, label: a.title, partnerId: a.partnerId } };
    },
  });
  preselect(territory, myTerritories(ctx));
}

void main();
