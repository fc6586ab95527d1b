// The nightly reminder e-mail: to each consultant, one French message of what is due from them
// (reminders.ts), through the same binding as the digest, from REMINDER_SENDER (Email Routing:
// each address must be a verified destination, see the README's runbook). Only the real check sends
// it, never a simulation; a person who turned reminders off gets none; the same list is sent
// again only a week later — a list that changed goes out the next night.
import type { Reminder, ReminderKind } from '../../shared/api/me';
import { daysBetween } from '../../shared/dates';
import { frShortDate, frTypo, plural } from '../../shared/i18n/typography';
import { remindedStatement } from '../db/preferences';
import type { Env } from '../env';
import { sendMail } from './digest';
import type { CountingDb } from './facts';
import { dueReminders, listHash, remindersFrom, remindersStatement } from './reminders';

/** A list already sent goes again after this many days if nothing changed. */
export const RESEND_AFTER_DAYS = 7;

const SECTIONS: Record<ReminderKind, string> = {
  sessions: 'Séances à consigner',
  'ademe-monthly': 'Point mensuel ADEME',
  indicators: 'Valeurs d’indicateurs à saisir',
  blockers: 'Verrous sans nouvelles',
  documents: 'Documents à produire',
};

/** The French reminder: subject and plain text, typeset. */
export function reminderText(d: { programmeName: string; asOf: string; items: readonly Reminder[] }) {
  const subject = frTypo(
    `[${d.programmeName}] Vos rappels du ${frShortDate(d.asOf)} : ${plural(d.items.length, 'point', 'points')} à faire`,
  );
  const sections = (Object.keys(SECTIONS) as ReminderKind[]).flatMap((kind) => {
    const items = d.items.filter((r) => r.kind === kind);
    return items.length
      ? ['', `${SECTIONS[kind]} (${items.length})`, ...items.map((r) => `- ${r.message}`)]
      : [];
  });
  const text = [
    'Bonjour,',
    '',
    `Voici ce qui est attendu de vous dans le programme « ${d.programmeName} » au ${frShortDate(d.asOf)}.`,
    ...sections,
    '',
    'Ces rappels figurent aussi dans le classeur de suivi : Extensions ▸ VELI VELO ▸ Quotas et alertes, rubrique « Mes rappels ».',
    'Pour ne plus les recevoir par courriel, décochez « Recevoir mes rappels par courriel » dans ce même panneau.',
    '',
  ]
    .map(frTypo)
    .join('\r\n');
  return { subject, text };
}

interface Outcome {
  sent: number;
  errors: string[];
}

/**
 * The real check's reminders: one statement reads what is due, one records what was sent.
 * Without the e-mail binding or REMINDER_SENDER, nothing is sent (the sidebar still shows them).
 */
export async function sendReminders(
  env: Env,
  db: CountingDb,
  asOf: string,
  timeZone: string,
  now: Date,
): Promise<Outcome> {
  const from = env.REMINDER_SENDER?.trim();
  if (!env.SEND_EMAIL || !from) return { sent: 0, errors: [] };
  const facts = remindersFrom(await db.first(remindersStatement(db.db, asOf, timeZone, null)), asOf);
  const prefs = new Map(facts.preferences.map((p) => [p.email, p]));
  const sent: { email: string; hash: string }[] = [];
  const errors: string[] = [];
  for (const [to, items] of dueReminders(facts)) {
    const pref = prefs.get(to);
    if (pref?.reminders === 0) continue;
    const hash = await listHash(items);
    if (
      pref?.remindedHash === hash &&
      pref.remindedOn &&
      daysBetween(pref.remindedOn, asOf) < RESEND_AFTER_DAYS
    )
      continue;
    const { subject, text } = reminderText({ programmeName: facts.programme.name, asOf, items });
    try {
      await sendMail(env.SEND_EMAIL, { from, to, subject, text, fromName: 'Rappels VELI VELO' }, now);
      sent.push({ email: to, hash });
    } catch (err) {
      errors.push(
        `Rappel non envoyé à ${to} : ${err instanceof Error ? err.message.slice(0, 200) : String(err)}`,
      );
    }
  }
  if (sent.length) await db.run(remindedStatement(db.db, sent, asOf, now.toISOString()));
  return { sent: sent.length, errors };
}
