import type { ReproducibilityDegree } from './schemas/enums';

interface Criteria {
  ease: number;
  duplicationPotential: number;
  actorsInvolved: number;
}

/**
 * Score of a partner action's reproducibility from the tender's three criteria: ease of
 * implementation (1–3), potential for duplication (1–3), number of actors involved scored
 * 3 for two actors or fewer, 2 for three to five, 1 beyond (fewer actors make an action
 * easier to reproduce). Total 3–9.
 */
export function reproducibilityScore(r: Criteria): { actors: 1 | 2 | 3; total: number } {
  const actors = r.actorsInvolved <= 2 ? 3 : r.actorsInvolved <= 5 ? 2 : 1;
  return { actors, total: r.ease + r.duplicationPotential + actors };
}

/** Degree from the score: 8+ high, 6–7 medium, else low. */
export function reproducibilityDegree(r: Criteria): ReproducibilityDegree {
  const { total } = reproducibilityScore(r);
  if (total >= 8) return 'high';
  if (total >= 6) return 'medium';
  return 'low';
}
