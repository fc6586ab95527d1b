import type { Contact } from '../../shared/schemas';
import { type AuditContext, type AuditEntry, auditStatement, listAudit } from './audit';
import type { TerritoryData } from './territories';

/** Tables whose rows record who wrote them: authorship is part of what we hold on a person. */
const AUTHORED_TABLES = [
  'territories',
  'partners',
  'sessions',
  'blockers',
  'indicators',
  'workshops',
  'actions',
];
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
  member: { role: string; createdAt: string; createdBy: string; updatedAt: string } | null;
  consultantOf: { territoryId: string; name: string }[];
  contactIn: { territoryId: string; name: string; contacts: Contact[] }[];
  authored: Record<string, string[]>;
  mentionedIn: { table: string; id: string }[];
  audit: { asActor: AuditEntry[]; mentioning: AuditEntry[] };
}

/** Everything the record holds about one email address, gathered for an export. */
export async function collectPerson(db: D1Database, email: string): Promise<PersonExport> {
  const member = await db
    .prepare(
      'SELECT role, created_at AS createdAt, created_by AS createdBy, updated_at AS updatedAt FROM members WHERE email = ?',
    )
    .bind(email)
    .first<PersonExport['member']>();
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
  for (const table of AUTHORED_TABLES) {
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
  return { email, member, consultantOf, contactIn, authored, mentionedIn, audit: { asActor, mentioning } };
}

export interface ErasureSummary {
  member: string | null;
  consultantOf: string[];
  contactIn: { territoryId: string; contacts: number }[];
}

/**
 * Removes a person's contact entries and consultant seats from every territory, and their
 * membership, in one D1 batch with its audit line. Each territory update is guarded by the
 * version it was computed from, like every other write of a territory (db/versioned.ts): an
 * erasure and a concurrent edit never overwrite each other, the loser retries on the new version.
 * The audit line names territories and counts, never the erased details themselves.
 */
export async function erasePerson(
  db: D1Database,
  ctx: AuditContext,
  email: string,
): Promise<{ summary: ErasureSummary; complete: boolean }> {
  const statements: D1PreparedStatement[] = [];
  const summary: ErasureSummary = { member: null, consultantOf: [], contactIn: [] };
  for (const t of await territoryRows(db)) {
    const data = JSON.parse(t.data) as TerritoryData;
    const consultants = data.consultants.filter((e) => !sameEmail(e, email));
    const contacts = (data.contacts ?? []).filter((ct) => !sameEmail(ct.email, email));
    const removedContacts = (data.contacts ?? []).length - contacts.length;
    if (consultants.length === data.consultants.length && removedContacts === 0) continue;
    if (consultants.length !== data.consultants.length) summary.consultantOf.push(t.id);
    if (removedContacts) summary.contactIn.push({ territoryId: t.id, contacts: removedContacts });
    statements.push(
      db
        .prepare(
          'UPDATE territories SET data = ?, updated_at = ?, updated_by = ?, version = version + 1 WHERE id = ? AND version = ?',
        )
        .bind(JSON.stringify({ ...data, consultants, contacts }), ctx.at, ctx.actor, t.id, t.version),
    );
  }
  const member = await db
    .prepare('SELECT role FROM members WHERE email = ?')
    .bind(email)
    .first<{ role: string }>();
  summary.member = member?.role ?? null;
  const updates = statements.length;
  if (member) statements.push(db.prepare('DELETE FROM members WHERE email = ?').bind(email));
  statements.push(
    auditStatement(
      db,
      ctx,
      'erase',
      'person',
      email,
      summary,
      { member: null, consultantOf: [], contactIn: [] },
      false,
    ),
  );
  const results = await db.batch(statements);
  const complete = results.slice(0, updates).every((r) => (r.meta.changes ?? 0) === 1);
  return { summary, complete };
}
