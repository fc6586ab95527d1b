// Indicateurs: a value measured for a territory (or one of its partners) over a period. The
// unit follows the indicator chosen; values take a decimal comma ("12,5").
import { LABELS } from '../../../shared/i18n/labels';
import { frShortDate, frTypo, nf } from '../../../shared/i18n/typography';
import type { IndicatorCode } from '../../../shared/schemas/enums';
import { IndicatorInput } from '../../../shared/schemas/records';
import type { IndicatorRecord, SidebarContext } from '../../api';
import { parseNumber } from '../../import-fields';
import { myTerritories, preselect, programmeDates, startForm } from '../common/boot';
import { field, OPTIONAL, optionsOf } from '../common/form';
import { linkPartners } from '../common/pickers';
import { call } from '../common/server';
import { checked, onSubmit } from '../common/submit';

/** The unit each indicator is counted in; a custom indicator names its own. */
const UNITS: Record<IndicatorCode, string> = {
  'usage-rate': '%',
  km: 'km',
  users: 'utilisateurs',
  trips: 'trajets',
  'co2-avoided-kg': 'kg CO₂e',
  custom: '',
};

/** « 12,5 » → 12.5; text that is no number stays text, for the schema to refuse. */
const decimal = (raw: string) => parseNumber(raw) ?? raw;

const fields = (ctx: SidebarContext) => [
  field.select('territoryId', 'Territoire', myTerritories(ctx)),
  field.choice('partnerId', 'Partenaire', [], '— aucun —'),
  field.select('indicator', 'Indicateur', optionsOf(LABELS.indicator)),
  field.text('label', 'Libellé', { ...OPTIONAL, hint: 'Obligatoire pour un indicateur personnalisé.' }),
  field.text('unit', 'Unité'),
  field.date('periodStart', 'Début de période', { attrs: programmeDates(ctx) }),
  field.date('periodEnd', 'Fin de période', { attrs: programmeDates(ctx) }),
  field.decimal('value', 'Valeur', { read: decimal, hint: 'Virgule décimale acceptée : 12,5.' }),
  field.decimal('target', 'Cible', { ...OPTIONAL, read: decimal }),
];

const saved = (i: IndicatorRecord) =>
  frTypo(
    `Indicateur enregistré : ${i.label || LABELS.indicator[i.indicator]} = ${nf(i.value, 2)} ${i.unit} ` +
      `(du ${frShortDate(i.periodStart)} au ${frShortDate(i.periodEnd)}).`,
  );

async function main() {
  const started = await startForm('Indicateurs', fields, 'Enregistrer l’indicateur');
  if (!started) return;
  const { msg, ctx, form } = started;
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
    (id) => checked(IndicatorInput, { id, ...form.values() }, (i) => call('submitIndicator', i)),
    (i) => [saved(i)],
  );
  preselect(territory, myTerritories(ctx));
}

void main();
