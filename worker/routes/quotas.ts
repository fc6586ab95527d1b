import { Hono } from 'hono';
import { getProgrammeQuery } from '../db/programme';
import { runQueries } from '../db/query';
import type { AppEnv } from '../env';
import { assembleQuotaReport, quotaReportQueries } from '../quotas/engine';

export const quotas = new Hono<AppEnv>().get('/', async (c) => {
  const db = c.env.DB;
  const [p, ...inputs] = await runQueries(db, [getProgrammeQuery(db), ...quotaReportQueries(db)]);
  return c.json(assembleQuotaReport(p, inputs));
});
