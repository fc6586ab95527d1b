import type { Env } from '../env';
import { GoogleError } from '../google/service-account';
import { writeAlertsTab } from '../google/sheets';
import { sendDigest } from './digest';
import { type Checked, CountingDb, readFacts, readProgramme } from './facts';
import { calendarDate, frDateTime } from './format';
import { ALERT_RULES, type Candidate, evaluate, SEVERITY_LABELS } from './rules';
import { alertWrites, getRun, type RunRecord } from './store';

export interface RunOptions {
  trigger: 'cron' | 'manual';
  /** The check's "today"; by default the date of `at` in the programme's time zone. */
  asOf?: string;
  /** The trigger's scheduled time (cron) or now. */
  at?: Date;
  requestedBy?: string;
  /**
   * Test seam: append a statement that D1 rejects to the alert batch, after the upserts and
   * the resolution, to prove that a run failing there changes no alert. No route sets it.
   */
  failInsideAlertBatch?: boolean;
}

const SHEET_HEADER = [
  'Gravité',
  'Règle',
  'Objet',
  'Message',
  'Vue la première fois',
  'Vue la dernière fois',
  'Clé',
] as const;

function describe(err: unknown, stage: 'check' | 'sheets' | 'email'): string {
  const detail = err instanceof Error ? err.message.slice(0, 200) : String(err).slice(0, 200);
  if (stage === 'sheets') {
    const status = err instanceof GoogleError ? ` (HTTP ${err.status})` : '';
    return `Écriture de l’onglet « Alertes » impossible${status} : les alertes sont enregistrées, l’onglet sera réécrit au prochain contrôle. ${detail}`;
  }
  if (stage === 'email') return `Envoi du récapitulatif par courriel impossible : ${detail}`;
  return `Contrôle interrompu : les alertes existantes sont conservées telles quelles. ${detail}`;
}

/**
 * The nightly check: reads the record in a fixed number of statements, evaluates every rule,
 * then upserts and resolves the alerts in one D1 batch (all or nothing), then delivers the
 * open alerts to the spreadsheet and the e-mail digest. Every run is recorded, failed or not.
 */
export async function runNightlyCheck(env: Env, opts: RunOptions): Promise<RunRecord> {
  const db = new CountingDb(env.DB);
  const runId = crypto.randomUUID();
  const startedAt = new Date().toISOString();
  await db.run(
    db
      .prepare('INSERT INTO check_runs (id, trigger, requested_by, as_of, started_at) VALUES (?, ?, ?, ?, ?)')
      .bind(runId, opts.trigger, opts.requestedBy ?? null, opts.asOf ?? null, startedAt),
  );

  let asOf = opts.asOf ?? null;
  let checked: Checked | null = null;
  let outcome: { open: number; opened: number; resolved: number } | null = null;
  let sheetRows: number | null = null;
  const errors: string[] = [];
  try {
    const programme = await readProgramme(db);
    asOf = opts.asOf ?? calendarDate(opts.at ?? new Date(), programme.timezone);
    const read = await readFacts(db, programme, asOf);
    checked = read.checked;
    const found = [...new Map(evaluate(read.facts).map((c) => [c.key, c])).values()];

    const seenAt = new Date().toISOString();
    const writes = alertWrites(db, runId, seenAt, found);
    if (opts.failInsideAlertBatch) writes.push(db.prepare('INSERT INTO check_runs (id) VALUES (NULL)'));
    await db.batch(writes);

    const keys = new Set(found.map((c) => c.key));
    const resolved = [...read.open].filter(([key]) => !keys.has(key)).map(([, a]) => a);
    const opened = found.filter((c) => !read.open.has(c.key));
    outcome = { open: found.length, opened: opened.length, resolved: resolved.length };

    try {
      sheetRows = await writeAlertsTab(
        env,
        sheetTable(found, read.open, seenAt, programme.timezone),
        read.sheetRows,
      );
    } catch (err) {
      errors.push(describe(err, 'sheets'));
    }
    if (opened.length || resolved.length) {
      try {
        await sendDigest(
          env,
          { programmeName: programme.name, asOf, opened, resolved, open: found },
          new Date(),
        );
      } catch (err) {
        errors.push(describe(err, 'email'));
      }
    }
  } catch (err) {
    errors.push(describe(err, 'check'));
  }

  const error = errors.length ? errors.join(' | ') : null;
  if (error) console.error(JSON.stringify({ level: 'error', event: 'nightly-check', runId, error }));
  await db.run(
    db
      .prepare(
        `UPDATE check_runs SET as_of = ?2, finished_at = ?3, ok = ?4, checked = ?5, outcome = ?6,
           statements = ?7, sheet_rows = ?8, error = ?9 WHERE id = ?1`,
      )
      .bind(
        runId,
        asOf,
        new Date().toISOString(),
        error ? 0 : 1,
        checked ? JSON.stringify(checked) : null,
        outcome ? JSON.stringify(outcome) : null,
        // This very update counts too: the figure is the whole run's.
        db.statements + 1,
        sheetRows,
        error,
      ),
  );
  return (await getRun(env.DB, runId))!;
}

/** The tab's content: a header, then the open alerts, most severe first. */
function sheetTable(
  found: readonly Candidate[],
  before: ReadonlyMap<string, { firstSeenAt: string }>,
  seenAt: string,
  timeZone: string,
): string[][] {
  const rank = { critical: 0, warning: 1, info: 2 } as const;
  const collator = new Intl.Collator('fr');
  const sorted = [...found].sort(
    (a, b) =>
      rank[a.severity] - rank[b.severity] ||
      collator.compare(a.rule, b.rule) ||
      collator.compare(a.subjectLabel, b.subjectLabel) ||
      collator.compare(a.key, b.key),
  );
  const tz = (() => {
    try {
      new Intl.DateTimeFormat('fr-FR', { timeZone });
      return timeZone;
    } catch {
      return 'Europe/Paris';
    }
  })();
  return [
    [...SHEET_HEADER],
    ...sorted.map((a) => [
      SEVERITY_LABELS[a.severity],
      ALERT_RULES[a.rule].label,
      a.subjectLabel,
      a.message,
      frDateTime(before.get(a.key)?.firstSeenAt ?? seenAt, tz),
      frDateTime(seenAt, tz),
      a.key,
    ]),
  ];
}
