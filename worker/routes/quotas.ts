import { QuotaPage } from '../../shared/api/quotas';
import { ALL } from '../auth/policy';
import { getProgrammeQuery } from '../db/programme';
import { runQueries } from '../db/query';
import { type Ctx, route } from '../http/route';
import { quotaReportQueries } from '../quotas/engine';
import { quotaReportText } from '../quotas/report-text';

async function readQuotas(c: Ctx) {
  const db = c.env.DB;
  const [p, ...inputs] = await runQueries(db, [getProgrammeQuery(db), ...quotaReportQueries(db)]);
  return c.body(quotaReportText(p, inputs), 200, { 'Content-Type': 'application/json' });
}

export const quotaRoutes = [
  route('GET /v1/quotas', ALL, 'Consommation de tous les quotas', readQuotas, {
    response: QuotaPage,
  }),
];
