import type { Contact, LegalForm, TerritoryAssessment } from '../../shared/schemas';
import type { CentralCity } from '../eligibility/communes';
import { type AuditContext } from './audit';
export interface TerritoryData {
  name: string;
  legalForm: LegalForm;
  centralCityInsee: string;
  epciSiren?: string;
  consultants: string[];
  contacts: Contact[];
}
export interface Territory extends TerritoryData {
  id: string;
  centralCity: CentralCity;
  assessment: TerritoryAssessment | null;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}
export declare function getTerritory(
  db: D1Database,
  id: string,
): Promise<
  | (Territory & {
      bodyHash: string;
    })
  | null
>;
export declare function listTerritories(db: D1Database): Promise<Territory[]>;
/** Inserts unless the id exists or the programme already has `max` territories: one statement. */
export declare function insertTerritory(
  db: D1Database,
  ctx: AuditContext,
  id: string,
  data: TerritoryData,
  centralCity: CentralCity,
  hash: string,
  max: number,
): Promise<boolean>;
export declare function updateTerritory(
  db: D1Database,
  ctx: AuditContext,
  before: Territory,
  data: TerritoryData,
  centralCity: CentralCity,
): Promise<void>;
export declare function putTerritoryAssessment(
  db: D1Database,
  ctx: AuditContext,
  before: Territory,
  assessment: TerritoryAssessment,
): Promise<void>;
