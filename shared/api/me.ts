// The answers of GET and PUT /v1/me and of the reminders (see README.md beside this file).
import * as z from 'zod/mini';
import { ROLES } from '../schemas/enums';

export const Preferences = z.object({
  /** The nightly reminders of what is due from them reach the person by e-mail (default on). */
  reminders: z.boolean(),
});
export type Preferences = z.infer<typeof Preferences>;

/** GET /v1/me, PUT /v1/me: who is calling, the territories they may write for, their settings. */
export const MeAnswer = z.object({
  email: z.string(),
  role: z.enum(ROLES),
  territories: z.array(z.object({ id: z.string(), name: z.string() })),
  preferences: Preferences,
});
export type MeAnswer = z.infer<typeof MeAnswer>;

/** What a consultant may be reminded of, in the order the reminders list them. */
export const REMINDER_KINDS = ['sessions', 'ademe-monthly', 'indicators', 'blockers', 'documents'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

/** One thing due from a person: stable `key` (the same item, night after night), French `message`. */
export const Reminder = z.object({
  kind: z.enum(REMINDER_KINDS),
  key: z.string(),
  territoryId: z.nullable(z.string()),
  message: z.string(),
});
export type Reminder = z.infer<typeof Reminder>;

/** The caller's reminders as of today in Paris (GET /v1/snapshot?parts=reminders). */
export const Reminders = z.object({
  asOf: z.string(),
  items: z.array(Reminder),
  preferences: Preferences,
});
export type Reminders = z.infer<typeof Reminders>;
