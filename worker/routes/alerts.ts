import { Hono } from 'hono';
import * as z from 'zod/mini';
import { IsoDate } from '../../shared/schemas/common';
import { validate } from '../../shared/schemas/validate';
import type { AppEnv } from '../env';
import { ApiError, fieldError, validationError } from '../http/errors';
import { runNightlyCheck } from '../nightly/check';
import { lastRun, listAlerts, type RunRecord } from '../nightly/store';
import { q } from './context';

export const CheckRunInput = z.strictObject({ asOf: z.optional(IsoDate) });

const STATUSES = ['open', 'resolved', 'all'] as const;

const presentRun = (r: RunRecord | null) =>
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
    const status = q(c, 'status') ?? 'open';
    if (!(STATUSES as readonly string[]).includes(status))
      throw fieldError('status', 'Statut d’alerte inconnu : open, resolved ou all.');
    const limitText = q(c, 'limit') ?? '1000';
    const limit = Number(limitText);
    if (!/^\d+$/.test(limitText) || limit < 1 || limit > 5000)
      throw fieldError('limit', 'Nombre d’alertes attendu entre 1 et 5 000.');
    const [alerts, run] = await Promise.all([
      listAlerts(c.env.DB, {
        status: status as (typeof STATUSES)[number],
        rule: q(c, 'rule'),
        subjectId: q(c, 'subjectId'),
        limit,
      }),
      lastRun(c.env.DB),
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
