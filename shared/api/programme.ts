import * as z from 'zod/mini';
import { CriticalView, Programme } from '../schemas/programme';

/**
 * The programme's prose as stored and answered (shared/documents/assessment.ts): each text
 * when written, the critical view always in its four parts.
 */
export const ProgrammeAssessmentAnswer = z.strictObject({
  report1Synthesis: z.optional(z.string()),
  report2Lessons: z.optional(z.string()),
  finalCopilMinutes: z.optional(z.string()),
  criticalView: z.optional(CriticalView),
});

/**
 * GET /v1/programme (and the snapshot's `programme`): the settings PUT /v1/programme takes,
 * plus the programme's prose, which has its own route (PUT accepts it back and ignores it).
 */
export const ProgrammeAnswer = z.strictObject({
  ...Programme.shape,
  assessment: z.nullable(ProgrammeAssessmentAnswer),
});
export type ProgrammeAnswer = z.output<typeof ProgrammeAnswer>;
