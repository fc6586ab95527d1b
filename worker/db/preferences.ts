// Each person's own settings (migration 0013). A person without a row has the defaults: the
// nightly reminders reach them by e-mail.
import type { Preferences } from '../../shared/api/me';
import { type AuditContext, auditStatement } from './audit';
import { type Query, query, runQuery } from './query';

export const DEFAULT_PREFERENCES: Preferences = { reminders: true };

/** A person's settings, as a read to batch with others (GET /v1/snapshot's `me`). */
export const preferencesQuery = (db: D1Database, email: string): Query<Preferences> =>
  query(db.prepare('SELECT reminders FROM preferences WHERE email = ?').bind(email), ([row]) =>
    row ? { reminders: row.reminders === 1 } : { ...DEFAULT_PREFERENCES },
  );

export const getPreferences = (db: D1Database, email: string) => runQuery(preferencesQuery(db, email));

/** The caller's settings written, with the audit line of the change, in one batch. */
export async function putPreferences(db: D1Database, ctx: AuditContext, p: Preferences) {
  const before = await getPreferences(db, ctx.actor);
  await db.batch([
    db
      .prepare(
        `INSERT INTO preferences (email, reminders, updated_at) VALUES (?1, ?2, ?3)
         ON CONFLICT(email) DO UPDATE SET reminders = excluded.reminders, updated_at = excluded.updated_at,
           version = version + 1`,
      )
      .bind(ctx.actor, p.reminders ? 1 : 0, ctx.at),
    auditStatement(db, ctx, 'update', 'preferences', ctx.actor, { preferences: before }, { preferences: p }),
  ]);
  return p;
}

/** What each reminder sent said, and when: one statement for every person e-mailed this night. */
export const remindedStatement = (
  db: D1Database,
  sent: { email: string; hash: string }[],
  day: string,
  at: string,
) =>
  db
    .prepare(
      `INSERT INTO preferences (email, updated_at, reminded_on, reminded_hash)
       SELECT json_extract(value, '$.email'), ?2, ?3, json_extract(value, '$.hash') FROM json_each(?1) WHERE true
       ON CONFLICT(email) DO UPDATE SET reminded_on = excluded.reminded_on, reminded_hash = excluded.reminded_hash`,
    )
    .bind(JSON.stringify(sent), at, day);
