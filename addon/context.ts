// What a sidebar needs to know when it opens — who the user is, their territories, the quotas,
// the workshops, actions and documents to pick from — inlined into the page when the add-on
// builds it (no first round trip from the sidebar), and kept in the user's cache:
// - the profile (GET /v1/me and the programme) for an hour: roles and territories rarely move;
// - the programme's lists (one GET /v1/snapshot) for five minutes, updated in place by this
//   user's own writes, so that reopening a sidebar right after saving costs no request.
// A cold start asks for both at once (UrlFetchApp.fetchAll: one wait).
import type { Quota, QuotaReport } from '../shared/quotas/rules';
import type { Programme } from '../shared/schemas/programme';
import type {
  ActionRecord,
  Choice,
  DocumentRecord,
  Me,
  Result,
  SidebarContext,
  Snapshot,
  WorkshopRecord,
} from './api';
import { namesFromReport } from './names';
import { replaceQuota } from './report';
import { devUser, workerUrl } from './settings';
import { callWorkerAll, type WorkerRequest } from './worker-client';

const PROFILE_SECONDS = 3600;
const DATA_SECONDS = 300;
const DATA_PARTS = 'quotas,workshops,actions,documents';

interface Profile {
  me: Me;
  programme: Pick<Programme, 'minutesPerDay' | 'startDate' | 'endDate'>;
}
interface Lists {
  report: QuotaReport;
  workshops: Choice[];
  actions: (Choice & { partnerId: string })[];
  documents: DocumentRecord[];
}

/** Per worker and per identity: the harness switches identities inside one user's cache. */
const key = (what: string) => `veli:${what}:${workerUrl()}:${devUser() ?? ''}`;
const cache = () => CacheService.getUserCache();

function cached<T>(what: string): T | null {
  try {
    const raw = cache()?.get(key(what));
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}
function store(what: string, value: unknown, seconds: number) {
  try {
    cache()?.put(key(what), JSON.stringify(value), seconds);
  } catch {
    // too large for the cache: the next opening asks the worker again
  }
}
export const forgetProfile = () => cache()?.remove(key('profile'));

export const workshopChoice = (w: WorkshopRecord): Choice => ({
  id: w.id,
  label: `Atelier n° ${w.number} — ${w.theme}`,
});
export const actionChoice = (a: ActionRecord) => ({ id: a.id, label: a.title, partnerId: a.partnerId });

function toLists(s: Pick<Snapshot, 'quotas' | 'workshops' | 'actions' | 'documents'>): Lists {
  return {
    report: s.quotas,
    workshops: s.workshops.map(workshopChoice),
    actions: s.actions.map(actionChoice),
    documents: s.documents,
  };
}

/** The default date of an entry: today, kept within the programme's dates. */
const withinProgramme = (day: string, p: { startDate: string; endDate: string }) =>
  day < p.startDate ? p.startDate : day > p.endDate ? p.endDate : day;

/** Today in Paris, the programme's time zone. */
export const todayInParis = () => Utilities.formatDate(new Date(), 'Europe/Paris', 'yyyy-MM-dd');

function fetchMissing(profile: Profile | null, lists: Lists | null) {
  const reqs: WorkerRequest[] = [];
  if (!profile) reqs.push({ method: 'get', path: '/v1/me' }, { method: 'get', path: '/v1/programme' });
  if (!lists) reqs.push({ method: 'get', path: `/v1/snapshot?parts=${DATA_PARTS}` });
  const answers = callWorkerAll(reqs);
  const failed = answers.find((a) => !a.ok);
  if (failed && !failed.ok) return { ok: false as const, error: failed.error };
  const data = answers.map((a) => (a.ok ? a.data : null));
  let i = 0;
  if (!profile) {
    const me = data[i++] as Me;
    const p = data[i++] as Programme;
    profile = {
      me,
      programme: { minutesPerDay: p.minutesPerDay, startDate: p.startDate, endDate: p.endDate },
    };
    store('profile', profile, PROFILE_SECONDS);
  }
  if (!lists) {
    lists = toLists(data[i] as Snapshot);
    store('lists', lists, DATA_SECONDS);
  }
  return { ok: true as const, profile, lists };
}

/** The context of a sidebar: from the cache when it is there (no request), else one round trip. */
export function sidebarContext(fresh = false): Result<SidebarContext> {
  const got = fetchMissing(cached<Profile>('profile'), fresh ? null : cached<Lists>('lists'));
  if (!got.ok) return got;
  const { profile, lists } = got;
  namesFromReport(lists.report);
  const me: Me = {
    ...profile.me,
    // Until the worker lists them (v1.1), an admin may write everywhere.
    territories:
      profile.me.territories ??
      (profile.me.role === 'admin'
        ? lists.report.territories.map((t) => ({ id: t.territoryId, name: t.name }))
        : undefined),
  };
  return {
    ok: true,
    data: {
      me,
      report: lists.report,
      today: withinProgramme(todayInParis(), profile.programme),
      minutesPerDay: profile.programme.minutesPerDay,
      programme: { startDate: profile.programme.startDate, endDate: profile.programme.endDate },
      workshops: lists.workshops,
      actions: lists.actions,
      documents: lists.documents,
    },
  };
}

/** The cached profile, or null (then nothing here costs a request). */
export const cachedProfile = () => cached<Profile>('profile');
export const minutesPerDay = () => cachedProfile()?.programme.minutesPerDay;

/** Keeps the cached lists in step with what this user just saved. */
export function updateLists(change: {
  report?: QuotaReport;
  quota?: Quota;
  workshop?: WorkshopRecord;
  action?: ActionRecord;
  document?: DocumentRecord;
}) {
  const lists = cached<Lists>('lists');
  if (!lists) return;
  if (change.report) lists.report = change.report;
  if (change.quota) replaceQuota(lists.report, change.quota);
  const upsert = <T extends { id: string }>(list: T[], item: T) => {
    const i = list.findIndex((x) => x.id === item.id);
    if (i >= 0) list[i] = item;
    else list.push(item);
  };
  if (change.workshop) upsert(lists.workshops, workshopChoice(change.workshop));
  if (change.action) upsert(lists.actions, actionChoice(change.action));
  if (change.document) upsert(lists.documents, change.document);
  store('lists', lists, DATA_SECONDS);
}
