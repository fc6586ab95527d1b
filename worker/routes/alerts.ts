import { Hono } from 'hono';
import * as z from 'zod/mini';
import { IsoDate } from '../../shared/schemas/common';
import { validate } from '../../shared/schemas/validate';
import { runQueries } from '../db/query';
import type { AppEnv } from '../env';
import { ApiError, fieldError, validationError } from '../http/errors';
import { runNightlyCheck } from '../nightly/check';
import { lastRunQuery, listAlertsQuery, type RunRecord } from '../nightly/store';
import { q } from './context';

export const CheckRunInput = z.strictObject({ asOf: z.optional(IsoDate) });

const STATUSES = ['open', 'resolved', 'all'] as const;
/** What a plain GET /v1/alerts lists, and so what the snapshot carries. */
export const OPEN_ALERTS = { status: 'open', limit: 1000 } as const;

export const presentRun = (r: RunRecord | null) =>
  r && {
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    ok: r.ok,
    checked: r.checked,
    id: r.id,
    trigger: r.trigger,
    asOf: r.asOf,
    alerts: r.alerts,
    statements: r.statements,
    error: r.error,
  };

/** GET /v1/alerts and POST /v1/checks/run, mounted at /v1. */
export const alertRoutes = new Hono<AppEnv>()
  .get('/alerts', async (c) => {
    const status = q(c, 'status') ?? OPEN_ALERTS.status;
    if (!(STATUSES as readonly string[]).includes(status))
      throw fieldError('status', 'Statut d’alerte inconnu : open, resolved ou all.');
    const limitText = q(c, 'limit') ?? String(OPEN_ALERTS.limit);
    const limit = Number(limitText);
    if (!/^\d+$/.test(limitText) || limit < 1 || limit > 5000)
      throw fieldError('limit', 'Nombre d’alertes attendu entre 1 et 5 000.');
    const db = c.env.DB;
    const [alerts, run] = await runQueries(db, [
      listAlertsQuery(db, {
        status: status as (typeof STATUSES)[number],
        rule: q(c, 'rule'),
        subjectId: q(c, 'subjectId'),
        limit,
      }),
      lastRunQuery(db),
    ]);
    return c.json({ alerts, lastRun: presentRun(run) });
  })

  .post('/checks/run', async (c) => {
    const raw = (await c.req.text()).trim();
    let parsed: unknown = {};
    if (raw) {
      try {
        parsed = JSON.parse(raw);
      } catch {
        throw fieldError('', 'Le corps de la requête n’est pas un JSON valide.');
      }
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
      throw fieldError('', 'Le corps de la requête doit être un objet JSON.');
    const result = validate(CheckRunInput, parsed);
    if (!result.ok) throw validationError(result.issues);
    const run = await runNightlyCheck(c.env, {
      trigger: 'manual',
      asOf: result.data.asOf,
      requestedBy: c.get('user').email,
    });
    if (!run.ok && run.alerts === null)
      throw new ApiError('INTERNAL', run.error ?? 'Le contrôle a échoué.', { run: presentRun(run) });
    if (!run.ok)
      throw new ApiError('UPSTREAM_FAILED', run.error ?? 'Livraison des alertes impossible.', {
        run: presentRun(run),
      });
    return c.json({ run: presentRun(run) });
  });
