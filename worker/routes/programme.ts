import { Hono } from 'hono';
import { Programme, ProgrammeAssessment } from '../../shared/schemas';
import { getProgramme, getProgrammeAssessment, putProgramme, putProgrammeAssessment } from '../db/programme';
import type { AppEnv } from '../env';
import { readBody } from '../http/body';
import { auditContext } from './context';

export const programme = new Hono<AppEnv>()
  .get('/', async (c) => {
    const [p, assessment] = await Promise.all([getProgramme(c.env.DB), getProgrammeAssessment(c.env.DB)]);
    return c.json({ ...p, assessment });
  })

  .put('/', async (c) => {
    const next = await readBody(c, Programme);
    await putProgramme(c.env.DB, auditContext(c), next);
    return c.json({ ...next, assessment: await getProgrammeAssessment(c.env.DB) });
  })

  .put('/assessment', async (c) => {
    const assessment = await readBody(c, ProgrammeAssessment);
    await putProgrammeAssessment(c.env.DB, auditContext(c), assessment);
    return c.json(assessment);
  });
