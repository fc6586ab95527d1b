// Quotas et alertes: where the programme stands against the tender, and what the nightly
// check flagged. Also rebuilds the Quotas and Alertes tabs.
import { LABELS } from '../../../shared/i18n/labels';
import type { Quota } from '../../../shared/quotas/rules';
import type { AlertRecord } from '../../api';
import { app, h, messageArea } from '../common/dom';
import { amount } from '../common/quota';
import { call } from '../common/server';
import { showError } from '../common/submit';

const SEVERITY = { info: 'Information', warning: 'Attention', critical: 'Critique' } as const;

function table(quotas: Quota[]) {
  return h(
    'table',
    {},
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, 'Quota'),
        h('th', { scope: 'col' }, 'Utilisé / limite'),
        h('th', { scope: 'col' }, 'Statut'),
      ),
    ),
    h(
      'tbody',
      {},
      ...quotas.map((q) =>
        h(
          'tr',
          {},
          h('td', {}, q.label),
          h('td', {}, `${amount(q.used, q.unit)} / ${amount(q.limit, q.unit)}`),
          h('td', { class: `status-${q.status}` }, LABELS.quotaStatus[q.status]),
        ),
      ),
    ),
  );
}

function alertList(alerts: AlertRecord[]) {
  const open = alerts.filter((a) => !a.resolvedAt);
  if (!open.length) return h('p', {}, 'Aucune alerte ouverte.');
  return h(
    'ul',
    {},
    ...open.map((a) => h('li', {}, h('strong', {}, `${SEVERITY[a.severity] ?? a.severity} : `), a.message)),
  );
}

async function main() {
  const msg = messageArea();
  const content = h('div', { id: 'content' });
  const refresh = h('button', { type: 'button' }, 'Actualiser');
  app().append(h('h1', {}, 'Quotas et alertes'), refresh, msg.el, content);
  const load = async () => {
    refresh.disabled = true;
    msg.show('info', 'Chargement…');
    const res = await call('loadQuotasAndAlerts');
    refresh.disabled = false;
    if (!res.ok) return showError(null, msg, res.error);
    msg.clear();
    const { quotas, alerts } = res.data;
    content.replaceChildren(
      h('h2', {}, 'Alertes'),
      alertList(alerts),
      h('h2', {}, 'Programme'),
      table(quotas.programme),
      ...quotas.territories.flatMap((t) => [h('h2', {}, t.name), table(t.quotas)]),
      ...quotas.partners.flatMap((p) => [h('h2', {}, `Partenaire : ${p.name}`), table(p.quotas)]),
    );
  };
  refresh.addEventListener('click', () => void load());
  await load();
}

void main();
