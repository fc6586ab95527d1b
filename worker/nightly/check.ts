import { zonedDate } from '../../shared/dates';
import type { Programme } from '../../shared/schemas/programme';
import type { Env } from '../env';
import { backUp } from '../export/nightly-backup';
import { GoogleError } from '../google/service-account';
import { deliverAlertsTab } from './alerts-tab';
import { sendDigest } from './digest';
import { type Checked, CountingDb, readFacts, readProgramme } from './facts';
import { sendReminders } from './reminder-mail';
import { ALERT_RULES, type Candidate, evaluate } from './rules';
import { alertWrites, getRun, type RunRecord } from './store';

export interface RunOptions {
  trigger: 'cron' | 'manual';
  /** The trigger's scheduled time (cron) or now: the check's "today" is its date in the programme's zone. */
  at?: Date;
  /**
   * Test seam: the check's "today" itself, to run the real check (stored alerts, run log, tab,
   * digest) as if on that day. No route sets it: a route's other date is a simulation.
   */
  today?: string;
  requestedBy?: string;
  /**
   * Test seam: append a statement that D1 rejects to the alert batch, after the upserts and
   * the resolution, to prove that a run failing there changes no alert. No route sets it.
   */
  failInsideAlertBatch?: boolean;
}

function describe(err: unknown, stage: 'check' | 'sheets' | 'email' | 'reminders'): string {
  const detail = err instanceof Error ? err.message.slice(0, 200) : String(err).slice(0, 200);
  if (stage === 'sheets') {
    const status = err instanceof GoogleError ? ` (HTTP ${err.status})` : '';
    return `Écriture de l’onglet « Alertes » impossible${status} : les alertes sont enregistrées, l’onglet sera réécrit au prochain contrôle. ${detail}`;
  }
  if (stage === 'email') return `Envoi du récapitulatif par courriel impossible : ${detail}`;
  if (stage === 'reminders') return `Envoi des rappels par courriel impossible : ${detail}`;
  return `Contrôle interrompu : les alertes existantes sont conservées telles quelles. ${detail}`;
}

/** The rules evaluated on the record as of a date: what a run stores and a simulation answers. */
export async function evaluateAsOf(db: CountingDb, day: (p: Programme) => string) {
  const programme = await readProgramme(db);
  const asOf = day(programme);
  const read = await readFacts(db, programme, asOf);
  const found = [...new Map(evaluate(read.facts).map((c) => [c.key, c])).values()];
  const keys = new Set(found.map((c) => c.key));
  const resolved = [...read.open].filter(([key]) => !keys.has(key)).map(([, a]) => a);
  const opened = found.filter((c) => !read.open.has(c.key));
  const outcome = { open: found.length, opened: opened.length, resolved: resolved.length };
  return { programme, asOf, read, found, opened, resolved, outcome };
}

interface RunState {
  asOf: string | null;
  checked: Checked | null;
  outcome: { open: number; opened: number; resolved: number } | null;
  sheetRows: number | null;
  /** The R2 object the run wrote its archive to (cron runs only). */
  backupKey: string | null;
  errors: string[];
}

/** Stores the alerts in one batch (all or nothing), then writes the tab and sends the digest. */
async function checkAndDeliver(env: Env, db: CountingDb, runId: string, opts: RunOptions, state: RunState) {
  const e = await evaluateAsOf(db, (p) => opts.today ?? zonedDate(opts.at ?? new Date(), p.timezone));
  Object.assign(state, { asOf: e.asOf, checked: e.read.checked });
  const seenAt = new Date().toISOString();
  const writes = alertWrites(db, runId, seenAt, e.found);
  if (opts.failInsideAlertBatch) writes.push(db.prepare('INSERT INTO check_runs (id) VALUES (NULL)'));
  await db.batch(writes);
  state.outcome = e.outcome;
  try {
    const rows = alertRows(e.found, (key) => e.read.open.get(key)?.firstSeenAt ?? seenAt).map((a) => ({
      ...a,
      lastSeenAt: seenAt,
    }));
    state.sheetRows = (await deliverAlertsTab(env, rows, e.asOf, e.programme.timezone))?.rows ?? null;
  } catch (err) {
    state.errors.push(describe(err, 'sheets'));
  }
  if (e.opened.length || e.resolved.length)
    try {
      const digest = {
        programmeName: e.programme.name,
        asOf: e.asOf,
        opened: e.opened,
        resolved: e.resolved,
      };
      await sendDigest(env, { ...digest, open: e.found }, new Date());
    } catch (err) {
      state.errors.push(describe(err, 'email'));
    }
  try {
    const reminders = await sendReminders(env, db, e.asOf, e.programme.timezone, new Date());
    state.errors.push(...reminders.errors);
  } catch (err) {
    state.errors.push(describe(err, 'reminders'));
  }
}

