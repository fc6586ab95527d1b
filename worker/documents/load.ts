import type { Programme } from '../../shared/schemas/programme';
import { listEntities } from '../db/entities';
import { getProgramme, getProgrammeAssessment } from '../db/programme';
import type { ActionData, BlockerData, IndicatorData, PartnerData, WorkshopData } from '../db/records';
import { listSessions } from '../db/sessions';
import { listTerritories } from '../db/territories';
import { quotaReport } from '../quotas/engine';
import type { ProgrammeRecord } from './record';

/** The programme's record as the builders read it (a programme is ten territories: one load). */
export async function loadRecord(db: D1Database): Promise<ProgrammeRecord> {
  const programme: Programme = await getProgramme(db);
  const [assessment, territories, partners, sessions, blockers, indicators, actions, workshops, quotas] =
    await Promise.all([
      getProgrammeAssessment(db),
      listTerritories(db),
      listEntities<PartnerData>(db, 'partners', {}),
      listSessions(db, {}),
      listEntities<BlockerData>(db, 'blockers', {}),
      listEntities<IndicatorData>(db, 'indicators', {}),
      listEntities<ActionData>(db, 'actions', {}),
      listEntities<WorkshopData>(db, 'workshops', {}),
      quotaReport(db, programme),
    ]);
  return {
    programme,
    assessment,
    territories,
    partners: partners.map((p) => ({ id: p.id, ...p.data })),
    sessions,
    blockers: blockers.map((b) => ({ id: b.id, ...b.data, updatedAt: b.updatedAt })),
    indicators: indicators.map((i) => ({ id: i.id, ...i.data })),
    actions: actions.map((a) => ({ id: a.id, ...a.data })),
    workshops: workshops.map((w) => ({ id: w.id, ...w.data })),
    territoryQuotas: new Map(quotas.territories.map((t) => [t.territoryId, t.quotas])),
    partnerQuotas: new Map(quotas.partners.map((p) => [p.partnerId, p.quotas])),
  };
}
