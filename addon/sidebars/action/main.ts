// Fiche action: a partner's action and its degree of reproducibility.
import { LABELS } from '../../../shared/i18n/labels';
import { ActionInput } from '../../../shared/schemas';
import { validate } from '../../../shared/schemas/validate';
import { linkPartners, loadReport, territoryOptions } from '../common/context';
import { app, h, messageArea } from '../common/dom';
import { buildForm, type Option } from '../common/form';
import { call } from '../common/server';
import { onSubmit } from '../common/submit';

const SCALE: Option[] = [
  ['1', '1 — faible'],
  ['2', '2 — moyen'],
  ['3', '3 — élevé'],
];

async function main() {
  const msg = messageArea();
  app().append(h('h1', {}, 'Fiche action'), msg.el);
  const report = await loadReport(msg);
  if (!report) return;
  const form = buildForm(
    [
      {
        name: '_territory',
        label: 'Territoire',
        kind: 'select',
        options: territoryOptions(report),
        empty: '— choisir —',
      },
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
      },
    ],
    'Enregistrer la fiche action',
  );
  linkPartners(
    report,
    form.control('_territory') as HTMLSelectElement,
    form.control('partnerId') as HTMLSelectElement,
    '— choisir —',
  );
  onSubmit(
    form,
    msg,
    (id) => {
      const values = form.values() as { reproducibility?: Record<string, unknown> };
      const r = values.reproducibility;
      // The 1–3 scales come from selects: numbers for the schema.
      for (const k of ['ease', 'duplicationPotential']) if (r?.[k] !== undefined) r[k] = Number(r[k]);
      const v = validate(ActionInput, { id, ...values });
      return v.ok ? { ok: true, send: () => call('submitAction', v.data) } : v;
    },
    (a) => {
      const degree = a.reproducibility.degree;
      return [
        `Fiche action « ${a.title} » enregistrée.${degree ? ` Reproductibilité : ${LABELS.reproducibility[degree]}.` : ''}`,
      ];
    },
  );
  msg.el.before(form.form);
}

void main();
