// Quotas et alertes: where the programme stands against the tender and what the nightly check
// flagged. The user's own territories come first; alerts are sorted by severity then date and
// can be filtered; the other territories stay folded. Also refreshes the Quotas and Alertes tabs.
import { LABELS } from '../../../shared/i18n/labels';
import { frInstant, frTypo, plural } from '../../../shared/i18n/typography';
import type { Quota, QuotaReport } from '../../../shared/quotas/rules';
import type { AlertRecord, SidebarContext } from '../../api';
import { quotaLabel, tenderAmount } from '../../messages';
import { context, myTerritories } from '../common/boot';
import { app, h, messageArea } from '../common/dom';
import { fillSelect } from '../common/form';
import { call } from '../common/server';
import { showError, showSuccess } from '../common/submit';
import { remindersSection } from './reminders';

const SEVERITY = { critical: 'Critique', warning: 'Attention', info: 'Information' } as const;
const RANK = { critical: 0, warning: 1, info: 2 } as const;

function table(ctx: SidebarContext, quotas: Quota[]) {
  const amount = (n: number, q: Quota) => tenderAmount(n, q.unit, ctx.minutesPerDay);
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
          h('td', {}, quotaLabel(q)),
          h('td', {}, `${amount(q.used, q)} / ${amount(q.limit, q)}`),
          h('td', { class: `status-${q.status}` }, LABELS.quotaStatus[q.status]),
        ),
      ),
    ),
  );
}

/** Alerts: most severe first, then the most recently seen. */
export const sortAlerts = (alerts: AlertRecord[]) =>
  [...alerts].sort((a, b) => RANK[a.severity] - RANK[b.severity] || b.lastSeenAt.localeCompare(a.lastSeenAt));

function alertList(alerts: AlertRecord[]) {
  if (!alerts.length) return h('p', {}, 'Aucune alerte ouverte pour ce choix.');
  return h(
    'ul',
    { class: 'list', id: 'alerts' },
    ...alerts.map((a) =>
      h(
        'li',
        {},
        h('span', { class: `severity-${a.severity}` }, frTypo(`${SEVERITY[a.severity]} : `)),
        a.message,
        h('br', {}),
        h(
          'small',
          {},
          frTypo(`Vue le ${frInstant(a.lastSeenAt)}${a.subjectLabel ? ` — ${a.subjectLabel}` : ''}`),
        ),
      ),
    ),
  );
}

function quotaSections(ctx: SidebarContext, report: QuotaReport, onlyMine: boolean) {
  const mine = new Set(myTerritories(ctx).map(([id]) => id));
  const block = (t: QuotaReport['territories'][number]) => {
    const partners = report.partners.filter((p) => p.territoryId === t.territoryId);
    return h(
      'section',
      { class: mine.has(t.territoryId) ? 'mine' : '' },
      h('h3', {}, t.name),
      table(ctx, t.quotas),
      ...partners.map((p) =>
        h('details', {}, h('summary', {}, `Partenaire : ${p.name}`), table(ctx, p.quotas)),
      ),
    );
  };
  const own = report.territories.filter((t) => mine.has(t.territoryId));
  const others = report.territories.filter((t) => !mine.has(t.territoryId));
  return [
    ...(own.length
      ? [h('h2', {}, own.length > 1 ? 'Mes territoires' : 'Mon territoire'), ...own.map(block)]
      : []),
    h('details', { open: own.length === 0 }, h('summary', {}, 'Programme'), table(ctx, report.programme)),
    ...(onlyMine || !others.length
      ? []
      : [
          h(
            'details',
            { id: 'others' },
            h('summary', {}, `Autres territoires (${others.length})`),
            ...others.map(block),
          ),
        ]),
  ];
}

async function main() {
  const msg = messageArea();
  const content = h('div', { id: 'content' });
  const refresh = h('button', { type: 'button' }, 'Actualiser');
  const scope = h('select', { id: 'scope', 'aria-label': 'Territoires affichés' });
  const severity = h('select', { id: 'severity', 'aria-label': 'Gravité des alertes' });
  const search = h('input', {
    type: 'search',
    id: 'search',
    placeholder: 'Filtrer les alertes…',
    'aria-label': 'Filtrer les alertes',
  });
  app().append(h('h1', {}, 'Quotas et alertes'), msg.el);
  const ctx = await context(msg);
  if (!ctx) return;
  const consultant = ctx.me.role === 'consultant';
  fillSelect(scope, [
    ['mine', 'Mes territoires d’abord, les autres repliés'],
    ['only', 'Seulement mes territoires'],
  ]);
  scope.value = consultant ? 'only' : 'mine';
  fillSelect(severity, [['', 'Toutes les gravités'], ...Object.entries(SEVERITY)]);
  // What is due from the user: shown above the rest, kept as is when the filters change.
  const reminders = h('div', { id: 'my-reminders' });
  app().append(h('div', { class: 'filters' }, refresh, scope, severity, search), reminders, content);
  let data: { quotas: QuotaReport; alerts: AlertRecord[] } | null = null;
  const render = () => {
    if (!data) return;
    const words = search.value.trim().toLowerCase();
    const mine = new Set(myTerritories(ctx).map(([id]) => id));
    const alerts = sortAlerts(data.alerts).filter(
      (a) =>
        (!severity.value || a.severity === severity.value) &&
        (!words || a.message.toLowerCase().includes(words)) &&
        (scope.value !== 'only' || a.subjectType !== 'territory' || mine.has(a.subjectId)),
    );
    content.replaceChildren(
      h('h2', {}, frTypo(`Alertes ouvertes : ${plural(alerts.length, 'alerte')}`)),
      alertList(alerts),
      ...quotaSections(ctx, data.quotas, scope.value === 'only'),
    );
  };
  const load = async () => {
    refresh.disabled = true;
    msg.show('info', 'Chargement…');
    const res = await call('loadQuotasAndAlerts');
    refresh.disabled = false;
    if (!res.ok) return showError(null, msg, res.error);
    msg.clear();
    if (res.warning) showSuccess(msg, [], res.warning);
    data = res.data;
    const mine = res.data.reminders;
    reminders.replaceChildren(...(mine && ctx.me.role !== 'viewer' ? [remindersSection(mine)] : []));
    render();
  };
  for (const c of [scope, severity]) c.addEventListener('change', render);
  search.addEventListener('input', render);
  refresh.addEventListener('click', () => void load());
  await load();
}

void main();
