import { LABELS } from '../../shared/i18n/labels';
import { MSG } from '../../shared/i18n/messages';
import { frShortDate, qty } from '../../shared/i18n/typography';
import { makeQuota, QUOTA_RULES, sessionAmount, subjectOf } from '../../shared/quotas/rules';
import { ApiError, fieldError } from '../http/errors';
import type { Check, LogOutcome, LogPlan } from './log';

/** Cited blockers must exist and, for a session of a territory, be that territory's: the first that is not. */
export function blockerIssue(
  ids: readonly string[],
  found: readonly { id: string; territory_id: string }[],
  territoryId: string | null,
): ApiError | null {
  const byId = new Map(found.map((b) => [b.id, b.territory_id]));
  for (const [i, id] of ids.entries()) {
    if (!byId.has(id)) return fieldError(`blockerIds.${i}`, MSG.unknownBlocker(id));
    if (territoryId && byId.get(id) !== territoryId)
      return fieldError(`blockerIds.${i}`, MSG.blockerOfOtherTerritory(id));
  }
  return null;
}

/** A stored session as an id conflict names it: « 10/03/2025, 120 min, Diagnostic et accompagnement ». */
export const loggedSession = (s: {
  date: string;
  durationMinutes: number;
  kind: keyof typeof LABELS.sessionKind;
}) => `${frShortDate(s.date)}, ${qty(s.durationMinutes, 'min')}, ${LABELS.sessionKind[s.kind]}`;

type Refused = LogPlan & { out: LogOutcome };

/** The quota the session counts against, with the use the batch read. */
function quotaOf({ body, out }: Refused) {
  const rule = QUOTA_RULES[body.kind];
  const subject = subjectOf(rule, { ...body, territoryId: out.territory?.id ?? null });
  return makeQuota(rule, out.assumed.programme, subject, out.used);
}

const kindLabel = (r: Refused) => LABELS.sessionKind[r.body.kind];

/** Each check of the insert (quotas/log.ts) and the French refusal it stands for. */
const REFUSALS: Record<Check, (r: Refused) => ApiError> = {
  inProgramme: ({ out }) =>
    fieldError(
      'date',
      MSG.dateOutsideProgramme(out.assumed.programme.startDate, out.assumed.programme.endDate),
    ),
  partnerKnown: () => fieldError('partnerId', MSG.notFound('Partenaire')),
  partnerInTerritory: () => fieldError('partnerId', MSG.partnerOfOtherTerritory),
  territoryKnown: () => fieldError('territoryId', MSG.notFound('Territoire')),
  territoryGiven: (r) => fieldError('territoryId', MSG.territoryRequired(kindLabel(r))),
  allowed: ({ out }) => new ApiError('FORBIDDEN', MSG.notYourTerritory(out.territory?.name ?? '')),
  blockersOfTerritory: ({ body, out }) =>
    blockerIssue(body.blockerIds ?? [], out.blockers, out.territory?.id ?? null) ??
    new ApiError('CONFLICT', MSG.writeRefused),
  withinCap: (r) => {
    const cap = QUOTA_RULES[r.body.kind].maxMinutesPerSession?.(r.out.assumed.programme) ?? 0;
    const message = MSG.durationCap(kindLabel(r), cap, r.body.durationMinutes);
    return new ApiError('QUOTA_EXCEEDED', message, {
      issues: [{ path: 'durationMinutes', message }],
      quota: quotaOf(r),
    });
  },
  quotaRoom: (r) => {
    const quota = quotaOf(r);
    const asked = sessionAmount(QUOTA_RULES[r.body.kind], r.body.durationMinutes);
    return new ApiError('QUOTA_EXCEEDED', MSG.quotaExceeded(quota, asked), { quota });
  },
  hostFree: (r) =>
    new ApiError('QUOTA_EXCEEDED', MSG.hostAlreadyUsed(r.out.territory?.name ?? ''), { quota: quotaOf(r) }),
};

/**
 * Why the insert refused a new session: the first of its checks the batch found false, on
 * what the insert itself saw (the same SQL, read in the same transaction).
 */
export function refusal(plan: LogPlan, out: LogOutcome): ApiError {
  // json_object keeps the checks in the order the insert lists them.
  const failed = Object.entries(out.checks ?? {}).find(([, holds]) => holds !== 1)?.[0] as Check | undefined;
  return failed ? REFUSALS[failed]({ ...plan, out }) : new ApiError('CONFLICT', MSG.writeRefused);
}
