/**
 * What the territory summary prints of each text and list. The fitter (territory-summary.ts)
 * starts from everything (nothing condensed) and condenses only as far as the page limit
 * requires: one strength `s` from 0 (all of it) to 1 (`TIGHTEST`) sets every allowance
 * between the record's own size and the tightest one, and the fitter searches the smallest
 * `s` whose estimate fits. Prose is kept in whole sentences up to its allowance
 * (recommendations always whole); lists keep their first rows and count the rest.
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

/** The most a summary is ever condensed: past this, the consultant shortens (422). */
export const TIGHTEST: Budget = {
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
};

/** The record's own sizes: the longest text and the longest list of each kind. */
export type Sizes = Omit<Budget, 'compactCalendar'>;

/** Strength from which the calendar is one paragraph rather than a table. */
const COMPACT_CALENDAR_FROM = 0.75;

/** Strengths are stored and compared in thousandths (`budget_level`). */
export const STRENGTH_STEPS = 1000;

/** The allowances at strength `s` (0 … 1): the record's sizes at 0, `TIGHTEST` at 1. */
export function budgetAt(sizes: Sizes, s: number): Budget {
  const k = Math.min(1, Math.max(0, s));
  const between = (max: number, tight: number) =>
    max <= tight ? max : Math.ceil(tight + (max - tight) * (1 - k));
  const out = { compactCalendar: k >= COMPACT_CALENDAR_FROM } as Budget;
  for (const key of Object.keys(TIGHTEST) as (keyof Sizes)[]) {
    if ((key as string) === 'compactCalendar') continue;
    out[key] = between(sizes[key], TIGHTEST[key]);
  }
  // Descriptions of blockers go entirely at the tightest strength (the table keeps the title).
  if (k >= 1) out.blockerChars = 0;
  return out;
}

/** The summary must stay under 5 pages; the estimate aims at 4 to leave room for layout drift. */
export const SUMMARY_MAX_PAGES = 4;
