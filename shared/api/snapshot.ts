import * as z from 'zod/mini';
import { ActionList } from './actions';
import { AlertList } from './alerts';
import { BlockerList } from './blockers';
import { DocumentList } from './documents';
import { IndicatorList } from './indicators';
import { Reminders } from './me';
import { MemberList } from './members';
import { ProgrammeAnswer } from './programme';
import { QuotaReport } from './quotas';
import { SessionList } from './sessions';
import { Me, People } from './system';
import { PartnerList, TerritoryList } from './territories';
import { WorkshopList } from './workshops';

/**
 * GET /v1/snapshot: each part asked for, exactly as its own route answers it (`alerts` with
 * `lastRun`, as GET /v1/alerts); `people`, the members' display names; `next` when a paged
 * list was cut (GET /v1/snapshot?cursor=).
 */
export const Snapshot = z.strictObject({
  ...z.partial(TerritoryList).shape,
  ...z.partial(PartnerList).shape,
  ...z.partial(SessionList).shape,
  ...z.partial(BlockerList).shape,
  ...z.partial(IndicatorList).shape,
  ...z.partial(WorkshopList).shape,
  ...z.partial(ActionList).shape,
  ...z.partial(AlertList).shape,
  ...z.partial(DocumentList).shape,
  quotas: z.optional(QuotaReport),
  me: z.optional(Me),
  people: z.optional(People),
  /** Admins only, as GET /v1/members. */
  members: z.optional(MemberList.shape.members),
  programme: z.optional(ProgrammeAnswer),
  /** The caller's own reminders today (what the nightly e-mail lists for them). */
  reminders: z.optional(Reminders),
  next: z.optional(z.string()),
});
