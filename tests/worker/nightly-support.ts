import { env } from 'cloudflare:test';
import { expect } from 'vitest';
import { addDays, zonedDate } from '../../shared/dates';
import type { Env } from '../../worker/env';
import { type RunOptions, runNightlyCheck } from '../../worker/nightly/check';
import { type Alert, presentRun } from '../../worker/nightly/store';
import { ADMIN, call } from './helpers';

declare module 'vitest' {
  export interface ProvidedContext {
    fakeGoogleSheets: { url: string; tokenUrl: string; clientEmail: string; privateKeyPem: string };
  }
}

export const workerEnv = env as unknown as Env;

/**
 * The real check (stored alerts and run) as if today were `today`: the test seam of
 * runNightlyCheck, since POST /v1/checks/run with another date than today only simulates.
 * The run must succeed; answers what the route answers for a real run.
 */
export async function checkAsOf(today: string) {
  const run = presentRun(await runCheck(today));
  expect(run, JSON.stringify(run)).toMatchObject({ ok: true, asOf: today });
  // A successful run has its counts and its outcome.
  return run as NonNullable<typeof run> & {
    checked: { territories: number; partners: number; sessions: number; blockers: number; actions: number };
    alerts: { open: number; opened: number; resolved: number };
  };
}

/** The real check called directly as if on `today`, with a modified env or another test seam. */
export const runCheck = (today: string, envOverride: Partial<Env> = {}, opts: Partial<RunOptions> = {}) =>
  runNightlyCheck(
    { ...workerEnv, ...envOverride },
    { trigger: 'manual', today, requestedBy: ADMIN, ...opts },
  );

export async function alerts(query = 'status=open'): Promise<Alert[]> {
  const res = await call('GET', `/v1/alerts?${query}&limit=5000`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.alerts;
}

/** The open alerts of one rule for one subject. */
export async function openFor(rule: string, subjectId: string): Promise<Alert[]> {
  return alerts(`status=open&rule=${encodeURIComponent(rule)}&subjectId=${encodeURIComponent(subjectId)}`);
}

/**
 * One rule's open alerts on one subject, read after the check as of a date: the steps every
 * nightly test repeats. `afterLogging` logs a session (as the admin) first.
 */
export function alertsOf(rule: string, subjectId: string) {
  const asOf = async (date: string) => {
    await checkAsOf(date);
    return openFor(rule, subjectId);
  };
  const afterLogging = async (session: Record<string, unknown>, date: string) => {
    await logSession(session);
    return asOf(date);
  };
  return { asOf, afterLogging };
}

/** A session body of `kind` on a territory or a partner, `minutes` long, held on `date`. */
export const sessionOn = (
  kind: string,
  subject: { territoryId: string } | { partnerId: string },
  date: string,
  minutes: number,
) => ({ kind, ...subject, date, durationMinutes: minutes });

/** Logs a session as the admin (who may write anywhere and override); returns its id. */
export async function logSession(body: Record<string, unknown>) {
  const res = await call('POST', '/v1/sessions', {
    body: { mode: 'remote', participants: 3, summary: 'Séance de suivi.', durationMinutes: 60, ...body },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.session.id as string;
}

/** Today's Paris date plus `days` (the check's days are Paris days, never UTC ones). */
export const todayPlus = (days: number) => addDays(zonedDate(new Date()), days);
