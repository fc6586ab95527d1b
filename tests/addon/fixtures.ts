// What the add-on tests share: a territory created through the worker's API, and a tab read as
// staff read it (display values by header).
import { expect } from 'vitest';
import type { GoogleState } from '../../harness/fakes';
import { ADMIN } from '../../harness/local-worker';

type Api = (
  as: string,
) => (method: string, path: string, body?: unknown) => Promise<{ status: number; body: unknown }>;

/** A territory whose central city is `insee`, for `consultant`; its id and name. */
export async function createTerritory(
  api: Api,
  o: { id: string; name: string; insee: string; consultant: string },
) {
  const res = await api(ADMIN)('POST', '/v1/territories', {
    id: o.id,
    name: o.name,
    legalForm: 'ca',
    centralCityInsee: o.insee,
    consultants: [o.consultant],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { id: o.id, name: o.name };
}

/** A tab as staff read it: display values by header. */
export function readTab(state: GoogleState, tab: string) {
  const [headers = [], ...rows] = state.spreadsheet.getSheetByName(tab)?.displayGrid() ?? [];
  return { headers, rows: rows.map((r) => Object.fromEntries(headers.map((h, i) => [h, r[i] ?? '']))) };
}
