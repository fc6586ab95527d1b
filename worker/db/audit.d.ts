import type { Role } from '../../shared/schemas/enums';
export interface AuditContext {
  actor: string;
  role: Role | 'system';
  requestId: string;
  at: string;
}
export type AuditAction = 'create' | 'update' | 'delete' | 'override' | 'export' | 'erase';
/**
 * The audit line for a write, to run in the same D1 batch right after it. With
 * `onlyIfChanged`, the line is written only when the previous statement changed a row, so
 * a conditional insert refused by its quota leaves no trace and a success always leaves one.
 */
export declare function auditStatement(
  db: D1Database,
  ctx: AuditContext,
  action: AuditAction,
  entity: string,
  entityId: string,
  before: unknown,
  after: unknown,
  onlyIfChanged?: boolean,
): D1PreparedStatement;
export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  role: string;
  action: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
  requestId: string;
}
export declare function listAudit(
  db: D1Database,
  f: {
    entity?: string;
    entityId?: string;
    actor?: string;
    from?: string;
    to?: string;
    limit?: number;
  },
): Promise<AuditEntry[]>;
