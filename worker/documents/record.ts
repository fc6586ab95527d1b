import type { Quota } from '../../shared/quotas/rules';
import type {
  BlockerCategory,
  BlockerOwner,
  BlockerStatus,
  Contact,
  IndicatorCode,
  LegalForm,
  PartnerKind,
  ProgrammeAssessment,
  SessionKind,
  TerritoryAssessment,
  UseCaseCategory,
} from '../../shared/schemas';
import type { Programme } from '../../shared/schemas/programme';

/** What the builders read: plain data, loaded from D1 by `load.ts` or made up by a benchmark. */
export interface TerritoryRec {
  id: string;
  name: string;
  legalForm: LegalForm;
  centralCity: { insee: string; name: string; population: number; departement: string };
  consultants: readonly string[];
  contacts: readonly Contact[];
  assessment: TerritoryAssessment | null;
}

export interface PartnerRec {
  id: string;
  territoryId: string;
  name: string;
  kind: PartnerKind;
  useCase: { category: UseCaseCategory; description: string };
  vehicles?: readonly string[];
}

export interface SessionRec {
  kind: SessionKind;
  territoryId?: string;
  partnerId?: string;
  date: string;
  durationMinutes: number;
}

export interface BlockerRec {
  id: string;
  territoryId: string;
  partnerId?: string;
  category: BlockerCategory;
  title: string;
  description: string;
  owner: BlockerOwner;
  ownerName?: string;
  status: BlockerStatus;
  solution?: string;
  updatedAt: string;
}

export interface IndicatorRec {
  id: string;
  territoryId: string;
  partnerId?: string;
  indicator: IndicatorCode;
  label?: string;
  unit: string;
  periodStart: string;
  periodEnd: string;
  value: number;
  target?: number;
}

export interface ActionRec {
  id: string;
  partnerId: string;
  territoryId: string;
  title: string;
  description: string;
  actors: string;
  implementationDelay: string;
  blockers: string;
  reproducibility: { ease: 1 | 2 | 3; duplicationPotential: 1 | 2 | 3; actorsInvolved: number };
}

export interface WorkshopRec {
  id: string;
  number: number;
  theme: string;
  date: string;
  hostTerritoryId: string;
  participants: number;
  problem: string;
  blockersAndSolutions: string;
  actors: string;
  examplesAndContacts: string;
  keyFigures: readonly { label: string; value: string; unit?: string }[];
}

/** The whole programme's record, as the reports need it; a territory's slice for its summary. */
export interface ProgrammeRecord {
  programme: Programme;
  assessment: ProgrammeAssessment | null;
  territories: readonly TerritoryRec[];
  partners: readonly PartnerRec[];
  sessions: readonly SessionRec[];
  blockers: readonly BlockerRec[];
  indicators: readonly IndicatorRec[];
  actions: readonly ActionRec[];
  workshops: readonly WorkshopRec[];
  /** Quotas of each territory and of each partner (from `buildQuotaReport`). */
  territoryQuotas: ReadonlyMap<string, readonly Quota[]>;
  partnerQuotas: ReadonlyMap<string, readonly Quota[]>;
}

/** Date and version printed on the document. */
export interface Edition {
  date: string;
  version: number;
}
