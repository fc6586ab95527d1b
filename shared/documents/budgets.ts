/**
 * Character budgets of the territory summary's prose fields: what a consultant can write in
 * each and still have the summary fit under 5 pages with everything else at its usual size.
 * The worker's page fitter (worker/documents/territory-summary.ts) and the Diagnostic
 * sidebar's live counters read the same numbers.
 */
export const SUMMARY_FIELD_BUDGETS = {
  findings: 3000,
  stakes: 3000,
  recommendations: 3000,
  needs: 1500,
  infrastructure: 1500,
  complementarities: 1500,
} as const;
export type SummaryProseField = keyof typeof SUMMARY_FIELD_BUDGETS;
