// What each user action does: validate with the worker's own schemas, make one call to the
// worker, mirror what it accepted into the tabs (under the document lock), hand the result —
// or a French error the user can act on — back to the sidebar.

import type { SessionWithQuota } from '../shared/api/sessions';
import { MSG } from '../shared/i18n/messages';
import type { Quota } from '../shared/quotas/rules';
import {
  ActionInput,
  ActionPatch,
  BlockerInput,
  BlockerPatch,
  IndicatorInput,
  SessionInput,
  TerritoryAssessment,
  WorkshopInput,
  WorkshopPatch,
} from '../shared/schemas';
import type { SessionPatch as SessionCorrection } from '../shared/schemas/records';
import { type FieldIssue, type Validation, validate } from '../shared/schemas/validate';
import type {
  ActionRecord,
  AddonError,
  BlockerRecord,
  IndicatorRecord,
  Result,
  SessionRecord,
  TerritoryRecord,
  Versioned,
  WorkshopRecord,
} from './api';
import { minutesPerDay, updateLists } from './context';
import { mirrorSafely } from './lock';
import {
  alreadyRecorded,
  changedBeforeDeletion,
  changedMeanwhile,
  quotaRefusal,
  type Subject,
} from './messages';
import { names } from './names';
import { SessionPatch } from './session-patch';
import { type Job, job, mirrorTabs, type TabSpec } from './sheet-mirror';
import { ACTIONS, BLOCKERS, INDICATORS, QUOTAS, SESSIONS, TERRITORIES, WORKSHOPS } from './tabs';
import { type Answer, callWorker, path } from './worker-client';

export const invalid = (issues: FieldIssue[]): Result<never> => ({
  ok: false,
  error: { code: 'VALIDATION_FAILED', message: MSG.validation, issues },
});
const REQUIRED = 'Ce champ est obligatoire.';
const PRESET_MINUTES_PER_DAY = 420;

/** Mirrors into the tabs; the answer carries a warning if the tabs could not follow. */
export function mirrored<T>(res: Answer<T>, jobs: (data: T) => Job[]): Result<T> {
  if (!res.ok) return res;
  const warning = mirrorSafely(() => mirrorTabs(jobs(res.data), names()));
  const done: Result<T> = { ok: true, data: res.data, version: res.version ?? null };
  return warning ? { ...done, warning } : done;
}

/** Who changed a record, by name when one is known. */
const person = (email: string | undefined) => (email ? names().person(email) : undefined);

/** A 412: nothing written; the sidebar gets the stored record to show, the tab is refreshed. */
function stale<T extends { updatedBy?: string | undefined; updatedAt?: string | undefined }>(
  res: Answer<unknown>,
  what: Subject,
  refresh: (current: T) => Job[],
): { ok: false; error: AddonError } | null {
  if (res.ok || res.error.code !== 'PRECONDITION_FAILED') return null;
  const current = res.error.current as T | undefined;
  if (current) mirrorSafely(() => mirrorTabs(refresh(current), names()));
  const error: AddonError = {
    ...res.error,
    message: changedMeanwhile(what, person(current?.updatedBy), current?.updatedAt),
  };
  return { ok: false, error };
}

// ---- sessions ----------------------------------------------------------------------------

const quotaName = (q: Quota) => (id: string) =>
  q.scope === 'partner' ? names().partner(id) : names().territory(id);

/** The worker's quota refusal, made to name the territory and say what remains, on its field. */
function refusal(error: AddonError, askedMinutes: number): AddonError {
  const q = error.quota;
  if (!q || error.issues?.some((i) => i.path === 'durationMinutes')) return error;
  const message = quotaRefusal(q, quotaName(q), minutesPerDay() ?? PRESET_MINUTES_PER_DAY, askedMinutes);
  return {
    ...error,
    message,
    issues: [{ path: q.unit === 'minutes' ? 'durationMinutes' : 'kind', message }],
  };
}

/**
 * After a lost answer, the same id sent again with changed values: the worker's 409 carries the
 * stored session (`error.current`), which the tab gets and the user is shown in their terms.
 */
function alreadyStored(error: AddonError): Result<never> {
  const stored = error.current as SessionRecord | undefined;
  if (!stored?.id) return { ok: false, error };
  mirrorSafely(() => mirrorTabs([job(SESSIONS, [stored])], names()));
  return {
    ok: false,
    error: { code: 'ALREADY_RECORDED', message: alreadyRecorded(stored), current: stored },
  };
}

