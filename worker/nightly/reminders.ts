// What is due from each consultant, as of a Paris date: sessions not logged for three weeks on
// an active territory, the monthly ADEME point, indicator values of their partners' actions,
// blockers without news for 30 days, documents to generate and to submit. Read in one statement
// (each list a JSON text built by SQLite), then sorted out per person by pure rules: the nightly
// check e-mails them (reminder-mail.ts), the « Quotas et alertes » sidebar shows the caller's.
import type { Reminder } from '../../shared/api/me';
import { addDays, daysBetween, zonedDate, zonedDayStart } from '../../shared/dates';
import { REMINDER_MSG } from '../../shared/i18n/messages';
import { frShortDate } from '../../shared/i18n/typography';
import { QUOTA_RULES } from '../../shared/quotas/rules';
import type { Programme } from '../../shared/schemas/programme';
import { programmeFromRow } from '../db/programme';
import { sha256Hex } from '../db/util';
import { deMonth } from './format';
import { INDICATOR_STALE_DAYS } from './rules';

/** A territory with no session logged for this long is reminded to its consultants. */
export const SESSION_GAP_DAYS = 21;
/** An open blocker unchanged this long is « sans nouvelles ». */
export const BLOCKER_NEWS_DAYS = 30;
/** From this day of the month, the month's ADEME point is announced as due. */
export const MONTHLY_DUE_FROM_DAY = 20;
/** A generated document left in draft this long is reminded as « à soumettre ». */
export const DRAFT_SUBMIT_DAYS = 7;

interface TerritoryFact {
  id: string;
  name: string;
  consultants: string[];
  createdAt: string;
  hasAssessment: number;
  diagnosticMinutes: number;
  hasSummary: number;
  lastSession: string | null;
}
interface BlockerFact {
  id: string;
  title: string;
  territoryId: string;
  changedAt: string;
}
interface ActionFact {
  id: string;
  title: string;
  territoryId: string;
  partnerName: string;
  createdAt: string;
  status: string | null;
  lastValueOn: string | null;
  hasSheet: number;
}
/** A live document waiting on its consultants: a draft not submitted, or one ADEME sent back. */
interface DraftFact {
  id: string;
  title: string;
  territoryId: string | null;
  version: number;
  status: 'draft' | 'changes-requested';
  /** When the live version was generated (a draft) or sent back (changes requested). */
  since: string;
}
export interface PreferenceFact {
  email: string;
  reminders: number;
  remindedOn: string | null;
  remindedHash: string | null;
}
export interface ReminderFacts {
  programme: Programme;
  asOf: string;
  territories: TerritoryFact[];
  /** Months of the ADEME point held, among the last and the current one. */
  months: string[];
  blockers: BlockerFact[];
  actions: ActionFact[];
  drafts: DraftFact[];
  preferences: PreferenceFact[];
}

/**
 * ?1 the Paris date, ?2 and ?3 the previous and current months, ?4 the instant before which an
 * open blocker has had no news, ?5 one person's e-mail (NULL: everyone's preferences).
 */
const REMINDERS_SQL = `SELECT
  (SELECT json_object('data', data) FROM programme LIMIT 1) AS programme,
  (SELECT json_group_array(json_object('id', t.id, 'name', t.name, 'consultants', json_extract(t.data, '$.consultants'),
      'createdAt', t.created_at, 'hasAssessment', t.assessment IS NOT NULL,
      'diagnosticMinutes', COALESCE((SELECT minutes FROM quota_usage q WHERE q.kind = 'diagnostic' AND q.subject = t.id), 0),
      'hasSummary', EXISTS (SELECT 1 FROM documents d WHERE d.subject_key = 'territory-summary:' || t.id),
      'lastSession', (SELECT MAX(s.date) FROM sessions s WHERE s.deleted_at IS NULL AND s.territory_id = t.id AND s.date <= ?1)))
    FROM territories t) AS territories,
  (SELECT json_group_array(month) FROM (SELECT DISTINCT month FROM sessions
    WHERE deleted_at IS NULL AND kind = 'ademe-monthly' AND month IN (?2, ?3))) AS months,
  (SELECT json_group_array(json_object('id', id, 'title', json_extract(data, '$.title'), 'territoryId', territory_id,
      'changedAt', updated_at))
    FROM blockers WHERE status IN ('open', 'in-progress') AND updated_at < ?4) AS blockers,
  (SELECT json_group_array(json_object('id', a.id, 'title', json_extract(a.data, '$.title'), 'territoryId', a.territory_id,
      'partnerName', p.name, 'createdAt', a.created_at, 'status', json_extract(a.data, '$.status'),
      'lastValueOn', (SELECT MAX(i.period_end) FROM indicators i WHERE i.partner_id = a.partner_id AND i.period_end <= ?1),
      'hasSheet', EXISTS (SELECT 1 FROM documents d WHERE d.subject_key = 'action-sheet:' || a.id)))
    FROM actions a JOIN partners p ON p.id = a.partner_id) AS actions,
  (SELECT json_group_array(json_object('id', d.id, 'title', d.title, 'territoryId', d.territory_id, 'version', d.version,
      'status', d.status, 'since', COALESCE(v.reviewed_at, v.generated_at)))
    FROM documents d JOIN document_versions v ON v.document_id = d.id AND v.version = d.version
    WHERE d.as_of IS NULL AND d.status IN ('draft', 'changes-requested')) AS drafts,
  (SELECT json_group_array(json_object('email', email, 'reminders', reminders, 'remindedOn', reminded_on,
      'remindedHash', reminded_hash))
    FROM preferences WHERE ?5 IS NULL OR email = ?5) AS preferences`;

