import * as z from 'zod/mini';
import { AlertList, CheckRun } from '../../shared/api/alerts';
import { addYears, zonedDate } from '../../shared/dates';
import { MSG } from '../../shared/i18n/messages';
import { IsoDate } from '../../shared/schemas/common';
import type { Programme } from '../../shared/schemas/programme';
import { ADMIN, ALL } from '../auth/policy';
import { getProgramme } from '../db/programme';
import { runQueries } from '../db/query';
import { ApiError, fieldError } from '../http/errors';
import { type Ctx, route } from '../http/route';
import { runNightlyCheck, simulateCheck } from '../nightly/check';
import { lastRunQuery, listAlertsQuery, OPEN_ALERTS, presentRun } from '../nightly/store';

export const CheckRunInput = z.strictObject({ asOf: z.optional(IsoDate) });

const STATUSES = ['open', 'resolved', 'all'] as const;

const AlertFilters = z.object({
  status: z.optional(z.string()),
  limit: z.optional(z.string()),
  rule: z.optional(z.string()),
  subjectId: z.optional(z.string()),
});

async function listAlerts(c: Ctx, { query }: { query: z.infer<typeof AlertFilters> }) {
  const status = query.status ?? OPEN_ALERTS.status;
  if (!(STATUSES as readonly string[]).includes(status))
    throw fieldError('status', MSG.oneOf('Statut d’alerte', STATUSES));
  const limitText = query.limit ?? String(OPEN_ALERTS.limit);
  const limit = Number(limitText);
  if (!/^\d+$/.test(limitText) || limit < 1 || limit > 5000)
    throw fieldError('limit', MSG.integerBetween('Nombre d’alertes', 5000));
  const db = c.env.DB;
  const [alerts, run] = await runQueries(db, [
    listAlertsQuery(db, {
      status: status as (typeof STATUSES)[number],
      rule: query.rule,
      subjectId: query.subjectId,
      limit,
    }),
    lastRunQuery(db),
  ]);
  return c.json({ alerts, lastRun: presentRun(run) });
}

/** The dates a simulation may take: programme start − 1 year … programme end + 2 years. */
function simulationBounds(p: Programme) {
  return { min: addYears(p.startDate, -1), max: addYears(p.endDate, 2) };
}

/**
 * Without `asOf`, or with today's date in the programme's zone: the real check (stored alerts,
 * run log, Alertes tab, e-mail digest). Any other date: a simulation that stores nothing.
 */
async function runCheck(c: Ctx, { body }: { body: z.infer<typeof CheckRunInput> }) {
  const requestedBy = c.get('user').email;
  if (body.asOf !== undefined) {
    const p = await getProgramme(c.env.DB);
    if (body.asOf !== zonedDate(new Date(), p.timezone)) {
      const { min, max } = simulationBounds(p);
      if (body.asOf < min || body.asOf > max) throw fieldError('asOf', MSG.asOfOutOfRange(min, max));
      return c.json(await simulateCheck(c.env, body.asOf, requestedBy));
    }
  }
  const run = await runNightlyCheck(c.env, { trigger: 'manual', requestedBy });
  if (!run.ok && run.alerts === null)
    throw new ApiError('INTERNAL', run.error ?? MSG.checkFailed, { run: presentRun(run) });
  if (!run.ok)
    throw new ApiError('UPSTREAM_FAILED', run.error ?? MSG.alertsNotDelivered, {
      run: presentRun(run),
    });
  return c.json({ run: presentRun(run) });
}

const RUN = { body: CheckRunInput, optionalBody: true } as const;
const CHECK_SUMMARY =
  'Lancer le contrôle maintenant ; avec une autre date (asOf) qu’aujourd’hui, une simulation qui n’enregistre rien';

export const alertRoutes = [
  route('GET /v1/alerts', ALL, 'Alertes du contrôle nocturne', AlertList, listAlerts, {
    query: AlertFilters,
  }),
  route('POST /v1/checks/run', ADMIN, CHECK_SUMMARY, CheckRun, runCheck, RUN),
];