export const logSession = (input: SessionInput): Result<SessionWithQuota> => {
  const v = validate(SessionInput, input);
  if (!v.ok) return invalid(v.issues);
  const res = callWorker<{ session: SessionRecord; quota: Quota }>({
    method: 'post',
    path: '/v1/sessions',
    body: v.data,
  });
  if (res.ok) {
    updateLists({ quota: res.data.quota });
    return mirrored(res, (d) => [job(SESSIONS, [d.session]), job(QUOTAS, [d.quota])]);
  }
  if (res.error.code === 'IDEMPOTENCY_CONFLICT') return alreadyStored(res.error);
  if (res.error.quota) {
    const quota = res.error.quota;
    updateLists({ quota });
    mirrorSafely(() => mirrorTabs([job(QUOTAS, [quota])], names()));
    return { ok: false, error: refusal(res.error, v.data.durationMinutes) };
  }
  return res;
};

const RECENT = 15;

/** "Mes dernières séances": the sessions this user entered (the worker filters), last entered first. */
export const mySessions = (): Result<SessionRecord[]> => {
  const res = callWorker<{ sessions: SessionRecord[] }>({ method: 'get', path: '/v1/sessions?createdBy=me' });
  if (!res.ok) return res;
  const mine = res.data.sessions.sort(
    (a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? '') || b.date.localeCompare(a.date),
  );
  return { ok: true, data: mine.slice(0, RECENT) };
};

/** One record with the version to send back as If-Match. */
export function loadVersioned<T>(p: string): Result<Versioned<T>> {
  const res = callWorker<T>({ method: 'get', path: p });
  return res.ok ? { ok: true, data: { record: res.data, version: res.version ?? null } } : res;
}

export const patchSession = (
  id: string,
  patch: SessionCorrection,
  version: string | null,
): Result<{ session: SessionRecord; quota?: Quota }> => {
  const v = validate(SessionPatch, patch);
  if (!v.ok) return invalid(v.issues);
  const res = callWorker<{ session: SessionRecord; quota?: Quota }>({
    method: 'patch',
    path: path`/v1/sessions/${id}`,
    body: v.data,
    ifMatch: version,
  });
  const refused = stale<SessionRecord>(res, { text: 'Cette séance', feminine: true }, (s) => [
    job(SESSIONS, [s]),
  ]);
  if (refused) return refused;
  if (!res.ok && res.error.quota)
    return { ok: false, error: refusal(res.error, v.data.durationMinutes ?? 0) };
  if (res.ok && res.data.quota) updateLists({ quota: res.data.quota });
  return mirrored(res, (d) => [job(SESSIONS, [d.session]), ...(d.quota ? [job(QUOTAS, [d.quota])] : [])]);
};

export const removeSession = (id: string, version: string | null): Result<{ id: string; quota?: Quota }> => {
  const res = callWorker<{ session?: SessionRecord; quota?: Quota } | null>({
    method: 'delete',
    path: path`/v1/sessions/${id}`,
    ifMatch: version,
  });
  const refused = stale<SessionRecord>(res, { text: 'Cette séance', feminine: true }, (s) => [
    job(SESSIONS, [s]),
  ]);
  if (refused) {
    const current = refused.error.current as SessionRecord | undefined;
    return {
      ok: false,
      error: {
        ...refused.error,
        message: changedBeforeDeletion(person(current?.updatedBy), current?.updatedAt),
      },
    };
  }
  if (!res.ok) return res;
  const quota = res.data?.quota;
  if (quota) updateLists({ quota });
  // The freed quota goes back to the sidebar too: its quota line must not stay stale.
  return mirrored({ ok: true, data: quota ? { id, quota } : { id } }, () => [
    job(SESSIONS, [], { gone: [id] }),
    ...(quota ? [job(QUOTAS, [quota])] : []),
  ]);
};

// ---- blockers, indicators ----------------------------------------------------------------

export const listBlockers = (territoryId: string): Result<BlockerRecord[]> => {
  const res = callWorker<{ blockers: BlockerRecord[] }>({
    method: 'get',
    path: path`/v1/blockers?territoryId=${territoryId}`,
  });
  return res.ok ? { ok: true, data: res.data.blockers } : res;
};

