import type { ReproducibilityDegree } from './schemas/enums';

/**
 * Degree of reproducibility of a partner action from the tender's three criteria:
 * ease of implementation (1–3), potential for duplication (1–3), number of actors involved
 * (fewer actors make an action easier to reproduce). Score 3–9: 8+ high, 6–7 medium, else low.
 */
export function reproducibilityDegree(r: {
  ease: number;
  duplicationPotential: number;
  actorsInvolved: number;
}): ReproducibilityDegree {
  const actorsScore = r.actorsInvolved <= 2 ? 3 : r.actorsInvolved <= 5 ? 2 : 1;
  const score = r.ease + r.duplicationPotential + actorsScore;
  if (score >= 8) return 'high';
  if (score >= 6) return 'medium';
  return 'low';
}
