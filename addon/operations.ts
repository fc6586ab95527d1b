// What each user action does: validate with the worker's own schemas, make one call to the
// worker, mirror what it accepted into the tabs, hand the result (or French error) back.
import { MSG } from '../shared/i18n/messages';
import type { Quota, QuotaReport } from '../shared/quotas/rules';
import {
  ActionInput,
  BlockerInput,
  BlockerPatch,
  IndicatorInput,
  SessionInput,
  TerritoryAssessment,
  WorkshopInput,
} from '../shared/schemas';
import { type FieldIssue, validate } from '../shared/schemas/validate';
import type {
  ActionRecord,
  AlertRecord,
  BlockerRecord,
  DocumentRecord,
  DocumentRequest,
  IndicatorRecord,
  Me,
  PartnerRecord,
  Result,
  ServerApi,
  SessionRecord,
  TerritoryRecord,
  WorkshopRecord,
} from './api';
import { checkWorkerUrl, setWorkerUrl, workerUrl } from './settings';
import { rebuildTab, type TabSpec, upsertRows } from './sheet-mirror';
import {
  ACTIONS,
  ALERTS,
  BLOCKERS,
  DOCUMENTS,
  flattenQuotas,
  INDICATORS,
  PARTNERS,
  QUOTAS,
  SESSIONS,
  TERRITORIES,
  WORKSHOPS,
} from './tabs';
import { callWorker, callWorkerAll, path, type WorkerRequest } from './worker-client';

const invalid = (issues: FieldIssue[]): Result<never> => ({
  ok: false,
  error: { code: 'VALIDATION_FAILED', message: MSG.validation, issues },
});

const ALERTS_MISSING = 'Les alertes ne sont pas encore disponibles sur ce serveur.';

export const loadContext: ServerApi['loadContext'] = () =>
  callWorker<QuotaReport>({ method: 'get', path: '/v1/quotas' });

export const logSession: ServerApi['submitSession'] = (input) => {
  const v = validate(SessionInput, input);
  if (!v.ok) return invalid(v.issues);
  const res = callWorker<{ session: SessionRecord; quota: Quota }>({
    method: 'post',
    path: '/v1/sessions',
    body: v.data,
  });
  if (res.ok) {
    upsertRows(SESSIONS, [res.data.session]);
    upsertRows(QUOTAS, [res.data.quota]);
  } else if (res.error.quota) upsertRows(QUOTAS, [res.error.quota]);
  return res;
};

export const listBlockers: ServerApi['listBlockers'] = (territoryId) => {
  const res = callWorker<{ blockers: BlockerRecord[] }>({
    method: 'get',
    path: path`/v1/blockers?territoryId=${territoryId}`,
  });
  return res.ok ? { ok: true, data: res.data.blockers } : res;
};

export const createBlocker: ServerApi['submitBlocker'] = (input) => {
  const v = validate(BlockerInput, input);
  if (!v.ok) return invalid(v.issues);
  const res = callWorker<BlockerRecord>({ method: 'post', path: '/v1/blockers', body: v.data });
  if (res.ok) upsertRows(BLOCKERS, [res.data]);
  return res;
};

export const patchBlocker: ServerApi['updateBlocker'] = (id, patch) => {
  const v = validate(BlockerPatch, patch);
  if (!v.ok) return invalid(v.issues);
  const res = callWorker<BlockerRecord>({ method: 'patch', path: path`/v1/blockers/${id}`, body: v.data });
  if (res.ok) upsertRows(BLOCKERS, [res.data]);
  return res;
};

export const createIndicator: ServerApi['submitIndicator'] = (input) => {
  const v = validate(IndicatorInput, input);
  if (!v.ok) return invalid(v.issues);
  const res = callWorker<IndicatorRecord>({ method: 'post', path: '/v1/indicators', body: v.data });
  if (res.ok) upsertRows(INDICATORS, [res.data]);
  return res;
};

export const createWorkshop: ServerApi['submitWorkshop'] = (input) => {
  const v = validate(WorkshopInput, input);
  if (!v.ok) return invalid(v.issues);
  const res = callWorker<WorkshopRecord>({ method: 'post', path: '/v1/workshops', body: v.data });
  if (res.ok) upsertRows(WORKSHOPS, [res.data]);
  return res;
};

