// The contract between the sidebars (browser) and the add-on (Apps Script): what each
// server function takes and returns. Pure types, so both tsconfigs can read it.
import type { Quota, QuotaReport } from '../shared/quotas/rules';
import type {
  ActionInput,
  BlockerInput,
  BlockerPatch,
  IndicatorInput,
  SessionInput,
  TerritoryAssessment,
  WorkshopInput,
} from '../shared/schemas';
import type { FieldIssue } from '../shared/schemas/validate';

/** A worker error as the sidebars show it: `message` is French and meant for the user. */
export interface AddonError {
  code: string;
  message: string;
  issues?: FieldIssue[];
  quota?: Quota;
}
export type Result<T> = { ok: true; data: T } | { ok: false; error: AddonError };

interface Authored {
  id: string;
  createdAt?: string;
  createdBy?: string;
  updatedAt?: string;
  updatedBy?: string;
}
export type SessionRecord = Omit<SessionInput, 'id'> &
  Authored & { phase?: number | null; override?: { reason: string; by: string; at: string } };
export type BlockerRecord = Omit<BlockerInput, 'id'> & Authored;
export type IndicatorRecord = Omit<IndicatorInput, 'id'> & Authored;
export type WorkshopRecord = Omit<WorkshopInput, 'id'> & Authored;
export type ActionRecord = Omit<ActionInput, 'id'> &
  Authored & {
    territoryId?: string;
    reproducibility: ActionInput['reproducibility'] & { degree?: 'high' | 'medium' | 'low' };
  };
export interface TerritoryRecord extends Authored {
  name: string;
  legalForm: string;
  centralCityInsee: string;
  consultants: string[];
  centralCity?: { insee: string; name: string; population: number; departement: string };
  assessment?: Partial<TerritoryAssessment>;
}
export interface PartnerRecord extends Authored {
  territoryId: string;
  name: string;
  kind: string;
  useCase: { category: string; description: string };
  vehicles?: string[];
}
export interface AlertRecord {
  id: string;
  rule: string;
  severity: 'info' | 'warning' | 'critical';
  subjectType: string;
  subjectId: string;
  message: string;
  firstSeenAt: string;
  lastSeenAt: string;
  resolvedAt: string | null;
}
export interface DocumentRecord {
  id: string;
  type: string;
  title: string;
  pages: number;
  url: string;
  googleDocId?: string;
  createdAt?: string;
  createdBy?: string;
}
export interface DocumentRequest {
  type: 'territory-summary' | 'workshop-sheet' | 'action-sheet' | 'progress-report';
  territoryId?: string;
  workshopId?: string;
  actionId?: string;
  report?: '1' | '2' | 'final';
}
/** GET /v1/snapshot: every list the tabs mirror (or the parts asked for), in one answer. */
export interface Snapshot {
  territories: TerritoryRecord[];
  partners: PartnerRecord[];
  sessions: SessionRecord[];
  blockers: BlockerRecord[];
  indicators: IndicatorRecord[];
  workshops: WorkshopRecord[];
  actions: ActionRecord[];
  quotas: QuotaReport;
  alerts: AlertRecord[];
  documents: DocumentRecord[];
}
export interface Me {
  email: string;
  role: 'admin' | 'consultant' | 'viewer';
}

/** Every function a sidebar may call through google.script.run, by name. */
export interface ServerApi {
  loadContext(): Result<QuotaReport>;
  submitSession(input: SessionInput): Result<{ session: SessionRecord; quota: Quota }>;
  listBlockers(territoryId: string): Result<BlockerRecord[]>;
  submitBlocker(input: BlockerInput): Result<BlockerRecord>;
  updateBlocker(id: string, patch: BlockerPatch): Result<BlockerRecord>;
  submitIndicator(input: IndicatorInput): Result<IndicatorRecord>;
  submitWorkshop(input: WorkshopInput): Result<WorkshopRecord>;
  submitAction(input: ActionInput): Result<ActionRecord>;
  submitAssessment(territoryId: string, input: TerritoryAssessment): Result<TerritoryRecord>;
  loadQuotasAndAlerts(): Result<{ quotas: QuotaReport; alerts: AlertRecord[] }>;
  loadDocumentChoices(): Result<{
    territories: { id: string; name: string }[];
    workshops: { id: string; label: string }[];
    actions: { id: string; label: string }[];
  }>;
  generateDocument(input: DocumentRequest): Result<DocumentRecord>;
  loadSettings(): Result<{ workerUrl: string; me: Me | null; note?: string }>;
  saveSettings(input: { workerUrl: string }): Result<{ workerUrl: string; me: Me }>;
}
export type ServerFunction = keyof ServerApi;
