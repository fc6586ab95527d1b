import { Hono } from 'hono';
import { getProgramme } from '../db/programme';
import type { AppEnv } from '../env';
import { quotaReport } from '../quotas/engine';

export const quotas = new Hono<AppEnv>().get('/', async (c) =>
  c.json(await quotaReport(c.env.DB, await getProgramme(c.env.DB))),
);