export const createAction: ServerApi['submitAction'] = (input) => {
  const v = validate(ActionInput, input);
  if (!v.ok) return invalid(v.issues);
  const res = callWorker<ActionRecord>({ method: 'post', path: '/v1/actions', body: v.data });
  if (res.ok) upsertRows(ACTIONS, [res.data]);
  return res;
};

export const putAssessment: ServerApi['submitAssessment'] = (territoryId, input) => {
  if (!territoryId) return invalid([{ path: 'territoryId', message: 'Ce champ est obligatoire.' }]);
  const v = validate(TerritoryAssessment, input);
  if (!v.ok) return invalid(v.issues);
  const res = callWorker<TerritoryRecord>({
    method: 'put',
    path: path`/v1/territories/${territoryId}/assessment`,
    body: v.data,
  });
  if (res.ok) upsertRows(TERRITORIES, [res.data]);
  return res;
};

/** One screen, two resources: sent together in one fetchAll round trip. */
export const quotasAndAlerts: ServerApi['loadQuotasAndAlerts'] = () => {
  const [quotas, alerts] = callWorkerAll([
    { method: 'get', path: '/v1/quotas' },
    { method: 'get', path: '/v1/alerts' },
  ]) as [Result<QuotaReport>, Result<{ alerts: AlertRecord[] }>];
  if (!quotas.ok) return quotas;
  rebuildTab(QUOTAS, flattenQuotas(quotas.data));
  if (!alerts.ok) {
    // The alerts route may not be deployed yet: the quotas still stand on their own.
    if (alerts.error.code === 'NOT_FOUND')
      return { ok: true, data: { quotas: quotas.data, alerts: null, alertsNote: ALERTS_MISSING } };
    return { ok: true, data: { quotas: quotas.data, alerts: null, alertsNote: alerts.error.message } };
  }
  rebuildTab(ALERTS, alerts.data.alerts);
  return { ok: true, data: { quotas: quotas.data, alerts: alerts.data.alerts } };
};

export const documentChoices: ServerApi['loadDocumentChoices'] = () => {
  const [t, w, a] = callWorkerAll([
    { method: 'get', path: '/v1/territories' },
    { method: 'get', path: '/v1/workshops' },
    { method: 'get', path: '/v1/actions' },
  ]) as [
    Result<{ territories: TerritoryRecord[] }>,
    Result<{ workshops: WorkshopRecord[] }>,
    Result<{ actions: ActionRecord[] }>,
  ];
  if (!t.ok) return t;
  if (!w.ok) return w;
  if (!a.ok) return a;
  return {
    ok: true,
    data: {
      territories: t.data.territories.map((x) => ({ id: x.id, name: x.name })),
      workshops: w.data.workshops.map((x) => ({ id: x.id, label: `Atelier n° ${x.number} — ${x.theme}` })),
      actions: a.data.actions.map((x) => ({ id: x.id, label: x.title })),
    },
  };
};

const DOCUMENT_NEEDS: Record<DocumentRequest['type'], keyof DocumentRequest> = {
  'territory-summary': 'territoryId',
  'workshop-sheet': 'workshopId',
  'action-sheet': 'actionId',
  'progress-report': 'report',
};

export const createDocument: ServerApi['generateDocument'] = (input) => {
  const needed = DOCUMENT_NEEDS[input?.type];
  if (!needed) return invalid([{ path: 'type', message: 'Ce champ est obligatoire.' }]);
  if (!input[needed]) return invalid([{ path: needed, message: 'Ce champ est obligatoire.' }]);
  const body: DocumentRequest = { type: input.type, [needed]: input[needed] };
  // Territory reports are per territory: keep the territory alongside the report number.
  if (input.type === 'progress-report' && input.territoryId) body.territoryId = input.territoryId;
  const res = callWorker<DocumentRecord>({
    method: 'post',
    path: '/v1/documents',
    body,
    withGoogleToken: true,
  });
  if (res.ok) upsertRows(DOCUMENTS, [res.data]);
  return res;
};

export const settings: ServerApi['loadSettings'] = () => {
  const me = callWorker<Me>({ method: 'get', path: '/v1/me' });
  return {
    ok: true,
    data: { workerUrl: workerUrl(), me: me.ok ? me.data : null, note: me.ok ? undefined : me.error.message },
  };
};

