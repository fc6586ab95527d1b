// What the add-on tests share: a real local worker with its members and the add-on built for it,
// a territory created through the worker's API, and a tab read as staff read it (display values
// by header).
import { rmSync } from 'node:fs';
import { expect } from 'vitest';
import type { GoogleState } from '../../harness/fakes';
import { ADMIN, buildAddonTo, startLocalWorker } from '../../harness/local-worker';
import { stopSyncFetch } from '../../harness/sync-fetch';

type Api = (
  as: string,
) => (method: string, path: string, body?: unknown) => Promise<{ status: number; body: unknown }>;

export type LocalWorker = Awaited<ReturnType<typeof startLocalWorker>>;

/**
 * A fresh local worker (empty D1) where an admin has added `consultants` and `viewers`, and the
 * add-on built to call `addonUrl` (the worker itself unless a test puts something in between).
 */
export async function startAddonWorker(
  members: { consultants: string[]; viewers?: string[] },
  addonUrl?: (worker: LocalWorker) => Promise<string>,
) {
  const worker = await startLocalWorker();
  const dir = buildAddonTo(addonUrl ? await addonUrl(worker) : worker.base);
  const admin = worker.api(ADMIN);
  const roles = [
    ...members.consultants.map((email) => ({ email, role: 'consultant' })),
    ...(members.viewers ?? []).map((email) => ({ email, role: 'viewer' })),
  ];
  for (const m of roles) expect((await admin('POST', '/v1/members', m)).status).toBe(201);
  return {
    worker,
    dir,
    async stop() {
      await stopSyncFetch();
      await worker.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

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
