import { MSG } from '../../shared/i18n/messages';
import { assertTerritoryAccess } from '../auth/access';
import type { AuditContext } from '../db/audit';
import { getTerritory, type Territory } from '../db/territories';
import { ApiError } from '../http/errors';
import type { Ctx } from '../http/route';

export type { Ctx } from '../http/route';

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

/**
 * After a refused conditional insert: a stored row with this id means a replay (same body:
 * fine, answer 200) or a reuse of the id for something else (409). No row: the condition
 * (quota, limit, uniqueness) refused it, and `refused` throws the matching error.
 */
export async function replayOrRefuse(
  existing: { bodyHash: string } | null,
  hash: string,
  refused: () => Promise<never> | never,
): Promise<void> {
  if (!existing) return refused();
  if (existing.bodyHash !== hash) throw new ApiError('IDEMPOTENCY_CONFLICT', MSG.idempotencyConflict);
}

/** A path parameter (decoded by the router; an undecodable path never reaches a handler). */
export const param = (c: Ctx, name: string): string => c.req.param(name) ?? '';
