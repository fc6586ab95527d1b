// Atelier collectif: the workshop sheet (problématique, verrous et solutions, jeu d'acteurs…).
import { WorkshopInput } from '../../../shared/schemas';
import { validate } from '../../../shared/schemas/validate';
import { loadReport, territoryOptions } from '../common/context';
import { app, h, messageArea } from '../common/dom';
import { buildForm } from '../common/form';
import { call } from '../common/server';
import { onSubmit } from '../common/submit';

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

async function main() {
  const msg = messageArea();
  app().append(h('h1', {}, 'Atelier collectif'), msg.el);
  const report = await loadReport(msg);
  if (!report) return;
  const form = buildForm(
    [
      { name: 'number', label: 'Numéro de l’atelier', kind: 'int', required: true },
      { name: 'theme', label: 'Thème', kind: 'text', required: true },
      { name: 'date', label: 'Date', kind: 'date', required: true },
      {
        name: 'hostTerritoryId',
        label: 'Territoire d’accueil',
        kind: 'select',
        required: true,
        options: territoryOptions(report),
        empty: '— choisir —',
      },
      { name: 'participants', label: 'Participants', kind: 'int', required: true },
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
        hint: 'Une ligne par chiffre : libellé ; valeur ; unité.',
      },
    ],
    'Enregistrer l’atelier',
  );
  onSubmit(
    form,
    msg,
    (id) => {
      const values = form.values();
      const v = validate(WorkshopInput, {
        id,
        ...values,
        keyFigures: keyFigures(String(values.keyFigures ?? '')),
      });
      return v.ok ? { ok: true, send: () => call('submitWorkshop', v.data) } : v;
    },
    (w) => [`Atelier n° ${w.number} « ${w.theme} » enregistré.`],
  );
  msg.el.before(form.form);
}

void main();
