import { zonedDate, zonedDayStart } from '../../shared/dates';
import type { SessionKind } from '../../shared/schemas/enums';
import type { Programme } from '../../shared/schemas/programme';
import { PROGRAMME_SQL, programmeFromRow } from '../db/programme';
import { usageFromRow } from '../quotas/engine';
import {
  BLOCKER_STALE_DAYS,
  type Facts,
  INDICATOR_STALE_DAYS,
  type SessionFact,
  type Severity,
} from './rules';

/**
 * D1 with a count of the SQL statements it ran: the check must cost the same number of
 * statements whatever the size of the programme, and each run records that number.
 */
export class CountingDb {
  statements = 0;
  constructor(readonly db: D1Database) {}
  prepare(sql: string) {
    return this.db.prepare(sql);
  }
  batch<T = unknown>(statements: D1PreparedStatement[]) {
    this.statements += statements.length;
    return this.db.batch<T>(statements);
  }
  first<T>(statement: D1PreparedStatement) {
    this.statements += 1;
    return statement.first<T>();
  }
  run(statement: D1PreparedStatement) {
    this.statements += 1;
    return statement.run();
  }
}

/**
 * One GROUP BY over live sessions, one row per quota subject (the `quota_subject` each session
 * got when written, as the quota engine's USAGE_SQL), with the extra sums the rules need: use
 * without overrides, and what was held on or before the check's date (?1).
 */
export const SESSION_FACTS_SQL = `SELECT kind, quota_subject AS subject,
    COUNT(*) AS sessions,
    COALESCE(SUM(duration_minutes), 0) AS minutes,
    SUM(override_reason IS NULL) AS plainSessions,
    COALESCE(SUM(CASE WHEN override_reason IS NULL THEN duration_minutes END), 0) AS plainMinutes,
    SUM(date <= ?1) AS heldSessions,
    MAX(CASE WHEN date <= ?1 THEN duration_minutes END) AS longestHeld
  FROM sessions WHERE deleted_at IS NULL GROUP BY kind, quota_subject`;

// Stale work compares instants (updated_at, created_at: UTC) with the check's day in Paris:
// the bounds are the instants at which Paris days start (?2), never a UTC date.
const STALE_BLOCKERS_SQL = `SELECT b.id, json_extract(b.data, '$.title') AS title, b.status,
    b.updated_at AS changedAt, t.name AS territoryName, p.name AS partnerName
  FROM blockers b JOIN territories t ON t.id = b.territory_id LEFT JOIN partners p ON p.id = b.partner_id
  WHERE b.status IN ('open', 'in-progress') AND b.updated_at < ?1
  ORDER BY b.id`;

/** ?1 the check's date; ?2 the instant the day after the stale threshold starts, in Paris. */
const STALE_ACTIONS_SQL = `SELECT a.id, json_extract(a.data, '$.title') AS title, p.name AS partnerName,
    t.name AS territoryName, a.created_at AS createdAt, i.lastValueOn
  FROM actions a JOIN partners p ON p.id = a.partner_id JOIN territories t ON t.id = a.territory_id
    LEFT JOIN (SELECT partner_id, MAX(period_end) AS lastValueOn FROM indicators WHERE period_end <= ?1
      GROUP BY partner_id) i ON i.partner_id = a.partner_id
  WHERE a.created_at < ?2 AND COALESCE(i.lastValueOn, '') <= date(?1, '-${INDICATOR_STALE_DAYS} days')
  ORDER BY a.id`;

/**
 * A workshop is a `workshop` session (the quota) and a sheet (the workshops record), linked by
 * their host territory (each host holds at most one of each): held sessions without a sheet,
 * and sheets dated by then without their session.
 */
const UNLINKED_WORKSHOPS_SQL = `SELECT 'session' AS side, s.territory_id AS id, t.name AS hostName, MIN(s.date) AS date,
    NULL AS number, NULL AS theme
  FROM sessions s JOIN territories t ON t.id = s.territory_id
  WHERE s.deleted_at IS NULL AND s.kind = 'workshop' AND s.date <= ?1
    AND NOT EXISTS (SELECT 1 FROM workshops w WHERE w.host_territory_id = s.territory_id)
  GROUP BY s.territory_id
  UNION ALL
  SELECT 'sheet', w.id, t.name, json_extract(w.data, '$.date'), w.number, json_extract(w.data, '$.theme')
  FROM workshops w JOIN territories t ON t.id = w.host_territory_id
  WHERE json_extract(w.data, '$.date') <= ?1 AND NOT EXISTS (SELECT 1 FROM sessions s
    WHERE s.deleted_at IS NULL AND s.kind = 'workshop' AND s.territory_id = w.host_territory_id)
  ORDER BY 1, 2`;

