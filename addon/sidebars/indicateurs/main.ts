// Indicateurs: a value measured for a territory (or one of its partners) over a period. The
// unit follows the indicator chosen; values take a decimal comma ("12,5").
import { LABELS } from '../../../shared/i18n/labels';
import { frShortDate, frTypo, nf } from '../../../shared/i18n/typography';
import { IndicatorInput } from '../../../shared/schemas';
import type { IndicatorCode } from '../../../shared/schemas/enums';
import { validate } from '../../../shared/schemas/validate';
import { myTerritories, preselect, start } from '../common/boot';
import { buildForm, optionsOf } from '../common/form';
import { linkPartners } from '../common/pickers';
import { call } from '../common/server';
import { onSubmit } from '../common/submit';

/** The unit each indicator is counted in; a custom indicator names its own. */
const UNITS: Record<IndicatorCode, string> = {
  'usage-rate': '%',
  km: 'km',
  users: 'utilisateurs',
  trips: 'trajets',
  'co2-avoided-kg': 'kg CO₂e',
  custom: '',
};

async function main() {
  const started = await start('Indicateurs');
  if (!started) return;
  const { msg, ctx } = started;
  const territories = myTerritories(ctx);
  const range = { min: ctx.programme.startDate, max: ctx.programme.endDate };
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
      { name: 'periodStart', label: 'Début de période', kind: 'date', required: true, attrs: range },
      { name: 'periodEnd', label: 'Fin de période', kind: 'date', required: true, attrs: range },
      {
        name: 'value',
        label: 'Valeur',
        kind: 'decimal',
        required: true,
        hint: 'Virgule décimale acceptée : 12,5.',
      },
      { name: 'target', label: 'Cible', kind: 'decimal' },
    ],
    'Enregistrer l’indicateur',
  );
  const territory = form.control('territoryId') as HTMLSelectElement;
  linkPartners(ctx.report, territory, form.control('partnerId') as HTMLSelectElement);
  const indicator = form.control('indicator') as HTMLSelectElement;
  indicator.addEventListener('change', () => {
    const unit = UNITS[indicator.value as IndicatorCode];
    if (unit !== undefined) form.set('unit', unit);
    form.toggle('label', indicator.value === 'custom');
  });
  form.toggle('label', false);
  form.set('periodEnd', ctx.today);
  onSubmit(
    form,
    msg,
    (id) => {
      const v = validate(IndicatorInput, { id, ...form.values() });
      return v.ok ? { ok: true, send: () => call('submitIndicator', v.data) } : v;
    },
    (i) => [
      frTypo(
        `Indicateur enregistré : ${i.label || LABELS.indicator[i.indicator]} = ${nf(i.value, 2)} ${i.unit} ` +
          `(du ${frShortDate(i.periodStart)} au ${frShortDate(i.periodEnd)}).`,
      ),
    ],
  );
  msg.el.before(form.form);
  preselect(territory, territories);
}

void main();