/**
 * The nightly check: reads the record in a fixed number of statements, evaluates every rule,
 * then upserts and resolves the alerts in one D1 batch (all or nothing), then delivers the
 * open alerts to the spreadsheet and the e-mail digest. Every run is recorded, failed or not.
 */
export async function runNightlyCheck(env: Env, opts: RunOptions): Promise<RunRecord> {
  const db = new CountingDb(env.DB);
  const runId = crypto.randomUUID();
  await db.run(
    db
      .prepare('INSERT INTO check_runs (id, trigger, requested_by, as_of, started_at) VALUES (?, ?, ?, ?, ?)')
      .bind(runId, opts.trigger, opts.requestedBy ?? null, opts.today ?? null, new Date().toISOString()),
  );
  const state: RunState = {
    asOf: opts.today ?? null,
    checked: null,
    outcome: null,
    sheetRows: null,
    backupKey: null,
    errors: [],
  };
  try {
    await checkAndDeliver(env, db, runId, opts, state);
  } catch (err) {
    state.errors.push(describe(err, 'check'));
  }
  if (opts.trigger === 'cron') await backUp(env, opts.at ?? new Date(), state);
  const error = state.errors.length ? state.errors.join(' | ') : null;
  if (error) console.error(JSON.stringify({ level: 'error', event: 'nightly-check', runId, error }));
  await db.run(
    db
      .prepare(
        `UPDATE check_runs SET as_of = ?2, finished_at = ?3, ok = ?4, checked = ?5, outcome = ?6,
           statements = ?7, sheet_rows = ?8, error = ?9, backup_key = ?10 WHERE id = ?1`,
      )
      .bind(
        runId,
        state.asOf,
        new Date().toISOString(),
        error ? 0 : 1,
        state.checked ? JSON.stringify(state.checked) : null,
        state.outcome ? JSON.stringify(state.outcome) : null,
        // This very update counts too: the figure is the whole run's.
        db.statements + 1,
        state.sheetRows,
        error,
        state.backupKey,
      ),
  );
  return (await getRun(env.DB, runId))!;
}

/**
 * A simulation: the rules evaluated as of another day than today, on the record as it stands.
 * Nothing is stored or delivered (no alert, no run, no tab, no e-mail): the answer is all.
 */
export async function simulateCheck(env: Env, asOf: string, requestedBy: string) {
  const db = new CountingDb(env.DB);
  const startedAt = new Date().toISOString();
  const e = await evaluateAsOf(db, () => asOf);
  // Already open in the live record: since when; otherwise it would be new that day.
  const alerts = alertRows(e.found, (key) => e.read.open.get(key)?.firstSeenAt ?? null);
  const run = {
    startedAt,
    finishedAt: new Date().toISOString(),
    ok: true,
    checked: e.read.checked,
    trigger: 'manual' as const,
    requestedBy,
    asOf,
    alerts: e.outcome,
    statements: db.statements,
    simulated: true as const,
  };
  return { run, alerts };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const RANK = { critical: 0, warning: 1, info: 2 } as const;

/**
 * The alerts found, most severe first in the API's order (GET /v1/alerts), as a simulation
 * answers them and the « Alertes » tab appends them: with the rule's French label and since
 * when each is open (`firstSeenAt`).
 */
function alertRows<F extends string | null>(found: readonly Candidate[], firstSeenAt: (key: string) => F) {
  return [...found]
    .sort(
      (a, b) =>
        RANK[a.severity] - RANK[b.severity] ||
        cmp(a.rule, b.rule) ||
        cmp(a.subjectLabel, b.subjectLabel) ||
        cmp(a.key, b.key),
    )
    .map(({ quota, ...a }) => ({
      ...a,
      ruleLabel: ALERT_RULES[a.rule].label,
      ...(quota ? { quota } : {}),
      firstSeenAt: firstSeenAt(a.key),
    }));
}
