import * as z from 'zod/mini';
import { Instant } from './authored';

const ALERT = {
  rule: z.string(),
  ruleLabel: z.string(),
  severity: z.enum(['critical', 'warning', 'info']),
  subjectType: z.string(),
  subjectId: z.string(),
  subjectLabel: z.string(),
  /** The quota key, for the quota rules. */
  quota: z.optional(z.string()),
  message: z.string(),
};

/** An alert of the nightly check, as stored: open while `resolvedAt` is null. */
export const Alert = z.strictObject({
  id: z.string(),
  ...ALERT,
  firstSeenAt: Instant,
  lastSeenAt: Instant,
  resolvedAt: z.nullable(Instant),
});
export type Alert = z.output<typeof Alert>;

const Outcome = z.strictObject({ open: z.int(), opened: z.int(), resolved: z.int() });
const Checked = z.record(z.string(), z.int());

/** A run of the check (the last one beside the alerts; the one a manual run made). */
export const Run = z.strictObject({
  id: z.string(),
  trigger: z.enum(['cron', 'manual']),
  asOf: z.nullable(z.string()),
  startedAt: Instant,
  finishedAt: z.nullable(Instant),
  ok: z.nullable(z.boolean()),
  checked: z.nullable(Checked),
  alerts: z.nullable(Outcome),
  statements: z.nullable(z.int()),
  error: z.nullable(z.string()),
  /** The R2 object the run wrote the archive to (`archives/<date>.jsonl`), if it did. */
  backupKey: z.nullable(z.string()),
});
export type Run = z.output<typeof Run>;

/** GET /v1/alerts. */
export const AlertList = z.strictObject({ alerts: z.array(Alert), lastRun: z.nullable(Run) });

/** A simulation (another date than today): what it found, nothing stored. */
const Simulation = z.strictObject({
  run: z.strictObject({
    startedAt: Instant,
    finishedAt: Instant,
    ok: z.literal(true),
    checked: Checked,
    trigger: z.literal('manual'),
    requestedBy: z.string(),
    asOf: z.string(),
    alerts: Outcome,
    statements: z.int(),
    simulated: z.literal(true),
  }),
  alerts: z.array(
    z.strictObject({
      key: z.string(),
      ...ALERT,
      /** Since when the live record has it open; null: it would be new that day. */
      firstSeenAt: z.nullable(Instant),
    }),
  ),
});

/** POST /v1/checks/run: the run made, or a simulation's findings. */
export const CheckRun = z.union([z.strictObject({ run: Run }), Simulation]);
