import type { Quota } from '../../shared/quotas/rules';
import type {
  ActionStatus,
  BlockerCategory,
  BlockerOwner,
  BlockerStatus,
  Contact,
  IndicatorCode,
  LegalForm,
  PartnerKind,
  SessionKind,
  SessionMode,
  TerritoryAssessment,
  UseCaseCategory,
  VeliType,
  WorkshopInput,
} from '../../shared/schemas';
import type { Programme, StoredAssessment } from '../../shared/schemas/programme';

/**
 * What the builders read: plain data, loaded from D1 by `load.ts` or made up by a benchmark.
 * `createdAt` (an instant) lets `as-of.ts` keep only what existed at a date; records made up
 * without it count as always there.
 */
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
  vehicles?: readonly string[] | undefined;
  createdAt?: string | undefined;
}

export interface SessionRec {
  id?: string | undefined;
  kind: SessionKind;
  territoryId?: string | undefined;
  partnerId?: string | undefined;
  date: string;
  durationMinutes: number;
  mode?: SessionMode | undefined;
  participants?: number | undefined;
}

export interface BlockerRec {
  id: string;
  territoryId: string;
  partnerId?: string | undefined;
  category: BlockerCategory;
  title: string;
  description: string;
  owner: BlockerOwner;
  ownerName?: string | undefined;
  status: BlockerStatus;
  solution?: string | undefined;
  updatedAt: string;
  createdAt?: string | undefined;
}

export interface IndicatorRec {
  id: string;
  territoryId: string;
  partnerId?: string | undefined;
  indicator: IndicatorCode;
  label?: string | undefined;
  unit: string;
  periodStart: string;
  periodEnd: string;
  value: number;
  target?: number | undefined;
  createdAt?: string | undefined;
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
  status?: ActionStatus | undefined;
  startDate?: string | undefined;
  endDate?: string | undefined;
  solutions?: string | undefined;
  vehicleType?: VeliType | undefined;
  createdAt?: string | undefined;
}

export type WorkshopRec = Omit<WorkshopInput, 'id'> & { id: string; createdAt?: string | undefined };

/** One version of a record in the audit trail: the body as written at `at` (an instant). */
export interface Version<T> {
  at: string;
  data: T;
}

/** The whole programme's record, as the reports need it; a territory's slice for its summary. */
export interface ProgrammeRecord {
  programme: Programme;
  assessment: StoredAssessment | null;
  territories: readonly TerritoryRec[];
  partners: readonly PartnerRec[];
  sessions: readonly SessionRec[];
  blockers: readonly BlockerRec[];
  indicators: readonly IndicatorRec[];
  actions: readonly ActionRec[];
  workshops: readonly WorkshopRec[];
  /**
   * Quotas of each territory and of each partner. `as-of.ts` recomputes them from the sessions
   * it keeps, so a document never shows use the record did not have at its date.
   */
  territoryQuotas: ReadonlyMap<string, readonly Quota[]>;
  partnerQuotas: ReadonlyMap<string, readonly Quota[]>;
  /** Earlier versions of blockers and actions (audit trail), oldest first, by id. */
  history?: {
    blockers: ReadonlyMap<string, readonly Version<Partial<BlockerRec>>[]>;
    actions: ReadonlyMap<string, readonly Version<Partial<ActionRec>>[]>;
  };
}

/** What a document is generated as: its date and version, and who asked for it. */
export interface Edition {
  /** Generation day (YYYY-MM-DD, programme time zone). */
  date: string;
  version: number;
  /** The record as of this day; the generation day when absent. */
  asOf?: string | undefined;
  /** Who generates it: an e-mail and the caller's role label. */
  generatedBy?: string | undefined;
}
