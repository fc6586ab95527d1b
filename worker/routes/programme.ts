import { Programme, ProgrammeAssessment } from '../../shared/schemas';
import { ADMIN, ALL, WRITERS } from '../auth/policy';
import { getProgramme, getProgrammeAssessment, putProgramme, putProgrammeAssessment } from '../db/programme';
import { route } from '../http/route';
import { auditContext, type Ctx } from './context';

async function readProgramme(c: Ctx) {
  const [p, assessment] = await Promise.all([getProgramme(c.env.DB), getProgrammeAssessment(c.env.DB)]);
  return c.json({ ...p, assessment });
}

async function replaceProgramme(c: Ctx, { body }: { body: Programme }) {
  await putProgramme(c.env.DB, auditContext(c), body);
  return c.json({ ...body, assessment: await getProgrammeAssessment(c.env.DB) });
}

async function putAssessment(c: Ctx, { body }: { body: ProgrammeAssessment }) {
  await putProgrammeAssessment(c.env.DB, auditContext(c), body);
  return c.json(body);
}

const FINAL = 'Bilan global (COPIL final, regard critique du prestataire)';

export const programmeRoutes = [
  route('GET /v1/programme', ALL, 'Lire le programme', {}, readProgramme),
  route('PUT /v1/programme', ADMIN, 'Remplacer le programme', { body: Programme }, replaceProgramme),
  // The tender makes the critical view the contractor's: the AMO's consultants write it too.
  route('PUT /v1/programme/assessment', WRITERS, FINAL, { body: ProgrammeAssessment }, putAssessment),
];
