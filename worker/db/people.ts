import type { Contact } from '../../shared/schemas';
import { type AuditContext, type AuditEntry, listAudit } from './audit';
import { RECORD_TABLES } from './records';
import type { TerritoryData } from './territories';

const UPDATED_BY: Record<string, boolean> = { indicators: false };

const sameEmail = (a: string | undefined, b: string) => (a ?? '').trim().toLowerCase() === b;
const likePattern = (email: string) => `%${email.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

interface TerritoryRow {
  id: string;
  name: string;
  data: string;
  version: number;
}

async function territoryRows(db: D1Database): Promise<TerritoryRow[]> {
  const { results } = await db
    .prepare('SELECT id, name, data, version FROM territories ORDER BY name, id')
    .all<TerritoryRow>();
  return results;
}

export interface PersonExport {
  email: string;
  member: {
    role: string;
    /** The display name an admin gave (migration 0014), null when none. */
    name: string | null;
    createdAt: string;
    createdBy: string;
    updatedAt: string;
  } | null;
  /** Their own settings, and when a reminder last went to them (migration 0013). */
  preferences: { reminders: boolean; updatedAt: string; remindedOn: string | null } | null;
  consultantOf: { territoryId: string; name: string }[];
  contactIn: { territoryId: string; name: string; contacts: Contact[] }[];
  authored: Record<string, string[]>;
  mentionedIn: { table: string; id: string }[];
  audit: { asActor: AuditEntry[]; mentioning: AuditEntry[] };
}

/** Their membership and their own settings. */
async function accountOf(db: D1Database, email: string) {
  const member = await db
    .prepare(
      'SELECT role, name, created_at AS createdAt, created_by AS createdBy, updated_at AS updatedAt FROM members WHERE email = ?',
    )
    .bind(email)
    .first<PersonExport['member']>();
  const prefs = await db
    .prepare(
      'SELECT reminders, updated_at AS updatedAt, reminded_on AS remindedOn FROM preferences WHERE email = ?',
    )
    .bind(email)
    .first<{ reminders: number; updatedAt: string; remindedOn: string | null }>();
  return { member, preferences: prefs && { ...prefs, reminders: prefs.reminders === 1 } };
}

/** Everything the record holds about one email address, gathered for an export. */
export async function collectPerson(db: D1Database, email: string): Promise<PersonExport> {
  const { member, preferences } = await accountOf(db, email);
  const consultantOf: PersonExport['consultantOf'] = [];
  const contactIn: PersonExport['contactIn'] = [];
  for (const t of await territoryRows(db)) {
    const data = JSON.parse(t.data) as TerritoryData;
    if (data.consultants.some((e) => sameEmail(e, email)))
      consultantOf.push({ territoryId: t.id, name: t.name });
    const contacts = (data.contacts ?? []).filter((ct) => sameEmail(ct.email, email));
    if (contacts.length) contactIn.push({ territoryId: t.id, name: t.name, contacts });
  }
  const authored: Record<string, string[]> = {};
  const mentionedIn: PersonExport['mentionedIn'] = [];
  const pattern = likePattern(email);
  // Authorship is part of what we hold on a person: every table of the record says who wrote a row.
  for (const table of RECORD_TABLES) {
    const by = UPDATED_BY[table] === false ? 'created_by = ?1' : '(created_by = ?1 OR updated_by = ?1)';
    const { results } = await db
      .prepare(`SELECT id FROM ${table} WHERE ${by} ORDER BY id`)
      .bind(email)
      .all<{ id: string }>();
    if (results.length) authored[table] = results.map((r) => r.id);
    // Free text (an owner's name, a workshop's contacts) may quote the address.
    const quoted = await db
      .prepare(`SELECT id FROM ${table} WHERE lower(data) LIKE ? ESCAPE '\\' ORDER BY id`)
      .bind(pattern)
      .all<{ id: string }>();
    for (const r of quoted.results) mentionedIn.push({ table, id: r.id });
  }
  const asActor = await listAudit(db, { actor: email, limit: 100_000 });
  const { results } = await db
    .prepare(
      `SELECT seq, at, actor, role, action, entity, entity_id AS entityId, before, after, request_id AS requestId
       FROM audit WHERE actor <> ?1
         AND (entity_id = ?1 OR lower(before) LIKE ?2 ESCAPE '\\' OR lower(after) LIKE ?2 ESCAPE '\\')
       ORDER BY seq`,
    )
    .bind(email, pattern)
    .all<Omit<AuditEntry, 'before' | 'after'> & { before: string | null; after: string | null }>();
  const mentioning: AuditEntry[] = results.map((r) => ({
    ...r,
    before: r.before ? JSON.parse(r.before) : null,
    after: r.after ? JSON.parse(r.after) : null,
  }));
  return {
    email,
    member,
    preferences,
    consultantOf,
    contactIn,
    authored,
    mentionedIn,
    audit: { asActor, mentioning },
  };
}

export interface ErasureSummary {
  member: string | null;
  consultantOf: string[];
  contactIn: { territoryId: string; contacts: number }[];
}

/** Territories where ?1 holds a consultant seat, or is the e-mail of a contact. */
const SEATED = `EXISTS (SELECT 1 FROM json_each(t.data, '$.consultants') WHERE lower(value) = ?1)`;
const CONTACT = `EXISTS (SELECT 1 FROM json_each(t.data, '$.contacts') WHERE lower(value ->> 'email') = ?1)`;

/** What an erasure of ?1 removes, as the audit line states it (territories and counts, no details). */
const SUMMARY = `json_object(
  'member', (SELECT role FROM members WHERE email = ?1),
  'consultantOf', (SELECT json_group_array(t.id) FROM (SELECT id, data FROM territories ORDER BY name, id) t WHERE ${SEATED}),
  'contactIn', (SELECT json_group_array(json_object('territoryId', t.id, 'contacts',
      (SELECT COUNT(*) FROM json_each(t.data, '$.contacts') WHERE lower(value ->> 'email') = ?1)))
    FROM (SELECT id, data FROM territories ORDER BY name, id) t WHERE ${CONTACT}))`;

/** The territory's data without ?1's consultant seat and contact entries, computed in SQL. */
const ERASED_DATA = `json_set(t.data,
  '$.consultants', (SELECT json_group_array(value) FROM json_each(t.data, '$.consultants') WHERE lower(value) <> ?1),
  '$.contacts', (SELECT json_group_array(json(value)) FROM json_each(t.data, '$.contacts')
    WHERE lower(COALESCE(value ->> 'email', '')) <> ?1))`;

/**
 * Removes a person's contact entries and consultant seats from every territory, and their
 * membership, in one D1 batch with its audit line. The territories are rewritten by SQL from
 * the data as it is at that moment (never from an earlier read), and their version is bumped:
 * a concurrent PATCH computed before the erasure fails its version check and is merged again
 * on the erased data, so an erased contact never comes back. The audit line names territories
 * and counts, never the erased details themselves.
 */
export async function erasePerson(db: D1Database, ctx: AuditContext, email: string): Promise<ErasureSummary> {
  const [summary] = await db.batch([
    db.prepare(`SELECT ${SUMMARY} AS summary`).bind(email),
    db
      .prepare(
        `INSERT INTO audit (at, actor, role, action, entity, entity_id, before, after, request_id)
         VALUES (?2, ?3, ?4, 'erase', 'person', ?1, ${SUMMARY}, json('{"member":null,"consultantOf":[],"contactIn":[]}'), ?5)`,
      )
      .bind(email, ctx.at, ctx.actor, ctx.role, ctx.requestId),
    db
      .prepare(
        `UPDATE territories AS t SET data = ${ERASED_DATA}, version = version + 1, updated_at = ?2, updated_by = ?3
         WHERE ${SEATED} OR ${CONTACT}`,
      )
      .bind(email, ctx.at, ctx.actor),
    db.prepare('DELETE FROM members WHERE email = ?').bind(email),
    db.prepare('DELETE FROM preferences WHERE email = ?').bind(email),
  ]);
  const row = summary?.results[0] as { summary: string } | undefined;
  return JSON.parse(row?.summary ?? '{"member":null,"consultantOf":[],"contactIn":[]}') as ErasureSummary;
}
