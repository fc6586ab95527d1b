// The caller's own settings (GET and PUT /v1/me) and reminders (GET /v1/snapshot?parts=reminders).
import * as z from 'zod/mini';

export const Preferences = z.strictObject({
  /** The nightly reminders of what is due from them reach the person by e-mail (default on). */
  reminders: z.boolean(),
});
export type Preferences = z.output<typeof Preferences>;

/** What a consultant may be reminded of, in the order the reminders list them. */
export const REMINDER_KINDS = ['sessions', 'ademe-monthly', 'indicators', 'blockers', 'documents'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

/** One thing due from a person: stable `key` (the same item, night after night), French `message`. */
export const Reminder = z.strictObject({
  kind: z.enum(REMINDER_KINDS),
  key: z.string(),
  territoryId: z.nullable(z.string()),
  message: z.string(),
});
export type Reminder = z.output<typeof Reminder>;

/** The caller's reminders as of today in Paris, and whether they reach them by e-mail. */
export const Reminders = z.strictObject({
  asOf: z.string(),
  items: z.array(Reminder),
  preferences: Preferences,
});
export type Reminders = z.output<typeof Reminders>;