/** Only an admin of the target worker may point the spreadsheet at it. */
export const changeSettings: ServerApi['saveSettings'] = (input) => {
  const url = String(input?.workerUrl ?? '').trim();
  const problem = checkWorkerUrl(url);
  if (problem) return invalid([{ path: 'workerUrl', message: problem }]);
  const me = callWorker<Me>({ method: 'get', path: '/v1/me', base: url });
  if (!me.ok) return me;
  if (me.data.role !== 'admin') return { ok: false, error: { code: 'FORBIDDEN', message: MSG.adminOnly } };
  setWorkerUrl(url);
  return { ok: true, data: { workerUrl: workerUrl(), me: me.data } };
};

const LISTS: { key: string; req: WorkerRequest; optional?: boolean }[] = [
  { key: 'territories', req: { method: 'get', path: '/v1/territories' } },
  { key: 'sessions', req: { method: 'get', path: '/v1/sessions' } },
  { key: 'blockers', req: { method: 'get', path: '/v1/blockers' } },
  { key: 'indicators', req: { method: 'get', path: '/v1/indicators' } },
  { key: 'workshops', req: { method: 'get', path: '/v1/workshops' } },
  { key: 'actions', req: { method: 'get', path: '/v1/actions' } },
  { key: 'quotas', req: { method: 'get', path: '/v1/quotas' } },
  { key: 'alerts', req: { method: 'get', path: '/v1/alerts' }, optional: true },
  { key: 'documents', req: { method: 'get', path: '/v1/documents' }, optional: true },
];

export interface ResyncSummary {
  rows: Record<string, number>;
  skipped: string[];
}

/**
 * Rebuilds every tab from the worker: all lists in one fetchAll, then the partners of every
 * territory in a second one. Nothing is written unless every required list arrived.
 */
export function resync(): Result<ResyncSummary> {
  const answers = callWorkerAll(LISTS.map((l) => l.req));
  const data: Record<string, unknown> = {};
  const skipped: string[] = [];
  for (const [i, l] of LISTS.entries()) {
    const a = answers[i]!;
    if (a.ok) data[l.key] = a.data;
    else if (l.optional && a.error.code === 'NOT_FOUND') skipped.push(l.key);
    else return a;
  }
  const territories = (data.territories as { territories: TerritoryRecord[] }).territories;
  const partnerAnswers = territories.length
    ? callWorkerAll(territories.map((t) => ({ method: 'get', path: path`/v1/territories/${t.id}/partners` })))
    : [];
  const partners: PartnerRecord[] = [];
  for (const a of partnerAnswers) {
    if (!a.ok) return a;
    partners.push(...(a.data as { partners: PartnerRecord[] }).partners);
  }
  const pick = <T>(key: string, field: string) => (data[key] as Record<string, T[]>)[field] ?? [];
  const rows: Record<string, number> = {};
  const rebuild = <T>(spec: TabSpec<T>, list: readonly T[]) => {
    rebuildTab(spec, list);
    rows[spec.name] = list.length;
  };
  rebuild(TERRITORIES, territories);
  rebuild(PARTNERS, partners);
  rebuild(SESSIONS, pick<SessionRecord>('sessions', 'sessions'));
  rebuild(BLOCKERS, pick<BlockerRecord>('blockers', 'blockers'));
  rebuild(INDICATORS, pick<IndicatorRecord>('indicators', 'indicators'));
  rebuild(WORKSHOPS, pick<WorkshopRecord>('workshops', 'workshops'));
  rebuild(ACTIONS, pick<ActionRecord>('actions', 'actions'));
  rebuild(QUOTAS, flattenQuotas(data.quotas as QuotaReport));
  if (data.alerts) rebuild(ALERTS, pick<AlertRecord>('alerts', 'alerts'));
  if (data.documents) rebuild(DOCUMENTS, pick<DocumentRecord>('documents', 'documents'));
  return { ok: true, data: { rows, skipped } };
}

const SKIPPED_LABEL: Record<string, string> = { alerts: 'Alertes', documents: 'Documents' };

/** The menu item: resynchronise and say what happened in a toast. */
export function resyncWithToast(): void {
  const res = resync();
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  if (!res.ok) {
    ss.toast(`Resynchronisation impossible : ${res.error.message}`, 'VELI VELO', 10);
    return;
  }
  const total = Object.values(res.data.rows).reduce((a, b) => a + b, 0);
  const skipped = res.data.skipped.map((k) => SKIPPED_LABEL[k] ?? k);
  ss.toast(
    `Onglets reconstruits : ${total} ligne(s).` +
      (skipped.length ? ` Non disponibles sur ce serveur : ${skipped.join(', ')}.` : ''),
    'VELI VELO',
    8,
  );
}
