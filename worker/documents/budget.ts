/**
 * Page budgets of the territory summary, loosest first. The fitter takes the first level
 * whose estimated page count fits; when Google's real count still reaches the limit, the
 * publisher asks again from a tighter level with a smaller allowance. Prose is kept in whole
 * sentences up to its allowance (recommendations always whole); lists keep their first rows
 * and count the rest.
 */
export interface Budget {
  /** Findings, stakes, needs, infrastructure and parking, other modes (each). */
  prose: number;
  useCase: number;
  planningRows: number;
  /** What a planning document proposes for VELI. */
  planningChars: number;
  contacts: number;
  blockerRows: number;
  /** A blocker's description in the table; 0 leaves descriptions to the record. */
  blockerChars: number;
  solutionChars: number;
  /** Indicator series (one per action and indicator) and the periods shown for each. */
  indicatorRows: number;
  periods: number;
  /** The calendar as one paragraph (milestones grouped by state) rather than a table. */
  compactCalendar: boolean;
}

const ALL = Number.POSITIVE_INFINITY;

export const SUMMARY_BUDGETS: readonly Budget[] = [
  {
    prose: ALL,
    useCase: ALL,
    planningRows: 20,
    planningChars: ALL,
    contacts: 20,
    blockerRows: 24,
    blockerChars: 600,
    solutionChars: 600,
    indicatorRows: 24,
    periods: 6,
    compactCalendar: false,
  },
  {
    prose: 3000,
    useCase: 800,
    planningRows: 12,
    planningChars: 500,
    contacts: 10,
    blockerRows: 16,
    blockerChars: 300,
    solutionChars: 300,
    indicatorRows: 16,
    periods: 4,
    compactCalendar: false,
  },
  {
    prose: 2000,
    useCase: 500,
    planningRows: 8,
    planningChars: 320,
    contacts: 8,
    blockerRows: 12,
    blockerChars: 200,
    solutionChars: 220,
    indicatorRows: 12,
    periods: 4,
    compactCalendar: false,
  },
  {
    prose: 1300,
    useCase: 350,
    planningRows: 6,
    planningChars: 220,
    contacts: 6,
    blockerRows: 9,
    blockerChars: 130,
    solutionChars: 160,
    indicatorRows: 9,
    periods: 3,
    compactCalendar: false,
  },
  {
    prose: 800,
    useCase: 250,
    planningRows: 5,
    planningChars: 160,
    contacts: 5,
    blockerRows: 6,
    blockerChars: 0,
    solutionChars: 130,
    indicatorRows: 6,
    periods: 3,
    compactCalendar: true,
  },
  {
    prose: 500,
    useCase: 200,
    planningRows: 4,
    planningChars: 120,
    contacts: 4,
    blockerRows: 4,
    blockerChars: 0,
    solutionChars: 110,
    indicatorRows: 4,
    periods: 2,
    compactCalendar: true,
  },
];

/** The summary must stay under 5 pages; the estimate aims at 4 to leave room for layout drift. */
export const SUMMARY_MAX_PAGES = 4;
