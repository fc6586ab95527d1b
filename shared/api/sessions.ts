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

/** Why a row would be refused: the field, the error code POST /v1/sessions would answer, in French. */
export const RowError = z.strictObject({ field: z.string(), code: z.string(), message: z.string() });
export type RowError = z.output<typeof RowError>;

/**
 * One checked row: `ok` when POST /v1/sessions would accept it now, after the rows above it
 * (one message per field otherwise); `quota` the quota it counts against, as it would stand
 * after it; `stored` when its id is already stored with the same body (a replay, nothing
 * created); `override` when it passes only with the request's `overrideWhereNeeded`.
 */
export const CheckedRow = z.strictObject({
  row: z.int(),
  ok: z.boolean(),
  errors: z.array(RowError),
  quota: z.optional(Quota),
  stored: z.optional(z.literal(true)),
  override: z.optional(z.literal(true)),
});
export type CheckedRow = z.output<typeof CheckedRow>;

/** POST /v1/sessions/validate: every row's outcome, in the order sent; nothing stored. */
export const SessionValidation = z.strictObject({ results: z.array(CheckedRow) });
export type SessionValidation = z.output<typeof SessionValidation>;
