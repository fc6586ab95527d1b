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

/** GET /v1/audit: a page of lines, oldest first; `next` asks for the following page. */
export const AuditPage = z.strictObject({ entries: z.array(AuditEntry), next: z.nullable(z.int()) });
