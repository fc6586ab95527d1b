import * as z from 'zod/mini';
import { Id } from '../schemas/common';
import { QUOTA_STATUSES, SESSION_KINDS } from '../schemas/enums';

/**
 * One quota of the contract: what a subject (the programme, a month, a territory, a partner)
 * uses of one rule. `partners` is the count of a territory's partners (POST …/partners' refusal).
 */
export const Quota = z.strictObject({
  key: z.enum([...SESSION_KINDS, 'partners']),
  scope: z.enum(['programme', 'territory', 'partner']),
  subjectId: z.string(),
  label: z.string(),
  unit: z.enum(['sessions', 'minutes', 'partners']),
  used: z.number(),
  limit: z.number(),
  remaining: z.number(),
  status: z.enum(QUOTA_STATUSES),
});
export type Quota = z.output<typeof Quota>;

const TerritoryQuotas = z.strictObject({ territoryId: Id, name: z.string(), quotas: z.array(Quota) });
const PartnerQuotas = z.strictObject({
  partnerId: Id,
  territoryId: Id,
  name: z.string(),
  quotas: z.array(Quota),
});

/** Every quota of the programme (the snapshot's `quotas`, the sidebars' report). */
export const QuotaReport = z.strictObject({
  programme: z.array(Quota),
  territories: z.array(TerritoryQuotas),
  partners: z.array(PartnerQuotas),
});
export type QuotaReport = z.output<typeof QuotaReport>;

/**
 * GET /v1/quotas: the programme's quotas, and one territory's (with its partners') or one page
 * of at most 100 subjects, territories first; `nextCursor` asks for the next page (null: last).
 */
export const QuotaPage = z.strictObject({
  ...QuotaReport.shape,
  nextCursor: z.nullable(z.string()),
});
export type QuotaPage = z.output<typeof QuotaPage>;
