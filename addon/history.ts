// « Historique »: the history of the record on the selected row of a tab — who changed what
// and when (GET /v1/audit?entity=&id=, open to everyone who may read the record). The row is
// known by its tab (the kind of record) and its id in the last column.

import type { AuditEntry, AuditPage } from '../shared/api/audit';
import { frTypo, quoted } from '../shared/i18n/typography';
import type { Result } from './api';
import { names } from './names';
import { headersOf, idOf } from './sheet-mirror';
import { ACTIONS, BLOCKERS, DOCUMENTS, INDICATORS, PARTNERS, SESSIONS, TERRITORIES, WORKSHOPS } from './tabs';
import { callWorker } from './worker-client';

/** The tabs whose rows are records with a history, and the kind of record each holds. */
const ENTITY_OF_TAB: Record<string, { entity: string; headers: readonly string[] }> = Object.fromEntries(
  (
    [
      [SESSIONS, 'session'],
      [BLOCKERS, 'blocker'],
      [INDICATORS, 'indicator'],
      [WORKSHOPS, 'workshop'],
      [ACTIONS, 'action'],
      [TERRITORIES, 'territory'],
      [PARTNERS, 'partner'],
      [DOCUMENTS, 'document'],
    ] as const
  ).map(([spec, entity]) => [spec.name, { entity, headers: headersOf(spec as never) }]),
);

const TABS = Object.keys(ENTITY_OF_TAB);
const CHOOSE_ROW = frTypo(
  `Sélectionnez d’abord une ligne d’un de ces onglets : ${TABS.map((t) => quoted(t)).join(', ')}, puis rouvrez l’historique.`,
);

/** What the selected row is, or why there is nothing to show. */
export function selectedRecord():
  | { entity: string; id: string; tab: string; label: string }
  | { error: string } {
  const range = SpreadsheetApp.getActiveRange();
  const sheet = range?.getSheet();
  const tab = sheet?.getName() ?? '';
  const spec = ENTITY_OF_TAB[tab];
  if (!range || !sheet || !spec) return { error: CHOOSE_ROW };
  const row = range.getRow();
  const width = spec.headers.length;
  const [header = [], values = []] = [1, row].map(
    (r) => sheet.getRange(r, 1, 1, width).getDisplayValues()[0] ?? [],
  );
  const idColumn = header.lastIndexOf(spec.headers[width - 1]!);
  // A row kept for staff's notes once its record is gone ends in REMOVED_MARK: its history is
  // still the record's.
  const id = row > 1 && idColumn >= 0 ? idOf(String(values[idColumn] ?? '').trim()).trim() : '';
  if (!id) return { error: CHOOSE_ROW };
  // The row as staff read it: its first two cells (« 12/03/2025 — Diagnostic et accompagnement »).
  const label = values.slice(0, 2).map(String).filter(Boolean).join(' — ');
  return { entity: spec.entity, id, tab, label };
}

/** The record's history, oldest first, with the people named (one request). */
export const loadHistory = (
  entity: string,
  id: string,
): Result<{ entries: AuditEntry[]; more: boolean; people: Record<string, string> }> => {
  const res = callWorker<AuditPage>({
    method: 'get',
    path: `/v1/audit?entity=${encodeURIComponent(entity)}&id=${encodeURIComponent(id)}`,
  });
  if (!res.ok) return res;
  const known = names();
  const people = Object.fromEntries(res.data.entries.map((e) => [e.actor, known.person(e.actor)]));
  return { ok: true, data: { entries: res.data.entries, more: res.data.next !== null, people } };
};
