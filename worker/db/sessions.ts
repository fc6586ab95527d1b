import { QUOTA_RULES } from '../../shared/quotas/rules';
import type { SessionInput } from '../../shared/schemas';
import { type Query, query, type Row, runQuery } from './query';

export type SessionData = Omit<SessionInput, 'id' | 'override'>;

export interface Session extends SessionData {
  id: string;
  phase: 1 | 2 | 3 | null;
  override?: { reason: string; by: string; at: string };
  createdAt: string;
  createdBy: string;
  deletedAt?: string;
  deletedBy?: string;
}

export function sessionFromRow(r: Row): Session & { bodyHash: string } {
  const data = JSON.parse(String(r.data)) as SessionData;
  const s: Session & { bodyHash: string } = {
    id: String(r.id),
    ...data,
    phase: QUOTA_RULES[data.kind].phase,
    createdAt: String(r.created_at),
    createdBy: String(r.created_by),
    bodyHash: String(r.body_hash),
  };
  if (r.override_reason)
    s.override = { reason: String(r.override_reason), by: String(r.override_by), at: String(r.override_at) };
  if (r.deleted_at) Object.assign(s, { deletedAt: String(r.deleted_at), deletedBy: String(r.deleted_by) });
  return s;
}

export const presentSession = ({ bodyHash: _h, ...s }: Session & { bodyHash?: string }): Session => s;

export async function getSession(db: D1Database, id: string) {
  const r = await db.prepare('SELECT * FROM sessions WHERE id = ?').bind(id).first<Row>();
  return r ? sessionFromRow(r) : null;
}

export interface SessionFilters {
  territoryId?: string;
  partnerId?: string;
  kind?: string;
  from?: string;
  to?: string;
}

export function listSessionsQuery(db: D1Database, f: SessionFilters): Query<Session[]> {
  const where = ['deleted_at IS NULL'];
  const args: string[] = [];
  const add = (sql: string, v: string | undefined) => {
    if (v === undefined) return;
    where.push(sql);
    args.push(v);
  };
  add('territory_id = ?', f.territoryId);
  add('partner_id = ?', f.partnerId);
  add('kind = ?', f.kind);
  add('date >= ?', f.from);
  add('date <= ?', f.to);
  return query(
    db
      .prepare(`SELECT * FROM sessions WHERE ${where.join(' AND ')} ORDER BY date, created_at, id`)
      .bind(...args),
    (rows) => rows.map((r) => presentSession(sessionFromRow(r))),
  );
}

export const listSessions = (db: D1Database, f: SessionFilters) => runQuery(listSessionsQuery(db, f));
