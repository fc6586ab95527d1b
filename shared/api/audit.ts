// GET /v1/audit: the audit trail, oldest first, a page at a time. With `entity` and `id` it is
// the history of one record, which everyone who may read that record may ask for.
import * as z from 'zod/mini';
import { Instant } from './authored';

/** What an audit line records: every write, export and erasure. */
export const AUDIT_ACTIONS = ['create', 'update', 'delete', 'override', 'export', 'erase'] as const;

/** One line of the append-only audit trail. */
export const AuditEntry = z.strictObject({
  seq: z.int(),
  at: Instant,
  actor: z.string(),
  role: z.string(),
  action: z.enum(AUDIT_ACTIONS),
  entity: z.string(),
  entityId: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** A page of lines, oldest first; `next`: the `after` of the following page, null on the last one. */
export const AuditPage = z.strictObject({ entries: z.array(AuditEntry), next: z.nullable(z.int()) });
export type AuditPage = z.infer<typeof AuditPage>;
