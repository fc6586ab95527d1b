import * as z from 'zod/mini';
import { Programme, ProgrammeAssessment } from '../schemas/programme';

/**
 * GET /v1/programme (and the snapshot's `programme`): the settings PUT /v1/programme takes,
 * plus the final assessment, which has its own route (PUT accepts it back and ignores it).
 */
export const ProgrammeAnswer = z.strictObject({
  ...Programme.shape,
  assessment: z.nullable(ProgrammeAssessment),
});
export type ProgrammeAnswer = z.output<typeof ProgrammeAnswer>;

/** PUT /v1/programme/assessment: the assessment as stored (the programme's ETag). */
export const ProgrammeAssessmentAnswer = ProgrammeAssessment;
