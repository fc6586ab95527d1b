import { ALL } from '../auth/policy';
import { getProgrammeQuery } from '../db/programme';
import { runQueries } from '../db/query';
import { route } from '../http/route';
import { assembleQuotaReport, quotaReportQueries } from '../quotas/engine';

export const quotaRoutes = [
  route(
    {
      method: 'GET',
      path: '/v1/quotas',
      roles: ALL,
      summary: 'Consommation de tous les quotas',
      status: 200,
    },
    async (c) => {
      const db = c.env.DB;
      const [p, ...inputs] = await runQueries(db, [getProgrammeQuery(db), ...quotaReportQueries(db)]);
      return c.json(assembleQuotaReport(p, inputs));
    },
  ),
];
