/**
 * What the territory summary prints of each text and list. The fitter (territory-summary.ts)
 * starts from everything (nothing condensed) and condenses only as far as the page limit
 * requires: one strength `s` from 0 (all of it) to 1 (`TIGHTEST`) sets every allowance
 * between the record's own size and the tightest one — lists first, prose after — and the
 * fitter searches the smallest `s` whose estimate fits. Prose is kept in whole sentences up to
 * its allowance (recommendations always whole); lists keep their first rows and count the rest.
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
  // Descriptions of blockers go entirely once the lists are at their tightest (the table keeps the title).
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

/** The prose a consultant wrote; everything else is a list or a table's text. */
const PROSE_KEYS = new Set<keyof Sizes>(['prose', 'useCase', 'planningChars']);

/**
 * The allowances at strength `s` (0 … 1): the record's sizes at 0, `TIGHTEST` at 1. Lists and
 * table texts condense first (the first half of the scale), the consultants' prose only then
 * (the second half): the summary's core is what they wrote, the tables support it.
 */
export function budgetAt(sizes: Sizes, s: number): Budget {
  const k = Math.min(1, Math.max(0, s));
  const lists = Math.min(1, 2 * k);
  const prose = Math.max(0, 2 * k - 1);
  const between = (max: number, tight: number, x: number) =>
    max <= tight ? max : Math.ceil(tight + (max - tight) * (1 - x));
  const out = { compactCalendar: lists >= COMPACT_CALENDAR_FROM } as Budget;
  for (const key of Object.keys(TIGHTEST) as (keyof Sizes)[]) {
    if ((key as string) === 'compactCalendar') continue;
    out[key] = between(sizes[key], TIGHTEST[key], PROSE_KEYS.has(key) ? prose : lists);
  }
  return out;
}

/** The summary must stay under 5 pages; the estimate aims at 4 to leave room for layout drift. */
export const SUMMARY_MAX_PAGES = 4;