const monthOf = (day: string) => day.slice(0, 7);
const previousMonth = (day: string) => monthOf(addDays(`${monthOf(day)}-01`, -1));

/** The statement of the facts as of `asOf` (a Paris date); `email` narrows the preferences to one person. */
export function remindersStatement(db: D1Database, asOf: string, timeZone: string, email: string | null) {
  const cutoff = zonedDayStart(asOf, timeZone, 1 - BLOCKER_NEWS_DAYS);
  return db.prepare(REMINDERS_SQL).bind(asOf, previousMonth(asOf), monthOf(asOf), cutoff, email);
}

const list = <T>(text: unknown): T[] => (typeof text === 'string' ? (JSON.parse(text) as T[]) : []);

export function remindersFrom(row: Record<string, unknown> | null | undefined, asOf: string): ReminderFacts {
  const p = typeof row?.programme === 'string' ? (JSON.parse(row.programme) as { data: string }) : null;
  return {
    programme: programmeFromRow(p),
    asOf,
    territories: list<Omit<TerritoryFact, 'consultants'> & { consultants: string | string[] }>(
      row?.territories,
    ).map((t) => ({
      ...t,
      consultants: typeof t.consultants === 'string' ? JSON.parse(t.consultants) : (t.consultants ?? []),
    })),
    months: list<string>(row?.months),
    blockers: list<BlockerFact>(row?.blockers),
    actions: list<ActionFact>(row?.actions),
    drafts: list<DraftFact>(row?.drafts),
    preferences: list<PreferenceFact>(row?.preferences),
  };
}

type Due = Reminder & { to: string[] };
const lower = (emails: readonly string[]) => emails.map((e) => e.toLowerCase());

/** Territories with no session for three weeks while the programme runs, to their consultants. */
function sessionReminders(f: ReminderFacts, tz: string): Due[] {
  const p = f.programme;
  if (f.asOf < p.startDate || f.asOf > p.endDate) return [];
  const threshold = addDays(f.asOf, -SESSION_GAP_DAYS);
  return f.territories.flatMap((t): Due[] => {
    const since = zonedDate(t.createdAt, tz);
    if (since > threshold || (t.lastSession && t.lastSession > threshold)) return [];
    const message = t.lastSession
      ? REMINDER_MSG.noSessionSince(t.name, frShortDate(t.lastSession), daysBetween(t.lastSession, f.asOf))
      : REMINDER_MSG.noSessionYet(t.name, frShortDate(since));
    return [
      {
        kind: 'sessions',
        key: `sessions|${t.id}|${t.lastSession ?? ''}`,
        territoryId: t.id,
        message,
        to: lower(t.consultants),
      },
    ];
  });
}

/** The last month's ADEME point if missing, this month's once its end nears: to every consultant. */
function monthlyReminders(f: ReminderFacts, everyone: string[]): Due[] {
  const p = f.programme;
  const within = (month: string) => month >= monthOf(p.startDate) && month <= monthOf(p.endDate);
  const last = previousMonth(f.asOf);
  const current = monthOf(f.asOf);
  const out: Due[] = [];
  const max = p.quotas.ademeMonthlyMaxMinutes;
  if (within(last) && !f.months.includes(last))
    out.push({
      kind: 'ademe-monthly',
      key: `ademe-monthly|${last}`,
      territoryId: null,
      message: REMINDER_MSG.monthlyMissing(deMonth(last), max),
      to: everyone,
    });
  const lastDay = addDays(`${monthOf(addDays(`${current}-01`, 32))}-01`, -1);
  if (within(current) && Number(f.asOf.slice(8)) >= MONTHLY_DUE_FROM_DAY && !f.months.includes(current))
    out.push({
      kind: 'ademe-monthly',
      key: `ademe-monthly|${current}`,
      territoryId: null,
      message: REMINDER_MSG.monthlyDue(deMonth(current), frShortDate(lastDay)),
      to: everyone,
    });
  return out;
}

