import { ALL } from '../auth/policy';
import { getProgrammeQuery } from '../db/programme';
import { runQueries } from '../db/query';
import { type Ctx, route } from '../http/route';
import { assembleQuotaReport, quotaReportQueries } from '../quotas/engine';

async function readQuotas(c: Ctx) {
  const db = c.env.DB;
  const [p, ...inputs] = await runQueries(db, [getProgrammeQuery(db), ...quotaReportQueries(db)]);
  return c.json(assembleQuotaReport(p, inputs));
}

export const quotaRoutes = [route('GET /v1/quotas', ALL, 'Consommation de tous les quotas', readQuotas)];
