// Atelier collectif: the workshop sheet (problématique, verrous et solutions, jeu d'acteurs…),
// new or already recorded (prefilled, saved back with the version read).
import { NBSP } from '../../../shared/i18n/typography';
import { WorkshopInput, WorkshopPatch } from '../../../shared/schemas';
import { validate } from '../../../shared/schemas/validate';
import type { WorkshopRecord } from '../../api';
import { myTerritories, start } from '../common/boot';
import { editChosen, offerReload, remember } from '../common/editing';
import { buildForm } from '../common/form';
import { call } from '../common/server';
import { onSubmit } from '../common/submit';

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

async function main() {
  const started = await start('Atelier collectif');
  if (!started) return;
  const { msg, ctx } = started;
  const workshops = ctx.workshops ?? [];
  const form = buildForm(
    [
      {
        name: '_workshop',
        label: 'Atelier',
        kind: 'select',
        options: workshops.map((w) => [w.id, w.label] as const),
        empty: 'Nouvel atelier',
      },
      { name: 'number', label: 'Numéro de l’atelier', kind: 'int', required: true, attrs: { min: '1' } },
      { name: 'theme', label: 'Thème', kind: 'text', required: true },
      {
        name: 'date',
        label: 'Date',
        kind: 'date',
        required: true,
        attrs: { min: ctx.programme.startDate, max: ctx.programme.endDate },
      },
      {
        name: 'hostTerritoryId',
        label: 'Territoire d’accueil',
        kind: 'select',
        required: true,
        options: myTerritories(ctx),
        empty: '— choisir —',
      },
      { name: 'participants', label: 'Participants', kind: 'int', required: true, attrs: { min: '1' } },
      { name: 'problem', label: 'Problématique', kind: 'textarea', required: true },
      { name: 'blockersAndSolutions', label: 'Verrous et solutions', kind: 'textarea', required: true },
      { name: 'actors', label: 'Jeu d’acteurs', kind: 'textarea', required: true },
      {
        name: 'examplesAndContacts',
        label: 'Exemples de réalisations et contacts',
        kind: 'textarea',
        required: true,
      },
      {
        name: 'keyFigures',
        label: 'Chiffres clés',
        kind: 'textarea',
        hint: `Une ligne par chiffre${NBSP}: libellé ; valeur ; unité.`,
      },
    ],
    'Enregistrer l’atelier',
  );
  const chooser = form.control('_workshop') as HTMLSelectElement;
  const fill = (w: WorkshopRecord | null) => {
    form.set('number', w?.number ?? workshops.length + 1);
    for (const k of PROSE) form.set(k, w?.[k]);
    form.set('date', w?.date ?? ctx.today);
    form.set('hostTerritoryId', w?.hostTerritoryId);
    form.set('participants', w?.participants);
    form.set('keyFigures', w ? keyFiguresText(w) : '');
  };
  const editing = editChosen({ select: chooser, load: (id) => call('loadWorkshop', id), fill, msg });
  fill(null);
  onSubmit(
    form,
    msg,
    (id) => {
      const values = { ...form.values(), keyFigures: keyFigures(String(form.values().keyFigures ?? '')) };
      if (editing.id) {
        const v = validate(WorkshopPatch, values);
        const wid = editing.id;
        return v.ok ? { ok: true, send: () => call('updateWorkshop', wid, v.data, editing.version) } : v;
      }
      const v = validate(WorkshopInput, { id, ...values });
      return v.ok ? { ok: true, send: () => call('submitWorkshop', v.data) } : v;
    },
    (w, version) => {
      const label = `Atelier n° ${w.number} — ${w.theme}`;
      remember(chooser, workshops, { id: w.id, label }, 'Nouvel atelier', editing, version);
      return [`Atelier n° ${w.number} « ${w.theme} » enregistré.`];
    },
    (error) => {
      if (error.code === 'PRECONDITION_FAILED') offerReload(msg, () => editing.reload());
    },
  );
  msg.el.before(form.form);
}

void main();
