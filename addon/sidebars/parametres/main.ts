// Paramètres (administrators) and Mon compte (everyone else): who you are, which server this
// spreadsheet talks to. Only an admin gets the form that changes the address (and only to one
// the manifest allows, from an admin of that worker); when the server cannot be reached at all,
// the form is offered so an admin can repair the address — saving still checks the role there.
import { LABELS } from '../../../shared/i18n/labels';
import { frList, frTypo, quoted } from '../../../shared/i18n/typography';
import type { Me } from '../../api';
import { bootData } from '../common/boot';
import { app, h, messageArea } from '../common/dom';
import { buildForm, field, REQUIRED } from '../common/form';
import { call } from '../common/server';
import { onSubmit } from '../common/submit';

/** Errors that say the address itself is the problem: the one case an unknown role gets the form. */
const ADDRESS_PROBLEMS = new Set(['NETWORK', 'NOT_ALLOWED']);

const whoText = (me: Me) =>
  frTypo(
    `Connecté en tant que ${me.name ? `${me.name} (${me.email})` : me.email} — ${LABELS.role[me.role]}.`,
  );

function addressForm(msg: ReturnType<typeof messageArea>, current: string, allowed: readonly string[]) {
  const hint = frTypo(
    `Réservé aux administrateurs ADEME. Adresses autorisées par le manifeste : ${frList(allowed.map((a) => quoted(a)))}.`,
  );
  const form = buildForm([field.url('workerUrl', 'Adresse du serveur VELI VELO', { hint })], 'Enregistrer');
  form.set('workerUrl', current);
  onSubmit(
    form,
    msg,
    () => {
      const url = form.control('workerUrl').value.trim();
      if (!url) return { ok: false, issues: [{ path: 'workerUrl', message: REQUIRED }] };
      return { ok: true, send: () => call('saveSettings', { workerUrl: url }) };
    },
    (s) => [frTypo(`Serveur enregistré : ${s.workerUrl}. ${whoText(s.me)}`)],
  );
  return form;
}

function main() {
  const boot = bootData();
  const msg = messageArea();
  const who = h('p', { id: 'who' });
  const title = boot?.sidebar === 'compte' ? 'Mon compte' : 'Paramètres';
  app().append(h('h1', {}, title), who, msg.el);
  const ctx = boot?.context;
  const url = boot?.workerUrl ?? '';
  if (ctx?.ok) who.textContent = whoText(ctx.data.me);
  else if (ctx) who.textContent = ctx.error.message;
  const admin = ctx?.ok && ctx.data.me.role === 'admin';
  const unreachable = ctx && !ctx.ok && ADDRESS_PROBLEMS.has(ctx.error.code);
  if (admin || unreachable) return void msg.el.before(addressForm(msg, url, boot?.allowlist ?? []).form);
  app().append(
    h('p', { id: 'server' }, frTypo(`Serveur : ${url}.`)),
    h('p', { class: 'hint' }, 'Seul un administrateur ADEME peut changer l’adresse du serveur.'),
  );
}

main();
