import * as z from 'zod/mini';
import { Id } from '../schemas/common';
import { SessionInput } from '../schemas/records';
import { Instant } from './authored';
import { Quota } from './quotas';

/**
 * A session as answered: what its author wrote, its phase (from its kind), the override an
 * admin gave (who, when), its authorship, its last correction and its soft deletion, if any.
 */
export const Session = z.strictObject({
  ...SessionInput.shape,
  id: Id,
  phase: z.nullable(z.union([z.literal(1), z.literal(2), z.literal(3)])),
  override: z.optional(z.strictObject({ reason: z.string(), by: z.string(), at: Instant })),
  createdAt: Instant,
  createdBy: z.string(),
  updatedAt: z.optional(Instant),
  updatedBy: z.optional(z.string()),
  deletedAt: z.optional(Instant),
  deletedBy: z.optional(z.string()),
  version: z.int(),
});
export type Session = z.output<typeof Session>;

/** A write of a session (log, correction, cancellation): the session and the quota it counts against. */
export const SessionWithQuota = z.strictObject({ session: Session, quota: Quota });
export type SessionWithQuota = z.output<typeof SessionWithQuota>;

export const SessionList = z.strictObject({ sessions: z.array(Session) });
