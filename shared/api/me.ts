// The caller's own settings (GET and PUT /v1/me) and reminders (GET /v1/snapshot?parts=reminders).
import * as z from 'zod/mini';
import { Preferences } from '../schemas/records';

/** The settings PUT /v1/me takes are the ones answered (shared/schemas/records.ts). */
export { Preferences };

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
