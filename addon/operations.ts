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
  BlockerRecord,
  DocumentRecord,
  DocumentRequest,
  IndicatorRecord,
  Me,
  Result,
  ServerApi,
  SessionRecord,
  Snapshot,
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
import { callWorker, path } from './worker-client';

const invalid = (issues: FieldIssue[]): Result<never> => ({
  ok: false,
  error: { code: 'VALIDATION_FAILED', message: MSG.validation, issues },
});

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

/** The parts of the snapshot a screen needs, in one request. */
const snapshot = <K extends keyof Snapshot>(...parts: K[]) =>
  callWorker<Pick<Snapshot, K>>({ method: 'get', path: `/v1/snapshot?parts=${parts.join(',')}` });

export const quotasAndAlerts: ServerApi['loadQuotasAndAlerts'] = () => {
  const res = snapshot('quotas', 'alerts');
  if (!res.ok) return res;
  rebuildTab(QUOTAS, flattenQuotas(res.data.quotas));
  rebuildTab(ALERTS, res.data.alerts);
  return { ok: true, data: { quotas: res.data.quotas, alerts: res.data.alerts } };
};

export const documentChoices: ServerApi['loadDocumentChoices'] = () => {
  const res = snapshot('territories', 'workshops', 'actions');
  if (!res.ok) return res;
  const { territories, workshops, actions } = res.data;
  return {
    ok: true,
    data: {
      territories: territories.map((x) => ({ id: x.id, name: x.name })),
      workshops: workshops.map((x) => ({ id: x.id, label: `Atelier n° ${x.number} — ${x.theme}` })),
      actions: actions.map((x) => ({ id: x.id, label: x.title })),
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

export interface ResyncSummary {
  rows: Record<string, number>;
}

/**
 * Rebuilds every tab from one snapshot of the worker (one request). Nothing is written
 * unless it arrived; each tab is then replaced wholesale, so it is written but never read.
 */
export function resync(): Result<ResyncSummary> {
  const res = callWorker<Snapshot>({ method: 'get', path: '/v1/snapshot' });
  if (!res.ok) return res;
  const d = res.data;
  const rows: Record<string, number> = {};
  const rebuild = <T>(spec: TabSpec<T>, list: readonly T[]) => {
    rebuildTab(spec, list);
    rows[spec.name] = list.length;
  };
  rebuild(TERRITORIES, d.territories);
  rebuild(PARTNERS, d.partners);
  rebuild(SESSIONS, d.sessions);
  rebuild(BLOCKERS, d.blockers);
  rebuild(INDICATORS, d.indicators);
  rebuild(WORKSHOPS, d.workshops);
  rebuild(ACTIONS, d.actions);
  rebuild(QUOTAS, flattenQuotas(d.quotas));
  rebuild(ALERTS, d.alerts);
  rebuild(DOCUMENTS, d.documents);
  return { ok: true, data: { rows } };
}

/** The menu item: resynchronise and say what happened in a toast. */
export function resyncWithToast(): void {
  const res = resync();
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  if (!res.ok) {
    ss.toast(`Resynchronisation impossible : ${res.error.message}`, 'VELI VELO', 10);
    return;
  }
  const total = Object.values(res.data.rows).reduce((a, b) => a + b, 0);
  ss.toast(`Onglets reconstruits : ${total} ligne(s).`, 'VELI VELO', 8);
}
