// Paramètres: which worker this spreadsheet talks to (administrators only) and who you are.
import { LABELS } from '../../../shared/i18n/labels';
import { app, h, messageArea } from '../common/dom';
import { buildForm } from '../common/form';
import { call } from '../common/server';
import { onSubmit, showError } from '../common/submit';

async function main() {
  const msg = messageArea();
  const who = h('p', { id: 'who' });
  app().append(h('h1', {}, 'Paramètres'), who, msg.el);
  const res = await call('loadSettings');
  if (!res.ok) return showError(null, msg, res.error);
  const { workerUrl, me, note } = res.data;
  who.textContent = me ? `Connecté en tant que ${me.email} (${LABELS.role[me.role]}).` : (note ?? '');
  const form = buildForm(
    [
      {
        name: 'workerUrl',
        label: 'Adresse du serveur VELI VELO',
        kind: 'url',
        required: true,
        hint: 'Réservé aux administrateurs ADEME.',
      },
    ],
    'Enregistrer',
  );
  form.set('workerUrl', workerUrl);
  onSubmit(
    form,
    msg,
    () => {
      const url = form.control('workerUrl').value.trim();
      if (!url) return { ok: false, issues: [{ path: 'workerUrl', message: 'Ce champ est obligatoire.' }] };
      return { ok: true, send: () => call('saveSettings', { workerUrl: url }) };
    },
    (s) => [`Serveur enregistré : ${s.workerUrl}.`],
  );
  msg.el.before(form.form);
}

void main();
