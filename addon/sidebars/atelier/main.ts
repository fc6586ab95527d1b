// Atelier collectif: the workshop sheet (problématique, verrous et solutions, jeu d'acteurs…),
// new or already recorded (prefilled, saved back with the version read).
import { NBSP } from '../../../shared/i18n/typography';
import { WorkshopInput, WorkshopPatch } from '../../../shared/schemas/records';
import type { SidebarContext, WorkshopRecord } from '../../api';
import { myTerritories, programmeDates, startForm } from '../common/boot';
import { editRecords, listChooser } from '../common/editing';
import { choices, field } from '../common/form';
import { call } from '../common/server';
import { checked } from '../common/submit';

const NEW = 'Nouvel atelier';
const PROSE = ['theme', 'problem', 'blockersAndSolutions', 'actors', 'examplesAndContacts'] as const;

/** One key figure per line: « libellé ; valeur ; unité (facultative) ». */
function keyFigures(text: string) {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const [label = '', value = '', unit] = l.split(';').map((x) => x.trim());
      return unit ? { label, value, unit } : { label, value };
    });
}
const keyFiguresText = (w: WorkshopRecord) =>
  w.keyFigures.map((k) => [k.label, k.value, k.unit].filter(Boolean).join(' ; ')).join('\n');

const fields = (ctx: SidebarContext) => [
  field.choice('_workshop', 'Atelier', choices(ctx.workshops), NEW),
  field.int('number', 'Numéro de l’atelier', { attrs: { min: '1' } }),
  field.text('theme', 'Thème'),
  field.date('date', 'Date', { attrs: programmeDates(ctx) }),
  field.select('hostTerritoryId', 'Territoire d’accueil', myTerritories(ctx)),
  field.int('participants', 'Participants', { attrs: { min: '1' } }),
  field.textarea('problem', 'Problématique'),
  field.textarea('blockersAndSolutions', 'Verrous et solutions'),
  field.textarea('actors', 'Jeu d’acteurs'),
  field.textarea('examplesAndContacts', 'Exemples de réalisations et contacts'),
  field.textarea('keyFigures', 'Chiffres clés', {
    required: false,
    hint: `Une ligne par chiffre${NBSP}: libellé ; valeur ; unité.`,
  }),
];

async function main() {
  const started = await startForm('Atelier collectif', fields, 'Enregistrer l’atelier');
  if (!started) return;
  const { msg, ctx, form } = started;
  const workshops = ctx.workshops ?? [];
  const fill = (w: WorkshopRecord | null) => {
    form.set('number', w?.number ?? workshops.length + 1);
    for (const k of PROSE) form.set(k, w?.[k]);
    form.set('date', w?.date ?? ctx.today);
    form.set('hostTerritoryId', w?.hostTerritoryId);
    form.set('participants', w?.participants);
    form.set('keyFigures', w ? keyFiguresText(w) : '');
  };
  const values = () => ({ ...form.values(), keyFigures: keyFigures(String(form.values().keyFigures ?? '')) });
  editRecords({
    form,
    msg,
    chooser: listChooser(form.control('_workshop') as HTMLSelectElement, (w) => w.label, NEW, workshops),
    load: (id) => call('loadWorkshop', id),
    fill,
    create: (id) => checked(WorkshopInput, { id, ...values() }, (w) => call('submitWorkshop', w)),
    update: (id, version) => checked(WorkshopPatch, values(), (p) => call('updateWorkshop', id, p, version)),
    saved: (w) => ({
      text: `Atelier n° ${w.number} « ${w.theme} » enregistré.`,
      choice: { id: w.id, label: `Atelier n° ${w.number} — ${w.theme}` },
    }),
  });
  fill(null);
}

void main();
