// GET /v1/audit: the audit trail, oldest first, a page at a time. With `entity` and `id` it is
// the history of one record, which everyone who may read that record may ask for.
import * as z from 'zod/mini';

export const AuditEntry = z.object({
  seq: z.number(),
  /** ISO instant (UTC). */
  at: z.string(),
  actor: z.string(),
  role: z.string(),
  action: z.enum(['create', 'update', 'delete', 'override', 'export', 'erase']),
  entity: z.string(),
  entityId: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** `next`: the `after` of the following page, null on the last one. */
export const AuditPage = z.object({ entries: z.array(AuditEntry), next: z.nullable(z.number()) });
export type AuditPage = z.infer<typeof AuditPage>;
