import { type Query, query, runQuery } from '../db/query';
import type { CountingDb } from './facts';
import { ALERT_RULES, type AlertRule, type Candidate, type Severity } from './rules';

/**
 * D1 refuses bound strings over 2 MB; the upsert sends the run's alerts as one JSON array,
 * split only when it would pass this size (thousands of alerts per statement).
 */
const MAX_JSON_BYTES = 1_000_000;

const UPSERT = `INSERT INTO alerts (id, key, rule, severity, subject_type, subject_id, subject_label, quota_key,
    message, first_seen_at, last_seen_at, last_run_id)
  SELECT lower(hex(randomblob(16))), value ->> 'k', value ->> 'r', value ->> 's', value ->> 't', value ->> 'i',
    value ->> 'l', value ->> 'q', value ->> 'm', ?2, ?2, ?3
  FROM json_each(?1) WHERE true
  ON CONFLICT (key) WHERE resolved_at IS NULL DO UPDATE SET
    severity = excluded.severity, subject_label = excluded.subject_label, message = excluded.message,
    last_seen_at = excluded.last_seen_at, last_run_id = excluded.last_run_id`;

/** Whatever is still open and was not seen by this run has cleared. */
const RESOLVE = 'UPDATE alerts SET resolved_at = ?1 WHERE resolved_at IS NULL AND last_run_id <> ?2';

/**
 * The statements that bring the alerts table in line with this run's findings: a fixed
 * number (one upsert per MB of alerts, one resolution), meant for a single D1 batch so a
 * failure anywhere leaves the table exactly as it was.
 */
export function alertWrites(db: CountingDb, runId: string, at: string, alerts: readonly Candidate[]) {
  const encoder = new TextEncoder();
  const chunks: string[][] = [[]];
  let size = 0;
  for (const a of alerts) {
    const json = JSON.stringify({
      k: a.key,
      r: a.rule,
      s: a.severity,
      t: a.subjectType,
      i: a.subjectId,
      l: a.subjectLabel,
      q: a.quota,
      m: a.message,
    });
    const bytes = encoder.encode(json).length + 1;
    if (size + bytes > MAX_JSON_BYTES && chunks.at(-1)!.length > 0) {
      chunks.push([]);
      size = 0;
    }
    chunks.at(-1)!.push(json);
    size += bytes;
  }
  // A run with no alert still sends one (empty) upsert: the statement count does not vary.
  return [
    ...chunks.map((c) => db.prepare(UPSERT).bind(`[${c.join(',')}]`, at, runId)),
    db.prepare(RESOLVE).bind(at, runId),
  ];
}

export interface Alert {
  id: string;
  rule: AlertRule;
  ruleLabel: string;
  severity: Severity;
  subjectType: string;
  subjectId: string;
  subjectLabel: string;
  quota?: string;
  message: string;
  firstSeenAt: string;
  lastSeenAt: string;
  resolvedAt: string | null;
}

type Row = Record<string, string | number | null>;

const SEVERITY_ORDER = `CASE severity WHEN 'critical' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END`;

function fromRow(r: Row): Alert {
  const rule = String(r.rule) as AlertRule;
  const alert: Alert = {
    id: String(r.id),
    rule,
    ruleLabel: ALERT_RULES[rule]?.label ?? rule,
    severity: String(r.severity) as Severity,
    subjectType: String(r.subject_type),
    subjectId: String(r.subject_id),
    subjectLabel: String(r.subject_label),
    message: String(r.message),
    firstSeenAt: String(r.first_seen_at),
    lastSeenAt: String(r.last_seen_at),
    resolvedAt: r.resolved_at === null ? null : String(r.resolved_at),
  };
  if (r.quota_key) alert.quota = String(r.quota_key);
  return alert;
}

export interface AlertFilters {
  status: 'open' | 'resolved' | 'all';
  rule?: string | undefined;
  subjectId?: string | undefined;
  limit: number;
}

export function listAlertsQuery(db: D1Database, f: AlertFilters): Query<Alert[]> {
  const where: string[] = [];
  const args: (string | number)[] = [];
  if (f.status === 'open') where.push('resolved_at IS NULL');
  if (f.status === 'resolved') where.push('resolved_at IS NOT NULL');
  if (f.rule) where.push('rule = ?') && args.push(f.rule);
  if (f.subjectId) where.push('subject_id = ?') && args.push(f.subjectId);
  const order =
    f.status === 'resolved'
      ? 'resolved_at DESC, id'
      : `resolved_at IS NOT NULL, ${SEVERITY_ORDER}, rule, subject_label, key`;
  return query(
    db
      .prepare(
        `SELECT * FROM alerts ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${order} LIMIT ?`,
      )
      .bind(...args, f.limit),
    (rows) => rows.map(fromRow),
  );
}

export const listAlerts = (db: D1Database, f: AlertFilters) => runQuery(listAlertsQuery(db, f));

export interface RunRecord {
  id: string;
  trigger: 'cron' | 'manual';
  requestedBy: string | null;
  asOf: string | null;
  startedAt: string;
  finishedAt: string | null;
  ok: boolean | null;
  checked: Record<string, number> | null;
  alerts: { open: number; opened: number; resolved: number } | null;
  statements: number | null;
  error: string | null;
  /** The R2 object the run's archive went to (nightly runs), null otherwise. */
  backupKey: string | null;
}

export function runFromRow(r: Row): RunRecord {
  return {
    id: String(r.id),
    trigger: String(r.trigger) as RunRecord['trigger'],
    requestedBy: r.requested_by === null ? null : String(r.requested_by),
    asOf: r.as_of === null ? null : String(r.as_of),
    startedAt: String(r.started_at),
    finishedAt: r.finished_at === null ? null : String(r.finished_at),
    ok: r.ok === null ? null : Boolean(r.ok),
    checked: r.checked ? JSON.parse(String(r.checked)) : null,
    alerts: r.outcome ? JSON.parse(String(r.outcome)) : null,
    statements: r.statements === null ? null : Number(r.statements),
    error: r.error === null ? null : String(r.error),
    backupKey: r.backup_key == null ? null : String(r.backup_key),
  };
}

export const lastRunQuery = (db: D1Database): Query<RunRecord | null> =>
  query(db.prepare('SELECT * FROM check_runs ORDER BY started_at DESC, rowid DESC LIMIT 1'), ([r]) =>
    r ? runFromRow(r) : null,
  );

export const lastRun = (db: D1Database) => runQuery(lastRunQuery(db));

export async function getRun(db: D1Database, id: string): Promise<RunRecord | null> {
  const r = await db.prepare('SELECT * FROM check_runs WHERE id = ?').bind(id).first<Row>();
  return r ? runFromRow(r) : null;
}

/** What a plain GET /v1/alerts lists, and so what the snapshot carries. */
export const OPEN_ALERTS = { status: 'open', limit: 1000 } as const;

export const presentRun = (r: RunRecord | null) =>
  r && {
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    ok: r.ok,
    checked: r.checked,
    id: r.id,
    trigger: r.trigger,
    asOf: r.asOf,
    alerts: r.alerts,
    statements: r.statements,
    error: r.error,
    backupKey: r.backupKey,
  };
