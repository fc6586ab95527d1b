import { type Quota, type QuotaRule } from '../../shared/quotas/rules';
import type { SessionKind } from '../../shared/schemas/enums';
import type { Programme } from '../../shared/schemas/programme';
import { type AuditContext } from '../db/audit';
export interface SessionRow {
  id: string;
  kind: SessionKind;
  territoryId: string | null;
  partnerId: string | null;
  date: string;
  durationMinutes: number;
  data: object;
  hash: string;
  override: {
    reason: string;
  } | null;
}
export declare function currentQuota(
  db: D1Database,
  rule: QuotaRule,
  p: Programme,
  s: {
    territoryId: string | null;
    partnerId: string | null;
    date: string;
  },
): Promise<Quota>;
/**
 * Check and insert as one statement: the session goes in only if its id is new and, unless
 * an admin overrides, the quota still has room (and, for workshops, the host is new). D1
 * runs one statement at a time, so concurrent requests for the last slot cannot both pass.
 */
export declare function insertSessionWithinQuota(
  db: D1Database,
  ctx: AuditContext,
  rule: QuotaRule,
  p: Programme,
  s: SessionRow,
): Promise<boolean>;
/** Soft delete: the row stays for the record, its quota is freed (counts skip deleted rows). */
export declare function softDeleteSession(
  db: D1Database,
  ctx: AuditContext,
  id: string,
  before: object,
): Promise<boolean>;
/** One GROUP BY over live sessions: each row is one quota subject's use. */
export declare const USAGE_SQL: string;
export declare function quotaReport(
  db: D1Database,
  p: Programme,
): Promise<import('../../shared/quotas/rules').QuotaReport>;
