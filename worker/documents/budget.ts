/**
 * Page budgets for the territory summary, loosest first. The builder takes the first one
 * whose estimated page count fits; when the real count (Google's PDF) still reaches the
 * limit, the next one is used. Long lists keep `*Rows` rows and summarise the rest with
 * counts; long texts keep `*Chars` characters, shortened at a sentence boundary.
 */
export interface Budget {
  assessmentChars: number;
  useCaseChars: number;
  blockerRows: number;
  blockerChars: number;
  indicatorRows: number;
  milestoneRows: number;
}

export const SUMMARY_BUDGETS: readonly Budget[] = [
  {
    assessmentChars: 3000,
    useCaseChars: 400,
    blockerRows: 16,
    blockerChars: 260,
    indicatorRows: 18,
    milestoneRows: 10,
  },
  {
    assessmentChars: 2000,
    useCaseChars: 280,
    blockerRows: 12,
    blockerChars: 180,
    indicatorRows: 12,
    milestoneRows: 8,
  },
  {
    assessmentChars: 1300,
    useCaseChars: 200,
    blockerRows: 9,
    blockerChars: 130,
    indicatorRows: 9,
    milestoneRows: 7,
  },
  {
    assessmentChars: 800,
    useCaseChars: 140,
    blockerRows: 6,
    blockerChars: 90,
    indicatorRows: 6,
    milestoneRows: 7,
  },
  {
    assessmentChars: 450,
    useCaseChars: 90,
    blockerRows: 4,
    blockerChars: 60,
    indicatorRows: 4,
    milestoneRows: 4,
  },
];

/** The summary must stay under 5 pages; the budget aims at 4 to leave room for layout drift. */
export const SUMMARY_MAX_PAGES = 4;
