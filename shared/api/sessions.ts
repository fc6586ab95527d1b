// The answers of the session routes (see README.md beside this file).
import * as z from 'zod/mini';
import { QUOTA_STATUSES } from '../schemas/enums';

/** A quota as every answer carries it (`Quota` of shared/quotas/rules.ts). */
export const QuotaAnswer = z.object({
  key: z.string(),
  scope: z.enum(['programme', 'territory', 'partner']),
  subjectId: z.string(),
  label: z.string(),
  unit: z.enum(['sessions', 'minutes', 'partners']),
  used: z.number(),
  limit: z.number(),
  remaining: z.number(),
  status: z.enum(QUOTA_STATUSES),
});

/** Why a row would be refused: the field, the error code POST /v1/sessions would answer, in French. */
export const RowError = z.object({ field: z.string(), code: z.string(), message: z.string() });
export type RowError = z.infer<typeof RowError>;

/**
 * One checked row: `ok` when POST /v1/sessions would accept it now, after the rows above it
 * (one message per field otherwise); `quota` the quota it counts against, as it would stand
 * after it; `stored` when its id is already stored with the same body (a replay, nothing
 * created); `override` when it passes only with the request's `overrideWhereNeeded`.
 */
export const CheckedRow = z.object({
  row: z.int(),
  ok: z.boolean(),
  errors: z.array(RowError),
  quota: z.optional(QuotaAnswer),
  stored: z.optional(z.literal(true)),
  override: z.optional(z.literal(true)),
});
export type CheckedRow = z.infer<typeof CheckedRow>;

/** POST /v1/sessions/validate: every row's outcome, in the order sent; nothing stored. */
export const SessionValidation = z.object({ results: z.array(CheckedRow) });
export type SessionValidation = z.infer<typeof SessionValidation>;
