import { env } from 'cloudflare:test';
import { expect } from 'vitest';
import type { Env } from '../../worker/env';
import { type RunOptions, runNightlyCheck } from '../../worker/nightly/check';
import type { Alert } from '../../worker/nightly/store';
import { call } from './helpers';

declare module 'vitest' {
  export interface ProvidedContext {
    fakeGoogleSheets: { url: string; tokenUrl: string; clientEmail: string; privateKeyPem: string };
  }
}

export const workerEnv = env as unknown as Env;

/** POST /v1/checks/run as the admin, as of a simulated date; the run must succeed. */
export async function checkAsOf(asOf: string) {
  const res = await call('POST', '/v1/checks/run', { body: { asOf } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.body.run).toMatchObject({ ok: true, asOf });
  return res.body.run;
}

/** The same check called directly, with a modified env or a test seam. */
export const runCheck = (asOf: string, envOverride: Partial<Env> = {}, opts: Partial<RunOptions> = {}) =>
  runNightlyCheck({ ...workerEnv, ...envOverride }, { trigger: 'manual', asOf, ...opts });

export async function alerts(query = 'status=open'): Promise<Alert[]> {
  const res = await call('GET', `/v1/alerts?${query}&limit=5000`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.alerts;
}

/** The open alerts of one rule for one subject. */
export async function openFor(rule: string, subjectId: string): Promise<Alert[]> {
  return alerts(`status=open&rule=${encodeURIComponent(rule)}&subjectId=${encodeURIComponent(subjectId)}`);
}

export async function programme() {
  const { body } = await call('GET', '/v1/programme');
  const { assessment: _a, ...p } = body;
  return p;
}

export async function putProgramme(p: Record<string, unknown>) {
  const res = await call('PUT', '/v1/programme', { body: p });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

/** Logs a session as the admin (who may write anywhere and override); returns its id. */
export async function logSession(body: Record<string, unknown>) {
  const res = await call('POST', '/v1/sessions', {
    body: { mode: 'remote', participants: 3, summary: 'Séance de suivi.', durationMinutes: 60, ...body },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.session.id as string;
}

export const todayPlus = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
