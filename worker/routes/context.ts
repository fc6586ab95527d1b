import { MSG } from '../../shared/i18n/messages';
import { assertTerritoryAccess } from '../auth/access';
import { seesContactDetails } from '../auth/contact-details';
import type { AuditContext } from '../db/audit';
import { getEntity } from '../db/entities';
import type { PartnerData } from '../db/records';
import { getTerritory, presentTerritory, type Territory, withoutContactDetails } from '../db/territories';
import { ApiError, fieldError } from '../http/errors';
import type { Ctx } from '../http/route';

export type { Ctx } from '../http/route';
/** Who reads contacts' e-mail and phone (worker/auth/contact-details.ts). */
export { seesContactDetails };

export const auditContext = (c: Ctx): AuditContext => ({
  actor: c.get('user').email,
  role: c.get('user').role,
  requestId: c.get('requestId'),
  at: new Date().toISOString(),
});

export const newId = () => crypto.randomUUID();

export async function territoryOr404(c: Ctx, id: string): Promise<Territory & { bodyHash: string }> {
  const t = await getTerritory(c.env.DB, id);
  if (!t) throw new ApiError('NOT_FOUND', MSG.notFound('Territoire'));
  return t;
}

/** The territory a write names, checked for the caller's right to write there. */
export async function writableTerritory(c: Ctx, id: string) {
  const t = await territoryOr404(c, id);
  assertTerritoryAccess(c.get('user'), t);
  return t;
}

/** A territory as this caller may read it (GET /v1/territories…, the snapshot, a 412's `current`). */
export const territoryFor = (c: Ctx) => (t: Territory) =>
  presentTerritory(seesContactDetails(c.get('user'), t) ? t : withoutContactDetails(t));

/**
 * After a refused conditional insert: a stored row with this id means a replay (same body:
 * fine, answer 200) or a reuse of the id for something else (409, with the stored record as
 * `error.current`, so the user sees what is kept under that id). No row: the condition
 * (quota, limit, uniqueness) refused it, and `refused` throws the matching error.
 */
export async function replayOrRefuse<E extends { bodyHash: string }>(
  existing: E | null,
  hash: string,
  refused: () => Promise<never> | never,
  show: (e: E) => unknown,
): Promise<void> {
  if (!existing) return refused();
  if (existing.bodyHash !== hash)
    throw new ApiError('IDEMPOTENCY_CONFLICT', MSG.idempotencyConflict, { current: show(existing) });
}

/** A partner named by a record must exist and belong to the record's territory. */
export async function checkPartner(c: Ctx, partnerId: string | undefined, territoryId: string) {
  if (!partnerId) return;
  const partner = await getEntity<PartnerData>(c.env.DB, 'partners', partnerId);
  if (!partner) throw fieldError('partnerId', MSG.notFound('Partenaire'));
  if (partner.data.territoryId !== territoryId) throw fieldError('partnerId', MSG.partnerOfOtherTerritory);
}
