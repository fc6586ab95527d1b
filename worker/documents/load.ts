import { readAssessment } from '../../shared/documents/assessment';
import { listEntitiesQuery } from '../db/entities';
import { programmeFromRow } from '../db/programme';
import { query, runQueries } from '../db/query';
import type { ActionData, BlockerData, IndicatorData, PartnerData, WorkshopData } from '../db/records';
import { listSessionsQuery } from '../db/sessions';
import { listTerritoriesQuery } from '../db/territories';
import { parseJson } from '../db/util';
import { withQuotas } from './as-of';
import type { ActionRec, BlockerRec, ProgrammeRecord, Version } from './record';

/** Every version of blockers and actions, for their state as of a past date. */
const HISTORY_SQL = `SELECT entity, entity_id AS id, at, after FROM audit
  WHERE entity IN ('blocker', 'action') AND action IN ('create', 'update') AND after IS NOT NULL
  ORDER BY seq`;

type HistoryRow = { entity: 'blocker' | 'action'; id: string; at: string; after: string };

function history(rows: HistoryRow[]): NonNullable<ProgrammeRecord['history']> {
  const group = <T>(entity: HistoryRow['entity']) => {
    const out = new Map<string, Version<Partial<T>>[]>();
    for (const r of rows.filter((x) => x.entity === entity)) {
      const list = out.get(r.id) ?? [];
      list.push({ at: r.at, data: JSON.parse(r.after) as Partial<T> });
      out.set(r.id, list);
    }
    return out;
  };
  return { blockers: group<BlockerRec>('blocker'), actions: group<ActionRec>('action') };
}

/**
 * The programme's record as the builders read it, in one D1 batch (one round trip): a
 * programme is ten territories, so every document loads it whole.
 */
export async function loadRecord(db: D1Database): Promise<ProgrammeRecord> {
  const [head, territories, partners, sessions, blockers, indicators, actions, workshops, audit] =
    await runQueries(db, [
      query(db.prepare('SELECT data, assessment FROM programme LIMIT 1'), ([row]) => ({
        programme: programmeFromRow(row as { data: unknown } | undefined),
        assessment: readAssessment(parseJson<unknown>(row?.assessment as string | null | undefined)),
      })),
      listTerritoriesQuery(db),
      listEntitiesQuery<PartnerData>(db, 'partners', {}),
      listSessionsQuery(db, {}),
      listEntitiesQuery<BlockerData>(db, 'blockers', {}),
      listEntitiesQuery<IndicatorData>(db, 'indicators', {}),
      listEntitiesQuery<ActionData>(db, 'actions', {}),
      listEntitiesQuery<WorkshopData>(db, 'workshops', {}),
      query(db.prepare(HISTORY_SQL), (rows) => history(rows as unknown as HistoryRow[])),
    ] as const);
  return withQuotas({
    ...head,
    territories,
    partners: partners.map((p) => ({ id: p.id, ...p.data, createdAt: p.createdAt })),
    sessions,
    blockers: blockers.map((b) => ({ id: b.id, ...b.data, updatedAt: b.updatedAt, createdAt: b.createdAt })),
    indicators: indicators.map((i) => ({ id: i.id, ...i.data, createdAt: i.createdAt })),
    actions: actions.map((a) => ({ id: a.id, ...a.data, createdAt: a.createdAt })),
    workshops: workshops.map((w) => ({ id: w.id, ...w.data, createdAt: w.createdAt })),
    history: audit,
  });
}
