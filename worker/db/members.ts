import type { Role } from '../../shared/schemas/enums';
import { type AuditContext, auditStatement } from './audit';
import { type Outcome, versionedUpdate } from './versioned';

export interface Member {
  email: string;
  role: Role;
  createdAt: string;
  createdBy: string;
  /** Bumped by each change of role; the member's ETag. */
  version: number;
}

const COLUMNS = 'email, role, created_at AS createdAt, created_by AS createdBy, version';

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

export async function listMembers(db: D1Database): Promise<Member[]> {
  const { results } = await db.prepare(`SELECT ${COLUMNS} FROM members ORDER BY email`).all<Member>();
  return results;
}

/** Adds a member unless one with this e-mail exists; audited only if it went in. */
export async function insertMember(db: D1Database, ctx: AuditContext, email: string, role: Role) {
  const [ins] = await db.batch([
    db
      .prepare(
        `INSERT INTO members (email, role, created_at, created_by, updated_at) VALUES (?1, ?2, ?3, ?4, ?3)
         ON CONFLICT(email) DO NOTHING`,
      )
      .bind(email, role, ctx.at, ctx.actor),
    auditStatement(db, ctx, 'create', 'member', email, null, { email, role }),
  ]);
  return (ins?.meta.changes ?? 0) > 0;
}

/** Another role for a member, on the version the caller saw (never a silent demotion). */
export const changeMemberRole = (
  db: D1Database,
  ctx: AuditContext,
  before: Member,
  role: Role,
): Promise<Outcome> =>
  versionedUpdate(db, {
    table: 'members',
    keyColumn: 'email',
    id: before.email,
    version: before.version,
    set: { role, updated_at: ctx.at },
    after: [
      auditStatement(
        db,
        ctx,
        'update',
        'member',
        before.email,
        { email: before.email, role: before.role },
        {
          email: before.email,
          role,
        },
      ),
    ],
  });

export async function deleteMember(db: D1Database, ctx: AuditContext, email: string): Promise<boolean> {
  const before = await db.prepare('SELECT email, role FROM members WHERE email = ?').bind(email).first();
  if (!before) return false;
  await db.batch([
    db.prepare('DELETE FROM members WHERE email = ?').bind(email),
    auditStatement(db, ctx, 'delete', 'member', email, before, null),
  ]);
  return true;
}
