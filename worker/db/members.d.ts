import type { Role } from '../../shared/schemas/enums';
import { type AuditContext } from './audit';
export interface Member {
  email: string;
  role: Role;
  createdAt: string;
  createdBy: string;
}
export declare function getMemberRole(db: D1Database, email: string): Promise<Role | null>;
export declare function listMembers(db: D1Database): Promise<Member[]>;
export declare function upsertMember(
  db: D1Database,
  ctx: AuditContext,
  email: string,
  role: Role,
): Promise<{
  created: boolean;
}>;
export declare function deleteMember(db: D1Database, ctx: AuditContext, email: string): Promise<boolean>;
