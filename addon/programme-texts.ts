// The programme's syntheses, written by people (issue 17): report 1's cross-territory
// synthesis, report 2's transversal lessons, the final COPIL's minutes and the contractor's
// critical view. Read with their version (the programme's ETag), saved with If-Match so a
// colleague's text is never overwritten unseen.
import { ProgrammeAssessment, type StoredAssessment } from '../shared/schemas/programme';
import { validate } from '../shared/schemas/validate';
import type { Result, Versioned } from './api';
import { invalid } from './operations';
import { callWorker } from './worker-client';

export const loadProgrammeTexts = (): Result<Versioned<StoredAssessment>> => {
  const res = callWorker<{ assessment?: StoredAssessment | null }>({ method: 'get', path: '/v1/programme' });
  if (!res.ok) return res;
  return { ok: true, data: { record: res.data.assessment ?? {}, version: res.version ?? null } };
};

export const saveProgrammeTexts = (
  input: ProgrammeAssessment,
  version: string | null,
): Result<Versioned<StoredAssessment>> => {
  const v = validate(ProgrammeAssessment, input);
  if (!v.ok) return invalid(v.issues);
  const res = callWorker<StoredAssessment>({
    method: 'put',
    path: '/v1/programme/assessment',
    body: v.data,
    ifMatch: version,
  });
  if (!res.ok) return res;
  return { ok: true, data: { record: res.data, version: res.version ?? null } };
};
