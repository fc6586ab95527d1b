// Paramètres: which worker this spreadsheet talks to (administrators only, and only an address
// the manifest allows) and who you are.
import { LABELS } from '../../../shared/i18n/labels';
import { frList, frTypo, quoted } from '../../../shared/i18n/typography';
import { bootData } from '../common/boot';
import { app, h, messageArea } from '../common/dom';
import { buildForm, field, REQUIRED } from '../common/form';
import { call } from '../common/server';
import { onSubmit } from '../common/submit';

async function main() {
  const msg = messageArea();
  const who = h('p', { id: 'who' });
  app().append(h('h1', {}, 'Paramètres'), who, msg.el);
  const boot = bootData();
  const ctx = boot?.context;
  if (ctx?.ok)
    who.textContent = frTypo(`Connecté en tant que ${ctx.data.me.email} (${LABELS.role[ctx.data.me.role]}).`);
  else if (ctx) who.textContent = ctx.error.message;
  const allowed = boot?.allowlist ?? [];
  const hint = frTypo(
    `Réservé aux administrateurs ADEME. Adresses autorisées par le manifeste : ${frList(allowed.map((a) => quoted(a)))}.`,
  );
  const form = buildForm([field.url('workerUrl', 'Adresse du serveur VELI VELO', { hint })], 'Enregistrer');
  form.set('workerUrl', boot?.workerUrl ?? '');
  onSubmit(
    form,
    msg,
    () => {
      const url = form.control('workerUrl').value.trim();
      if (!url) return { ok: false, issues: [{ path: 'workerUrl', message: REQUIRED }] };
      return { ok: true, send: () => call('saveSettings', { workerUrl: url }) };
    },
    (s) => [`Serveur enregistré : ${s.workerUrl}.`],
  );
  msg.el.before(form.form);
  if (!boot) {
    const res = await call('loadSettings');
    if (res.ok) form.set('workerUrl', res.data.workerUrl);
  }
}

void main();
