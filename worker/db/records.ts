import { reproducibilityDegree } from '../../shared/reproducibility';
import type {
  ActionInput,
  BlockerInput,
  IndicatorInput,
  PartnerInput,
  WorkshopInput,
} from '../../shared/schemas';
import { present, type Stored } from './entities';

/** The tables of the record, each row authored (created_by): the territories and what they log. */
export const RECORD_TABLES = [
  'territories',
  'partners',
  'sessions',
  'blockers',
  'indicators',
  'workshops',
  'actions',
] as const;

/** What each simple table stores in `data`: the accepted body, less the id, plus derived keys. */
export type PartnerData = Omit<PartnerInput, 'id'> & { territoryId: string };
export type BlockerData = Omit<BlockerInput, 'id'> & { status: NonNullable<BlockerInput['status']> };
export type IndicatorData = Omit<IndicatorInput, 'id'>;
export type WorkshopData = Omit<WorkshopInput, 'id'>;
export type ActionData = Omit<ActionInput, 'id'> & { territoryId: string };

export const presentPartner = (p: Stored<PartnerData>) => present(p);

/** The response adds the degree of reproducibility computed from the three criteria. */
export const presentAction = (a: Stored<ActionData>) =>
  present({
    ...a,
    data: {
      ...a.data,
      reproducibility: { ...a.data.reproducibility, degree: reproducibilityDegree(a.data.reproducibility) },
    },
  });
