import type { Role } from '../../shared/schemas/enums';

export interface AuditContext {
  actor: string;
  role: Role | 'system';
  requestId: string;
  at: string;
}

export type AuditAction = 'create' | 'update' | 'delete' | 'override' | 'export' | 'erase';

const INSERT = `INSERT INTO audit (at, actor, role, action, entity, entity_id, before, after, request_id)`;

/**
 * The audit line for a write, to run in the same D1 batch right after it. With
 * `onlyIfChanged`, the line is written only when the previous statement changed a row, so
 * a conditional insert refused by its quota leaves no trace and a success always leaves one.
 */
export function auditStatement(
  db: D1Database,
  ctx: AuditContext,
  action: AuditAction,
  entity: string,
  entityId: string,
  before: unknown,
  after: unknown,
  onlyIfChanged = true,
): D1PreparedStatement {
  const values = [
    ctx.at,
    ctx.actor,
    ctx.role,
    action,
    entity,
    entityId,
    before == null ? null : JSON.stringify(before),
    after == null ? null : JSON.stringify(after),
    ctx.requestId,
  ];
  const sql = onlyIfChanged
    ? `${INSERT} SELECT ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE changes() = 1`
    : `${INSERT} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`;
  return db.prepare(sql).bind(...values);
}

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

export async function listAudit(
  db: D1Database,
  f: {
    /** One entity, or several (a territory and its assessment: one record's history). */
    entity?: string | readonly string[] | undefined;
    entityId?: string | undefined;
    actor?: string | undefined;
    from?: string | undefined;
    to?: string | undefined;
    limit?: number;
    afterSeq?: number | undefined;
  },
): Promise<AuditEntry[]> {
  const where: string[] = [];
  const args: unknown[] = [];
  const entities = typeof f.entity === 'string' ? [f.entity] : (f.entity ?? []);
  if (entities.length)
    where.push(`entity IN (${entities.map(() => '?').join(', ')})`) && args.push(...entities);
  if (f.entityId) where.push('entity_id = ?') && args.push(f.entityId);
  if (f.actor) where.push('actor = ?') && args.push(f.actor.toLowerCase());
  if (f.from) where.push('at >= ?') && args.push(f.from);
  if (f.to) where.push('at < ?') && args.push(f.to);
  if (f.afterSeq) where.push('seq > ?') && args.push(f.afterSeq);
  const sql = `SELECT * FROM audit ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq LIMIT ?`;
  const { results } = await db
    .prepare(sql)
    .bind(...args, f.limit ?? 1000)
    .all<Record<string, string | number | null>>();
  return results.map((r) => ({
    seq: Number(r.seq),
    at: String(r.at),
    actor: String(r.actor),
    role: String(r.role),
    action: String(r.action),
    entity: String(r.entity),
    entityId: String(r.entity_id),
    before: r.before ? JSON.parse(String(r.before)) : null,
    after: r.after ? JSON.parse(String(r.after)) : null,
    requestId: String(r.request_id),
  }));
}
