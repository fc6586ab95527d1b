/**
 * Character budgets of the territory summary's prose fields: what a consultant can write in
 * each and still have the summary fit under 5 pages with everything else at its usual size
 * (three partners, a few contacts and planning documents, a dozen blockers, a few indicators
 * per action), however the text is written. The worker's page fitter
 * (worker/documents/territory-summary.ts) guarantees it, a test holds it to it, and the
 * Diagnostic sidebar's live counters read the same numbers. Beyond a budget the fitter keeps
 * whole sentences up to what fits (recommendations always whole) or, when even that cannot
 * fit, answers `422 DOES_NOT_FIT` naming the fields to shorten.
 */
export const SUMMARY_FIELD_BUDGETS = {
  findings: 1200,
  stakes: 1000,
  recommendations: 3000,
  needs: 600,
  infrastructure: 600,
  complementarities: 500,
} as const;
