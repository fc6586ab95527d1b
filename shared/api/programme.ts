import * as z from 'zod/mini';
import { Programme, StoredAssessment } from '../schemas/programme';

/** PUT /v1/programme/assessment: the programme's prose as stored (shared/schemas/programme.ts). */
export const ProgrammeAssessmentAnswer = StoredAssessment;

/**
 * GET /v1/programme (and the snapshot's `programme`): the settings PUT /v1/programme takes,
 * plus the programme's prose, which has its own route (PUT accepts it back and ignores it).
 */
export const ProgrammeAnswer = z.strictObject({
  ...Programme.shape,
  assessment: z.nullable(ProgrammeAssessmentAnswer),
});
export type ProgrammeAnswer = z.output<typeof ProgrammeAnswer>;