export async function readProgramme(db: CountingDb): Promise<Programme> {
  return programmeFromRow(await db.first<{ data: string }>(db.prepare(PROGRAMME_SQL)));
}

export interface Checked {
  territories: number;
  partners: number;
  sessions: number;
  blockers: number;
  actions: number;
}

export interface OpenAlert {
  firstSeenAt: string;
  severity: Severity;
  message: string;
}

export interface ReadResult {
  facts: Facts;
  checked: Checked;
  /** Open alerts before this run, by key (first seen for the spreadsheet, message for the digest). */
  open: Map<string, OpenAlert>;
}

/** The check's reads: a fixed number of statements, whatever the size of the programme. */
function factStatements(db: CountingDb, programme: Programme, asOf: string) {
  const tz = programme.timezone;
  return [
    db.prepare(SESSION_FACTS_SQL).bind(asOf),
    db.prepare('SELECT id, name, assessment IS NOT NULL AS hasAssessment FROM territories ORDER BY name, id'),
    db.prepare('SELECT id, territory_id AS territoryId, name FROM partners ORDER BY territory_id, name, id'),
    // Stale when last changed on or before the day BLOCKER_STALE_DAYS before the check's, in Paris.
    db.prepare(STALE_BLOCKERS_SQL).bind(zonedDayStart(asOf, tz, 1 - BLOCKER_STALE_DAYS)),
    db.prepare(STALE_ACTIONS_SQL).bind(asOf, zonedDayStart(asOf, tz, 1 - INDICATOR_STALE_DAYS)),
    db.prepare(
      `SELECT (SELECT COUNT(*) FROM blockers WHERE status IN ('open', 'in-progress')) AS blockers,
        (SELECT COUNT(*) FROM actions) AS actions`,
    ),
    db.prepare(
      'SELECT key, first_seen_at AS firstSeenAt, severity, message FROM alerts WHERE resolved_at IS NULL',
    ),
    db.prepare(UNLINKED_WORKSHOPS_SQL).bind(asOf),
  ];
}

type SessionFactRow = Omit<SessionFact, 'territoryId' | 'partnerId' | 'month'> & {
  kind: SessionKind;
  subject: string;
};

/** A session group placed by its quota subject, its sums as numbers. */
const sessionFact = (s: SessionFactRow): SessionFact => ({
  ...usageFromRow(s),
  sessions: Number(s.sessions),
  minutes: Number(s.minutes),
  plainSessions: Number(s.plainSessions),
  plainMinutes: Number(s.plainMinutes),
  heldSessions: Number(s.heldSessions),
  longestHeld: s.longestHeld === null ? null : Number(s.longestHeld),
});

/** Everything the rules need, in one batch of a fixed number of statements. */
export async function readFacts(db: CountingDb, programme: Programme, asOf: string): Promise<ReadResult> {
  const [sessions, territories, partners, blockers, actions, counts, open, wk] = await db.batch(
    factStatements(db, programme, asOf),
  );
  const rows = <T>(r: D1Result | undefined) => (r?.results ?? []) as T[];
  const tz = programme.timezone;
  const sessionFacts = rows<SessionFactRow>(sessions).map(sessionFact);
  const territoryRows = rows<{ id: string; name: string; hasAssessment: number }>(territories).map((t) => ({
    ...t,
    hasAssessment: Boolean(t.hasAssessment),
  }));
  const partnerRows = rows<Facts['partners'][number]>(partners);
  const c = rows<{ blockers: number; actions: number }>(counts)[0] ?? { blockers: 0, actions: 0 };
  return {
    facts: {
      programme,
      asOf,
      territories: territoryRows,
      partners: partnerRows,
      sessions: sessionFacts,
      staleBlockers: rows<StaleBlockerRow>(blockers).map(({ changedAt, ...b }) => ({
        ...b,
        changedOn: zonedDate(changedAt, tz),
      })),
      staleActions: rows<StaleActionRow>(actions).map(({ createdAt, ...a }) => ({
        ...a,
        createdOn: zonedDate(createdAt, tz),
      })),
      unlinkedWorkshops: rows(wk),
    },
    checked: {
      territories: territoryRows.length,
      partners: partnerRows.length,
      sessions: sessionFacts.reduce((n, s) => n + s.sessions, 0),
      blockers: Number(c.blockers),
      actions: Number(c.actions),
    },
    open: new Map(rows<OpenAlert & { key: string }>(open).map(({ key, ...a }) => [key, a])),
  };
}

type StaleBlockerRow = Omit<Facts['staleBlockers'][number], 'changedOn'> & { changedAt: string };
type StaleActionRow = Omit<Facts['staleActions'][number], 'createdOn'> & { createdAt: string };
