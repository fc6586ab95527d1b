// Indicateurs: one measured value per period (taux d'utilisation, km, CO₂ évité…).
import { LABELS } from '../../../shared/i18n/labels';
import { IndicatorInput } from '../../../shared/schemas';
import { validate } from '../../../shared/schemas/validate';
import { linkPartners, loadReport, territoryOptions } from '../common/context';
import { app, h, messageArea } from '../common/dom';
import { buildForm, optionsOf } from '../common/form';
import { call } from '../common/server';
import { onSubmit } from '../common/submit';

async function main() {
  const msg = messageArea();
  app().append(h('h1', {}, 'Indicateurs'), msg.el);
  const report = await loadReport(msg);
  if (!report) return;
  const form = buildForm(
    [
      {
        name: 'territoryId',
        label: 'Territoire',
        kind: 'select',
        required: true,
        options: territoryOptions(report),
        empty: '— choisir —',
      },
      { name: 'partnerId', label: 'Partenaire', kind: 'select', empty: '— aucun —' },
      {
        name: 'indicator',
        label: 'Indicateur',
        kind: 'select',
        required: true,
        options: optionsOf(LABELS.indicator),
        empty: '— choisir —',
      },
      { name: 'label', label: 'Libellé', kind: 'text', hint: 'Obligatoire pour un indicateur personnalisé.' },
      { name: 'unit', label: 'Unité', kind: 'text', required: true },
      { name: 'periodStart', label: 'Début de période', kind: 'date', required: true },
      { name: 'periodEnd', label: 'Fin de période', kind: 'date', required: true },
      { name: 'value', label: 'Valeur', kind: 'number', required: true },
      { name: 'target', label: 'Cible', kind: 'number' },
    ],
    'Enregistrer l’indicateur',
  );
  linkPartners(
    report,
    form.control('territoryId') as HTMLSelectElement,
    form.control('partnerId') as HTMLSelectElement,
  );
  onSubmit(
    form,
    msg,
    (id) => {
      const v = validate(IndicatorInput, { id, ...form.values() });
      return v.ok ? { ok: true, send: () => call('submitIndicator', v.data) } : v;
    },
    (i) => [
      `Indicateur enregistré : ${i.label || LABELS.indicator[i.indicator]} = ${i.value.toLocaleString('fr-FR')} ${i.unit}.`,
    ],
  );
  msg.el.before(form.form);
}

void main();
