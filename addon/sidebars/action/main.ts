// Fiche action: a partner's action and its degree of reproducibility, new or already recorded
// (prefilled, saved back with the version read).
import { LABELS } from '../../../shared/i18n/labels';
import { ActionInput, ActionPatch } from '../../../shared/schemas';
import { validate } from '../../../shared/schemas/validate';
import type { ActionRecord } from '../../api';
import { myTerritories, preselect, start } from '../common/boot';
import { editChosen, offerReload, remember } from '../common/editing';
import { buildForm, type Option } from '../common/form';
import { linkPartners } from '../common/pickers';
import { call } from '../common/server';
import { onSubmit } from '../common/submit';

const SCALE: Option[] = [
  ['1', '1 — faible'],
  ['2', '2 — moyen'],
  ['3', '3 — élevé'],
];
const TEXTS = ['title', 'description', 'actors', 'implementationDelay', 'blockers'] as const;

async function main() {
  const started = await start('Fiche action');
  if (!started) return;
  const { msg, ctx } = started;
  const territories = myTerritories(ctx);
  const mine = new Set(territories.map(([id]) => id));
  const myPartners = new Set(
    ctx.report.partners.filter((p) => mine.has(p.territoryId)).map((p) => p.partnerId),
  );
  const actions = (ctx.actions ?? []).filter((a) => myPartners.has(a.partnerId));
  const form = buildForm(
    [
      {
        name: '_action',
        label: 'Fiche',
        kind: 'select',
        options: actions.map((a) => [a.id, a.label] as const),
        empty: 'Nouvelle fiche action',
      },
      { name: '_territory', label: 'Territoire', kind: 'select', options: territories, empty: '— choisir —' },
      { name: 'partnerId', label: 'Partenaire', kind: 'select', required: true, empty: '— choisir —' },
      { name: 'title', label: 'Intitulé de l’action', kind: 'text', required: true },
      { name: 'description', label: 'Description', kind: 'textarea', required: true },
      { name: 'actors', label: 'Acteurs', kind: 'textarea', required: true },
      { name: 'implementationDelay', label: 'Délai de mise en œuvre', kind: 'text', required: true },
      { name: 'blockers', label: 'Verrous rencontrés', kind: 'textarea', required: true },
      {
        name: 'reproducibility.ease',
        label: 'Facilité de mise en œuvre',
        kind: 'select',
        required: true,
        options: SCALE,
        empty: '— choisir —',
      },
      {
        name: 'reproducibility.duplicationPotential',
        label: 'Potentiel de duplication',
        kind: 'select',
        required: true,
        options: SCALE,
        empty: '— choisir —',
      },
      {
        name: 'reproducibility.actorsInvolved',
        label: 'Nombre d’acteurs impliqués',
        kind: 'int',
        required: true,
        attrs: { min: '1' },
      },
    ],
    'Enregistrer la fiche action',
  );
  const territory = form.control('_territory') as HTMLSelectElement;
  const partner = form.control('partnerId') as HTMLSelectElement;
  const refreshPartners = linkPartners(ctx.report, territory, partner, '— choisir —');
  const chooser = form.control('_action') as HTMLSelectElement;
  const fill = (a: ActionRecord | null) => {
    const p = a && ctx.report.partners.find((x) => x.partnerId === a.partnerId);
    if (p) form.set('_territory', p.territoryId);
    refreshPartners();
    form.set('partnerId', a?.partnerId);
    for (const k of TEXTS) form.set(k, a?.[k]);
    form.set('reproducibility.ease', a?.reproducibility.ease);
    form.set('reproducibility.duplicationPotential', a?.reproducibility.duplicationPotential);
    form.set('reproducibility.actorsInvolved', a?.reproducibility.actorsInvolved);
    for (const c of [territory, partner]) c.disabled = Boolean(a);
  };
  const editing = editChosen({ select: chooser, load: (id) => call('loadAction', id), fill, msg });
  onSubmit(
    form,
    msg,
    (id) => {
      const values = form.values() as { reproducibility?: Record<string, unknown>; partnerId?: string };
      const r = values.reproducibility;
      // The 1–3 scales come from selects: numbers for the schema.
      for (const k of ['ease', 'duplicationPotential']) if (r?.[k] !== undefined) r[k] = Number(r[k]);
      if (editing.id) {
        const { partnerId: _p, ...patch } = values;
        const v = validate(ActionPatch, patch);
        const aid = editing.id;
        return v.ok ? { ok: true, send: () => call('updateAction', aid, v.data, editing.version) } : v;
      }
      const v = validate(ActionInput, { id, ...values });
      return v.ok ? { ok: true, send: () => call('submitAction', v.data) } : v;
    },
    (a, version) => {
      const choice = { id: a.id, label: a.title, partnerId: a.partnerId };
      remember(chooser, actions, choice, 'Nouvelle fiche action', editing, version);
      for (const c of [territory, partner]) c.disabled = true;
      const degree = a.reproducibility.degree;
      return [
        `Fiche action « ${a.title} » enregistrée.${degree ? ` Reproductibilité : ${LABELS.reproducibility[degree]}.` : ''}`,
      ];
    },
    (error) => {
      if (error.code === 'PRECONDITION_FAILED') offerReload(msg, () => editing.reload());
    },
  );
  msg.el.before(form.form);
  preselect(territory, territories);
}

void main();
