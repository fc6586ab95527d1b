import type { Role } from '../../shared/schemas/enums';
import { type AuditContext, auditStatement } from './audit';
import { type Query, query, runQuery } from './query';
import { type Outcome, versionedUpdate } from './versioned';

export interface Member {
  email: string;
  role: Role;
  /** How people are named to each other (« Saisie par Claire Martin »); null until an admin sets it. */
  name: string | null;
  createdAt: string;
  createdBy: string;
  /** Bumped by each change of role or name; the member's ETag. */
  version: number;
}

/** A person as the sidebars and tabs name them: every member, with a name when one is known. */
export interface Person {
  email: string;
  name: string | null;
}

const COLUMNS = 'email, role, name, created_at AS createdAt, created_by AS createdBy, version';

export async function getMemberRole(db: D1Database, email: string): Promise<Role | null> {
  const row = await db
    .prepare('SELECT role FROM members WHERE email = ?')
    .bind(email)
    .first<{ role: Role }>();
  return row?.role ?? null;
}

/** Members are stored by their e-mail in lower case (shared `Email`): one row per person. */
export const getMember = (db: D1Database, email: string) =>
  db.prepare(`SELECT ${COLUMNS} FROM members WHERE email = ?`).bind(email).first<Member>();

export const listMembersQuery = (db: D1Database): Query<Member[]> =>
  query(db.prepare(`SELECT ${COLUMNS} FROM members ORDER BY email`), (rows) => rows as unknown as Member[]);

export const listMembers = (db: D1Database) => runQuery(listMembersQuery(db));

/** The named members (the snapshot's `people`): how the add-on names people instead of e-mails. */
export const listPeopleQuery = (db: D1Database): Query<Person[]> =>
  query(db.prepare('SELECT email, name FROM members WHERE name IS NOT NULL ORDER BY email'), (rows) =>
    rows.map((r) => ({ email: String(r.email), name: String(r.name) })),
  );

/** A member's display name, or null (the caller's own, for GET /v1/me). */
export const memberNameQuery = (db: D1Database, email: string): Query<string | null> =>
  query(db.prepare('SELECT name FROM members WHERE email = ?').bind(email), (rows) =>
    rows[0]?.name ? String(rows[0].name) : null,
  );

const shown = (m: { email: string; role: Role; name?: string | null }) => ({
  email: m.email,
  role: m.role,
  ...(m.name ? { name: m.name } : {}),
});

/** Adds a member unless one with this e-mail exists; audited only if it went in. */
export async function insertMember(
  db: D1Database,
  ctx: AuditContext,
  m: { email: string; role: Role; name?: string | null },
) {
  const [ins] = await db.batch([
    db
      .prepare(
        `INSERT INTO members (email, role, name, created_at, created_by, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?4) ON CONFLICT(email) DO NOTHING`,
      )
      .bind(m.email, m.role, m.name || null, ctx.at, ctx.actor),
    auditStatement(db, ctx, 'create', 'member', m.email, null, shown(m)),
  ]);
  return (ins?.meta.changes ?? 0) > 0;
}

/** Another role or name for a member, on the version the caller saw (never a silent demotion). */
export const changeMember = (
  db: D1Database,
  ctx: AuditContext,
  before: Member,
  next: { role: Role; name: string | null },
): Promise<Outcome> =>
  versionedUpdate(db, {
    table: 'members',
    keyColumn: 'email',
    id: before.email,
    version: before.version,
    set: { role: next.role, name: next.name, updated_at: ctx.at },
    after: [
      auditStatement(db, ctx, 'update', 'member', before.email, shown(before), shown({ ...before, ...next })),
    ],
  });

export async function deleteMember(db: D1Database, ctx: AuditContext, email: string): Promise<boolean> {
  const before = await db
    .prepare('SELECT email, role, name FROM members WHERE email = ?')
    .bind(email)
    .first<Member>();
  if (!before) return false;
  await db.batch([
    db.prepare('DELETE FROM members WHERE email = ?').bind(email),
    auditStatement(db, ctx, 'delete', 'member', email, shown(before), null),
  ]);
  return true;
}