export const createBlocker = (input: BlockerInput): Result<BlockerRecord> => {
  const v = validate(BlockerInput, input);
  if (!v.ok) return invalid(v.issues);
  const res = callWorker<BlockerRecord>({ method: 'post', path: '/v1/blockers', body: v.data });
  return mirrored(res, (b) => [job(BLOCKERS, [b])]);
};

export const patchBlocker = (id: string, patch: BlockerPatch): Result<BlockerRecord> => {
  const v = validate(BlockerPatch, patch);
  if (!v.ok) return invalid(v.issues);
  const res = callWorker<BlockerRecord>({ method: 'patch', path: path`/v1/blockers/${id}`, body: v.data });
  return mirrored(res, (b) => [job(BLOCKERS, [b])]);
};

export const createIndicator = (input: IndicatorInput): Result<IndicatorRecord> => {
  const v = validate(IndicatorInput, input);
  if (!v.ok) return invalid(v.issues);
  const res = callWorker<IndicatorRecord>({ method: 'post', path: '/v1/indicators', body: v.data });
  return mirrored(res, (i) => [job(INDICATORS, [i])]);
};

// ---- workshops, actions, assessments: prefilled, sent back with If-Match -----------------

/** A record type the sidebars create and correct: where it lives, its tab, its cached list. */
interface Editable<T> {
  path: string;
  spec: TabSpec<T>;
  subject: Subject;
  remember: (record: T) => void;
}
const WORKSHOP: Editable<WorkshopRecord> = {
  path: '/v1/workshops',
  spec: WORKSHOPS,
  subject: { text: 'Cet atelier', feminine: false },
  remember: (workshop) => updateLists({ workshop }),
};
const ACTION: Editable<ActionRecord> = {
  path: '/v1/actions',
  spec: ACTIONS,
  subject: { text: 'Cette fiche action', feminine: true },
  remember: (action) => updateLists({ action }),
};

function create<T>(e: Editable<T>, v: Validation<unknown>): Result<T> {
  if (!v.ok) return invalid(v.issues);
  const res = callWorker<T>({ method: 'post', path: e.path, body: v.data });
  if (res.ok) e.remember(res.data);
  return mirrored(res, (r) => [job(e.spec, [r])]);
}

function patch<T extends { updatedBy?: string; updatedAt?: string }>(
  e: Editable<T>,
  id: string,
  v: Validation<unknown>,
  version: string | null,
): Result<T> {
  if (!v.ok) return invalid(v.issues);
  const res = callWorker<T>({
    method: 'patch',
    path: `${e.path}/${encodeURIComponent(id)}`,
    body: v.data,
    ifMatch: version,
  });
  const refused = stale<T>(res, e.subject, (r) => [job(e.spec, [r])]);
  if (refused) return refused;
  if (res.ok) e.remember(res.data);
  return mirrored(res, (r) => [job(e.spec, [r])]);
}

export const createWorkshop = (input: WorkshopInput): Result<WorkshopRecord> =>
  create(WORKSHOP, validate(WorkshopInput, input));
export const patchWorkshop = (id: string, p: WorkshopPatch, version: string | null): Result<WorkshopRecord> =>
  patch(WORKSHOP, id, validate(WorkshopPatch, p), version);
export const createAction = (input: ActionInput): Result<ActionRecord> =>
  create(ACTION, validate(ActionInput, input));
export const patchAction = (id: string, p: ActionPatch, version: string | null): Result<ActionRecord> =>
  patch(ACTION, id, validate(ActionPatch, p), version);

export const putAssessment = (
  territoryId: string,
  input: TerritoryAssessment,
  version?: string | null,
): Result<Versioned<TerritoryRecord>> => {
  if (!territoryId) return invalid([{ path: 'territoryId', message: REQUIRED }]);
  const v = validate(TerritoryAssessment, input);
  if (!v.ok) return invalid(v.issues);
  const res = callWorker<TerritoryRecord>({
    method: 'put',
    path: path`/v1/territories/${territoryId}/assessment`,
    body: v.data,
    ifMatch: version,
  });
  const refused = stale<TerritoryRecord>(res, { text: 'Ce diagnostic', feminine: false }, (t) => [
    job(TERRITORIES, [t]),
  ]);
  if (refused) return refused;
  const done = mirrored(res, (t) => [job(TERRITORIES, [t])]);
  return done.ok
    ? { ...done, data: { record: done.data, version: res.ok ? (res.version ?? null) : null } }
    : done;
};
