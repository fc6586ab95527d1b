import type { Role } from '../../shared/schemas/enums';
import { type AuditContext, auditStatement } from './audit';

export interface Member {
  email: string;
  role: Role;
  createdAt: string;
  createdBy: string;
}

export async function getMemberRole(db: D1Database, email: string): Promise<Role | null> {
  const row = await db
    .prepare('SELECT role FROM members WHERE email = ?')
    .bind(email)
    .first<{ role: Role }>();
  return row?.role ?? null;
}

export async function listMembers(db: D1Database): Promise<Member[]> {
  const { results } = await db
    .prepare(
      'SELECT email, role, created_at AS createdAt, created_by AS createdBy FROM members ORDER BY email',
    )
    .all<Member>();
  return results;
}

export async function upsertMember(db: D1Database, ctx: AuditContext, email: string, role: Role) {
  const before = await db.prepare('SELECT email, role FROM members WHERE email = ?').bind(email).first();
  await db.batch([
    db
      .prepare(
        `INSERT INTO members (email, role, created_at, created_by, updated_at) VALUES (?1, ?2, ?3, ?4, ?3)
         ON CONFLICT(email) DO UPDATE SET role = excluded.role, updated_at = excluded.updated_at`,
      )
      .bind(email, role, ctx.at, ctx.actor),
    auditStatement(db, ctx, before ? 'update' : 'create', 'member', email, before, { email, role }),
  ]);
  return { created: !before };
}

export async function deleteMember(db: D1Database, ctx: AuditContext, email: string): Promise<boolean> {
  const before = await db.prepare('SELECT email, role FROM members WHERE email = ?').bind(email).first();
  if (!before) return false;
  await db.batch([
    db.prepare('DELETE FROM members WHERE email = ?').bind(email),
    auditStatement(db, ctx, 'delete', 'member', email, before, null),
  ]);
  return true;
}
