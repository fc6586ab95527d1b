// The caller's own reminders as of today (GET /v1/snapshot?parts=reminders): what the nightly
// e-mail would list for them, so the « Quotas et alertes » sidebar shows it too and nobody
// depends on e-mail alone.
import type { Reminders } from '../../shared/api/me';
import { PARIS, zonedDate } from '../../shared/dates';
import { DEFAULT_PREFERENCES } from '../db/preferences';
import { type Query, query } from '../db/query';
import { dueReminders, remindersFrom, remindersStatement } from './reminders';

/** Today is the programme's Paris date (its zone, as the tender's). */
export function myRemindersQuery(db: D1Database, email: string): Query<Reminders> {
  const asOf = zonedDate(new Date(), PARIS);
  return query(remindersStatement(db, asOf, PARIS, email), ([row]) => {
    const facts = remindersFrom(row, asOf);
    const pref = facts.preferences.find((p) => p.email === email);
    return {
      asOf,
      items: dueReminders(facts).get(email) ?? [],
      preferences: pref ? { reminders: pref.reminders === 1 } : { ...DEFAULT_PREFERENCES },
    };
  });
}
