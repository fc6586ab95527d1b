// What a sidebar needs to know when it opens — who the user is, their territories, the quotas,
// the workshops, actions and documents to pick from — inlined into the page when the add-on
// builds it (no first round trip from the sidebar), and kept in the user's cache:
// - the profile (who the user is, the programme's dates) for an hour: roles and territories
//   rarely move;
// - the programme's lists for five minutes, updated in place by this user's own writes, so
//   that reopening a sidebar right after saving costs no request.
// Whatever is missing comes from one GET /v1/snapshot naming the parts it needs (`me` and
// `programme` are parts too): a cold sidebar costs one request, a cached one none.

import type { People } from '../shared/api/system';
import { QUOTA_RULES, type Quota, type QuotaReport, type QuotaRule } from '../shared/quotas/rules';
import type { SessionKind } from '../shared/schemas/enums';
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
import { namesFromReport, rememberPeople } from './names';
import { replaceQuota } from './report';
import { devUser, workerUrl } from './settings';
import { callWorker } from './worker-client';

const PROFILE_SECONDS = 3600;
const DATA_SECONDS = 300;
const DATA_PARTS = 'quotas,workshops,actions,documents';

export interface Profile {
  me: Me;
  programme: Pick<Programme, 'minutesPerDay' | 'startDate' | 'endDate'>;
  /** The longest session each capped kind allows (a collective support: 120 min). */
  maxMinutes?: Partial<Record<SessionKind, number>>;
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

/** The snapshot's parts that make the profile, when it is not cached (and who has a name). */
export const PROFILE_PARTS = 'me,programme,people';

/** The profile from a snapshot that holds `me` and `programme`, kept for the next hour. */
export function rememberProfile(s: { me: Me; programme: Programme; people?: People }): Profile {
  if (s.people) rememberPeople(s.people);
  const p = s.programme;
  const maxMinutes: Partial<Record<SessionKind, number>> = {};
  for (const [kind, rule] of Object.entries(QUOTA_RULES) as [SessionKind, QuotaRule][])
    if (rule.maxMinutesPerSession) maxMinutes[kind] = rule.maxMinutesPerSession(p);
  const profile: Profile = {
    me: s.me,
    programme: { minutesPerDay: p.minutesPerDay, startDate: p.startDate, endDate: p.endDate },
    maxMinutes,
  };
  store('profile', profile, PROFILE_SECONDS);
  return profile;
}

/** One request for whatever the cache lacks (none when it holds both). */
function fetchMissing(profile: Profile | null, lists: Lists | null) {
  if (profile && lists) return { ok: true as const, profile, lists };
  const parts = [...(profile ? [] : [PROFILE_PARTS]), ...(lists ? [] : [DATA_PARTS])].join(',');
  const res = callWorker<Snapshot & { me: Me; programme: Programme }>({
    method: 'get',
    path: `/v1/snapshot?parts=${parts}`,
  });
  if (!res.ok) return res;
  if (!lists) {
    lists = toLists(res.data);
    store('lists', lists, DATA_SECONDS);
  }
  return { ok: true as const, profile: profile ?? rememberProfile(res.data), lists };
}

/** The context of a sidebar: from the cache when it is there (no request), else one round trip. */
export function sidebarContext(fresh = false): Result<SidebarContext> {
  const got = fetchMissing(cached<Profile>('profile'), fresh ? null : cached<Lists>('lists'));
  if (!got.ok) return got;
  const { profile, lists } = got;
  namesFromReport(lists.report);
  return {
    ok: true,
    data: {
      me: profile.me,
      report: lists.report,
      today: withinProgramme(todayInParis(), profile.programme),
      minutesPerDay: profile.programme.minutesPerDay,
      maxMinutes: profile.maxMinutes ?? {},
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
