// What the add-on tests share: a real local worker with its members and the add-on built for it,
// a territory created through the worker's API, and a tab read as staff read it (display values
// by header).
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import { GoogleState } from '../../harness/fakes';
import { ADMIN, buildAddonTo, startLocalWorker } from '../../harness/local-worker';
import { loadAddon } from '../../harness/runtime';
import { stopSyncFetch } from '../../harness/sync-fetch';
import { startUserThread, type UserThread } from '../../harness/threads';

type Api = (
  as: string,
) => (method: string, path: string, body?: unknown) => Promise<{ status: number; body: unknown }>;

export type LocalWorker = Awaited<ReturnType<typeof startLocalWorker>>;

let n = 0;
/** An id no other record of the run has. */
export const uid = (p: string) => `${p}-${Date.now().toString(36)}-${++n}`;

export interface AddonWorker {
  worker: LocalWorker;
  /** The built add-on. */
  dir: string;
  /** The address the add-on calls: the worker's, unless a test puts something in between. */
  url: string;
  /** A new spreadsheet with the add-on installed, pointed at `url`. */
  spreadsheet(): GoogleState;
  /** `email` opening that spreadsheet: the add-on in a thread of their own, menu built. */
  open(state: GoogleState, email: string): Promise<UserThread>;
}

/**
 * For a test file: a fresh local worker (empty D1) where an admin has added `consultants` and
 * `viewers`, the add-on built to call it (or what `via` puts in front of it), everything
 * stopped after the file's tests. The fields are set once the file's beforeAll has run.
 */
export function useAddonWorker(
  members: { consultants: string[]; viewers?: string[] },
  via?: (worker: LocalWorker) => Promise<string>,
): AddonWorker {
  const threads: UserThread[] = [];
  const env = {
    spreadsheet() {
      const state = new GoogleState(env.dir);
      state.documentProps.setProperty('VELI_WORKER_URL', env.url);
      return state;
    },
    async open(state: GoogleState, email: string) {
      const t = await startUserThread(state, { dir: env.dir, user: email });
      threads.push(t);
      await t.run('onOpen');
      return t;
    },
  } as AddonWorker;
  beforeAll(async () => {
    env.worker = await startLocalWorker({ bundleDir: inject('workerBundle') });
    env.url = via ? await via(env.worker) : env.worker.base;
    env.dir = buildAddonTo(env.url);
    const admin = env.worker.api(ADMIN);
    const roles = [
      ...members.consultants.map((email) => ({ email, role: 'consultant' })),
      ...(members.viewers ?? []).map((email) => ({ email, role: 'viewer' })),
    ];
    for (const m of roles) expect((await admin('POST', '/v1/members', m)).status).toBe(201);
  }, 120_000);
  afterAll(async () => {
    await Promise.all(threads.map((t) => t.close()));
    await stopSyncFetch();
    await env.worker?.stop();
    if (env.dir) rmSync(env.dir, { recursive: true, force: true });
  });
  return env;
}

/** A session as a sidebar sends it: a half-day remote diagnostic, with a fresh id. */
export const sessionInput = (territoryId: string, over: Record<string, unknown> = {}) => ({
  id: uid('s'),
  kind: 'diagnostic',
  territoryId,
  date: '2025-03-12',
  durationMinutes: 180,
  mode: 'remote',
  participants: 4,
  summary: 'Diagnostic des usages et des flottes.',
  ...over,
});

/** A territory whose central city is `insee`, for `consultant`; its id and name. */
export async function createTerritory(
  api: Api,
  o: { id: string; name: string; insee: string; consultant: string | string[] },
) {
  const res = await api(ADMIN)('POST', '/v1/territories', {
    id: o.id,
    name: o.name,
    legalForm: 'ca',
    centralCityInsee: o.insee,
    consultants: Array.isArray(o.consultant) ? o.consultant : [o.consultant],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { id: o.id, name: o.name };
}

/** A tab as staff read it: display values by header. */
export function readTab(state: GoogleState, tab: string) {
  const [headers = [], ...rows] = state.spreadsheet.getSheetByName(tab)?.displayGrid() ?? [];
  return { headers, rows: rows.map((r) => Object.fromEntries(headers.map((h, i) => [h, r[i] ?? '']))) };
}

/** A territory of `consultant` (its name and central city), a fresh spreadsheet, and their add-on on it. */
export async function consultantWithTerritory(
  env: AddonWorker,
  consultant: string,
  t: { name: string; insee: string },
) {
  const territory = await createTerritory(env.worker.api, { id: uid('t'), ...t, consultant });
  const state = env.spreadsheet();
  const addon = loadAddon({ dir: env.dir, workerUrl: env.url, devUser: consultant, state });
  return { territory, state, addon };
}