/** Actions whose partner has had no indicator value for the alerts' threshold, to their territory's consultants. */
function indicatorReminders(f: ReminderFacts, tz: string, byId: Map<string, TerritoryFact>): Due[] {
  const threshold = addDays(f.asOf, -INDICATOR_STALE_DAYS);
  return f.actions.flatMap((a): Due[] => {
    const t = byId.get(a.territoryId);
    const created = zonedDate(a.createdAt, tz);
    if (!t || a.status === 'abandoned' || created > threshold) return [];
    const last = a.lastValueOn && a.lastValueOn >= created ? a.lastValueOn : null;
    if (last && last > threshold) return [];
    const message = last
      ? REMINDER_MSG.indicatorsDue(a.title, a.partnerName, t.name, daysBetween(last, f.asOf))
      : REMINDER_MSG.indicatorsNever(a.title, a.partnerName, t.name);
    return [
      {
        kind: 'indicators',
        key: `indicators|${a.id}|${last ?? ''}`,
        territoryId: t.id,
        message,
        to: lower(t.consultants),
      },
    ];
  });
}

/** Open blockers with no news for 30 days (the statement chose them), to their territory's consultants. */
function blockerReminders(f: ReminderFacts, tz: string, byId: Map<string, TerritoryFact>): Due[] {
  return f.blockers.flatMap((b): Due[] => {
    const t = byId.get(b.territoryId);
    if (!t) return [];
    const since = zonedDate(b.changedAt, tz);
    const message = REMINDER_MSG.blockerStale(
      b.title,
      t.name,
      frShortDate(since),
      daysBetween(since, f.asOf),
    );
    return [
      {
        kind: 'blockers',
        key: `blockers|${b.id}|${since}`,
        territoryId: t.id,
        message,
        to: lower(t.consultants),
      },
    ];
  });
}

/** A summary whose diagnostic is written or used up, an action done: their documents, not yet generated. */
function documentReminders(f: ReminderFacts, byId: Map<string, TerritoryFact>): Due[] {
  const diagnostic = QUOTA_RULES.diagnostic.limit(f.programme);
  const summaries = f.territories
    .filter(
      (t) => !t.hasSummary && (t.hasAssessment || (diagnostic > 0 && t.diagnosticMinutes >= diagnostic)),
    )
    .map(
      (t): Due => ({
        kind: 'documents',
        key: `documents|summary|${t.id}`,
        territoryId: t.id,
        message: REMINDER_MSG.summaryDue(t.name),
        to: lower(t.consultants),
      }),
    );
  const sheets = f.actions.flatMap((a): Due[] => {
    const t = byId.get(a.territoryId);
    if (!t || a.status !== 'done' || a.hasSheet) return [];
    return [
      {
        kind: 'documents',
        key: `documents|action|${a.id}`,
        territoryId: t.id,
        message: REMINDER_MSG.actionSheetDue(a.title, t.name),
        to: lower(t.consultants),
      },
    ];
  });
  return [...summaries, ...sheets];
}

/**
 * Documents to submit: a draft generated a week ago or more, or one ADEME sent back. A
 * territory's to its consultants; a programme report's (no territory) to every consultant.
 */
function submitReminders(
  f: ReminderFacts,
  tz: string,
  byId: Map<string, TerritoryFact>,
  everyone: string[],
): Due[] {
  const threshold = addDays(f.asOf, -DRAFT_SUBMIT_DAYS);
  return f.drafts.flatMap((d): Due[] => {
    const t = d.territoryId ? byId.get(d.territoryId) : undefined;
    if (d.territoryId && !t) return [];
    const since = zonedDate(d.since, tz);
    if (d.status === 'draft' && since > threshold) return [];
    const message =
      d.status === 'draft'
        ? REMINDER_MSG.documentToSubmit(d.title, frShortDate(since), daysBetween(since, f.asOf))
        : REMINDER_MSG.documentSentBack(d.title, frShortDate(since));
    return [
      {
        kind: 'documents',
        key: `documents|${d.status}|${d.id}|${d.version}`,
        territoryId: t?.id ?? null,
        message,
        to: t ? lower(t.consultants) : everyone,
      },
    ];
  });
}

/** Every person's reminders, in the order the e-mail and the sidebar list them. */
export function dueReminders(f: ReminderFacts): Map<string, Reminder[]> {
  const tz = f.programme.timezone;
  const byId = new Map(f.territories.map((t) => [t.id, t]));
  const everyone = [...new Set(f.territories.flatMap((t) => lower(t.consultants)))];
  const all = [
    ...sessionReminders(f, tz),
    ...monthlyReminders(f, everyone),
    ...indicatorReminders(f, tz, byId),
    ...blockerReminders(f, tz, byId),
    ...documentReminders(f, byId),
    ...submitReminders(f, tz, byId, everyone),
  ];
  const out = new Map<string, Reminder[]>();
  for (const { to, ...r } of all) for (const email of to) out.set(email, [...(out.get(email) ?? []), r]);
  return out;
}

/** A digest of a list's items (their keys): the same list hashes the same, night after night. */
export const listHash = (items: readonly Reminder[]): Promise<string> =>
  sha256Hex(
    items
      .map((r) => r.key)
      .sort()
      .join('\n'),
  );
