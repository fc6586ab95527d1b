import { Programme, ProgrammeAssessment } from '../../shared/schemas';
import { ADMIN, ALL, WRITERS } from '../auth/policy';
import { getProgramme, getProgrammeAssessment, putProgramme, putProgrammeAssessment } from '../db/programme';
import { route } from '../http/route';
import { auditContext } from './context';

export const programmeRoutes = [
  route(
    { method: 'GET', path: '/v1/programme', roles: ALL, summary: 'Lire le programme', status: 200 },
    async (c) => {
      const [p, assessment] = await Promise.all([getProgramme(c.env.DB), getProgrammeAssessment(c.env.DB)]);
      return c.json({ ...p, assessment });
    },
  ),

  route(
    {
      method: 'PUT',
      path: '/v1/programme',
      roles: ADMIN,
      summary: 'Remplacer le programme',
      body: Programme,
      status: 200,
    },
    async (c, { body }) => {
      await putProgramme(c.env.DB, auditContext(c), body);
      return c.json({ ...body, assessment: await getProgrammeAssessment(c.env.DB) });
    },
  ),

  // The tender makes the critical view the contractor's: the AMO's consultants write it too.
  route(
    {
      method: 'PUT',
      path: '/v1/programme/assessment',
      roles: WRITERS,
      summary: 'Bilan global (COPIL final, regard critique du prestataire)',
      body: ProgrammeAssessment,
      status: 200,
    },
    async (c, { body }) => {
      await putProgrammeAssessment(c.env.DB, auditContext(c), body);
      return c.json(body);
    },
  ),
];
