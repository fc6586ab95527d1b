// Diagnostic du territoire: the phase 1 "constat, enjeux, recommandations".
import { TerritoryAssessment } from '../../../shared/schemas';
import { validate } from '../../../shared/schemas/validate';
import { loadReport, territoryOptions } from '../common/context';
import { app, h, messageArea } from '../common/dom';
import { buildForm } from '../common/form';
import { call } from '../common/server';
import { onSubmit } from '../common/submit';

async function main() {
  const msg = messageArea();
  app().append(h('h1', {}, 'Diagnostic du territoire'), msg.el);
  const report = await loadReport(msg);
  if (!report) return;
  const form = buildForm(
    [
      {
        name: '_territory',
        label: 'Territoire',
        kind: 'select',
        required: true,
        options: territoryOptions(report),
        empty: '— choisir —',
      },
      { name: 'findings', label: 'Constat', kind: 'textarea', required: true },
      { name: 'stakes', label: 'Enjeux', kind: 'textarea', required: true },
      { name: 'recommendations', label: 'Recommandations', kind: 'textarea', required: true },
    ],
    'Enregistrer le diagnostic',
  );
  onSubmit(
    form,
    msg,
    () => {
      const territoryId = form.control('_territory').value;
      const v = validate(TerritoryAssessment, form.values());
      const issues = v.ok ? [] : v.issues;
      if (!territoryId) issues.unshift({ path: '_territory', message: 'Ce champ est obligatoire.' });
      if (!v.ok || issues.length) return { ok: false, issues };
      return { ok: true, send: () => call('submitAssessment', territoryId, v.data) };
    },
    (t) => [`Diagnostic de « ${t.name} » enregistré.`],
  );
  msg.el.before(form.form);
}

void main();
