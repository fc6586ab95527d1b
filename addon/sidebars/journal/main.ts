// Journal de séance: log one session against its quota, the remaining quota shown first.
import { LABELS } from '../../../shared/i18n/labels';
import { SessionInput } from '../../../shared/schemas';
import type { SessionKind } from '../../../shared/schemas/enums';
import { validate } from '../../../shared/schemas/validate';
import { linkPartners, loadReport, territoryOptions } from '../common/context';
import { app, h, messageArea } from '../common/dom';
import { buildForm, optionsOf } from '../common/form';
import { amount, describeQuota, findQuota, updateReport } from '../common/quota';
import { call } from '../common/server';
import { onSubmit } from '../common/submit';

async function main() {
  const msg = messageArea();
  const quotaLine = h('p', { class: 'quota', id: 'quota', 'aria-live': 'polite' });
  app().append(h('h1', {}, 'Journal de séance'), msg.el);
  const report = await loadReport(msg);
  if (!report) return;
  const form = buildForm(
    [
      {
        name: 'kind',
        label: 'Type de séance',
        kind: 'select',
        required: true,
        options: optionsOf(LABELS.sessionKind),
        empty: '— choisir —',
      },
      {
        name: 'territoryId',
        label: 'Territoire',
        kind: 'select',
        options: territoryOptions(report),
        empty: '— programme (aucun) —',
      },
      { name: 'partnerId', label: 'Partenaire', kind: 'select', empty: '— aucun —' },
      { name: 'date', label: 'Date', kind: 'date', required: true },
      { name: 'durationMinutes', label: 'Durée (minutes)', kind: 'int', required: true },
      {
        name: 'mode',
        label: 'Modalité',
        kind: 'select',
        required: true,
        options: optionsOf(LABELS.sessionMode),
        empty: '— choisir —',
      },
      { name: 'participants', label: 'Participants', kind: 'int', required: true },
      { name: 'summary', label: 'Résumé', kind: 'textarea', required: true },
      { name: 'decisions', label: 'Décisions', kind: 'textarea' },
      { name: 'nextSteps', label: 'Prochaines étapes', kind: 'textarea' },
      {
        name: '_override',
        label: 'Motif de dérogation (administrateurs)',
        kind: 'text',
        hint: 'Seulement pour dépasser un quota, 10 caractères au moins.',
      },
    ],
    'Enregistrer la séance',
  );
  const territory = form.control('territoryId') as HTMLSelectElement;
  const partner = form.control('partnerId') as HTMLSelectElement;
  linkPartners(report, territory, partner);

  const showQuota = () => {
    const kind = form.control('kind').value as SessionKind;
    if (!kind) {
      quotaLine.textContent = 'Choisissez un type de séance pour voir le quota restant.';
      return;
    }
    const q = findQuota(report, kind, {
      territoryId: territory.value || undefined,
      partnerId: partner.value || undefined,
      date: form.control('date').value || undefined,
    });
    quotaLine.textContent =
      q === null
        ? 'Choisissez le territoire (ou le partenaire) pour voir le quota restant.'
        : q
          ? describeQuota(q)
          : '';
  };
  for (const name of ['kind', 'territoryId', 'partnerId', 'date'])
    form.control(name).addEventListener('change', showQuota);
  showQuota();

  onSubmit(
    form,
    msg,
    (id) => {
      const body = { id, ...form.values() };
      const reason = form.control('_override').value.trim();
      if (reason) Object.assign(body, { override: { reason } });
      const v = validate(SessionInput, body);
      if (!v.ok) return v;
      return { ok: true, send: () => call('submitSession', v.data) };
    },
    ({ session, quota }) => {
      updateReport(report, quota);
      showQuota();
      for (const name of ['summary', 'decisions', 'nextSteps', '_override']) form.set(name, '');
      return [
        `Séance du ${session.date} enregistrée (${LABELS.sessionKind[session.kind]}). `,
        `Quota : ${amount(quota.used, quota.unit)} utilisée(s) sur ${amount(quota.limit, quota.unit)}.`,
      ];
    },
    (error) => {
      // A refusal for quota carries the quota as the worker sees it now.
      if (error.quota) updateReport(report, error.quota);
      showQuota();
    },
  );
  msg.el.before(quotaLine, form.form);
}

void main();
