import { QUOTA_RULES } from '../../shared/quotas/rules';
import type { SessionInput } from '../../shared/schemas';
import { keyset, type Page, type PageRequest, pageOf, type Query, query, type Row, runQuery } from './query';

export type SessionData = Omit<SessionInput, 'id' | 'override'>;

export interface Session extends SessionData {
  id: string;
  phase: 1 | 2 | 3 | null;
  override?: { reason: string; by: string; at: string };
  createdAt: string;
  createdBy: string;
  /** The last correction by its author or an admin, if any. */
  updatedAt?: string;
  updatedBy?: string;
  deletedAt?: string;
  deletedBy?: string;
  /** Bumped by every write (correction, deletion); the session's ETag. */
  version: number;
}

export type StoredSession = Session & { bodyHash: string; quotaSubject: string };

export function sessionFromRow(r: Row): StoredSession {
  const data = JSON.parse(String(r.data)) as SessionData;
  const s: StoredSession = {
    id: String(r.id),
    ...data,
    phase: QUOTA_RULES[data.kind].phase,
    createdAt: String(r.created_at),
    createdBy: String(r.created_by),
    version: Number(r.version ?? 1),
    bodyHash: String(r.body_hash),
    quotaSubject: String(r.quota_subject ?? ''),
  };
  if (r.override_reason)
    s.override = { reason: String(r.override_reason), by: String(r.override_by), at: String(r.override_at) };
  if (r.updated_at) Object.assign(s, { updatedAt: String(r.updated_at), updatedBy: String(r.updated_by) });
  if (r.deleted_at) Object.assign(s, { deletedAt: String(r.deleted_at), deletedBy: String(r.deleted_by) });
  return s;
}

export const presentSession = ({
  bodyHash: _h,
  quotaSubject: _q,
  ...s
}: Session & { bodyHash?: string; quotaSubject?: string }): Session => s;

export async function getSession(db: D1Database, id: string) {
  const r = await db.prepare('SELECT * FROM sessions WHERE id = ?').bind(id).first<Row>();
  return r ? sessionFromRow(r) : null;
}

export interface SessionFilters {
  territoryId?: string | undefined;
  partnerId?: string | undefined;
  kind?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  /** The author's e-mail (`GET /v1/sessions?createdBy=me`). */
  createdBy?: string | undefined;
}

/** Live sessions in the journal's order (date, then when they were logged). */
export const SESSION_ORDER = ['date', 'created_at', 'id'] as const;

function listSql(f: SessionFilters, page?: PageRequest) {
  const where = ['deleted_at IS NULL'];
  const args: unknown[] = [];
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
  add('created_by = ?', f.createdBy);
  const ks = page ? keyset(SESSION_ORDER, page) : null;
  if (ks?.where) where.push(ks.where) && args.push(...ks.args);
  const sql = `SELECT * FROM sessions WHERE ${where.join(' AND ')} ORDER BY ${SESSION_ORDER.join(', ')}${ks?.limit ?? ''}`;
  return { sql, args };
}

const presentRow = (r: Row) => presentSession(sessionFromRow(r));

export function listSessionsQuery(db: D1Database, f: SessionFilters): Query<Session[]> {
  const { sql, args } = listSql(f);
  return query(db.prepare(sql).bind(...args), (rows) => rows.map(presentRow));
}

/** One page of the journal (the snapshot's). */
export function pageSessionsQuery(db: D1Database, page: PageRequest): Query<Page<Session>> {
  const { sql, args } = listSql({}, page);
  return query(db.prepare(sql).bind(...args), (rows) => pageOf(rows, SESSION_ORDER, page.limit, presentRow));
}

export const listSessions = (db: D1Database, f: SessionFilters) => runQuery(listSessionsQuery(db, f));

/** The fields a session stores in `data`: what its author wrote, without what the server keeps. */
export function dataOf(s: StoredSession): SessionData {
  const {
    id: _id,
    phase: _phase,
    override: _override,
    createdAt: _ca,
    createdBy: _cb,
    updatedAt: _ua,
    updatedBy: _ub,
    deletedAt: _da,
    deletedBy: _db,
    version: _v,
    bodyHash: _h,
    quotaSubject: _q,
    ...data
  } = s;
  return data;
}
