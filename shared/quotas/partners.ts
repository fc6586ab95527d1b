import type { Programme } from '../schemas/programme';
import { type Quota, quotaStatus } from './rules';

/** The "at most N partners per territory" quota, in the same shape as session quotas. */
export function partnerQuota(p: Programme, territoryId: string, used: number): Quota {
  const limit = p.maxPartnersPerTerritory;
  return {
    key: 'partners',
    scope: 'territory',
    subjectId: territoryId,
    label: 'Partenaires accompagnés',
    unit: 'partners',
    used,
    limit,
    remaining: Math.max(0, limit - used),
    status: quotaStatus(used, limit, p.warnAtRatio),
  };
}
