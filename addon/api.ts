// The contract between the sidebars (browser) and the add-on (Apps Script): what each
// server function takes and returns. Pure types, so both tsconfigs can read it.
import type { Preferences, Reminders } from '../shared/api/me';
import type { Instant } from '../shared/dates';
import type { Quota, QuotaReport } from '../shared/quotas/rules';
import type {
  ActionInput,
  ActionPatch,
  BlockerInput,
  BlockerPatch,
  IndicatorInput,
  Role,
  SessionInput,
  SessionPatch,
  TerritoryAssessment,
  WorkshopInput,
  WorkshopPatch,
} from '../shared/schemas';
import type { FieldIssue } from '../shared/schemas/validate';
import type { AlertRow } from '../shared/sheets/alerts-tab';

/** A worker error as the sidebars show it: `message` is French and meant for the user. */
export interface AddonError {
  code: string;
  message: string;
  issues?: FieldIssue[];
  quota?: Quota;
  /** The stored record, when a write was refused because it changed meanwhile (412). */
  current?: unknown;
  /** A territory summary that cannot fit under 5 pages: what to shorten, and by how much. */
  fields?: { field: string; label: string; length?: number; shortenBy: number }[];
}
/**
 * `warning`: the record is saved, but something beside it (the tabs) could not follow.
 * `version`: the record's new version (ETag), to send back as If-Match when correcting it.
 */
export type Result<T> =
  | { ok: true; data: T; warning?: string; version?: string | null }
  | { ok: false; error: AddonError };

interface Authored {
  id: string;
  createdAt?: Instant;
  createdBy?: string;
  updatedAt?: Instant;
  updatedBy?: string;
  /** Bumped by every write: the ETag of the record, sent back as If-Match. */
  version?: number;
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
  epciSiren?: string;
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
/** An alert as the worker lists it: what its row in « Alertes » shows, its id and its end. */
export interface AlertRecord extends AlertRow {
  id: string;
  resolvedAt: string | null;
}
export interface DocumentRecord {
  id: string;
  type: string;
  title: string;
  pages: number;
  pagesCountedBy?: string;
  url: string;
  version?: number;
  territoryId?: string | null;
  googleDocId?: string;
  createdAt?: Instant;
  createdBy?: string;
  updatedAt?: Instant;
}
export interface DocumentRequest {
  type: 'territory-summary' | 'workshop-sheet' | 'action-sheet' | 'progress-report';
  territoryId?: string;
  workshopId?: string;
  actionId?: string;
  report?: '1' | '2' | 'final';
  asOf?: string;
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
/** GET /v1/me: who is calling and the territories they may write for. */
export interface Me {
  email: string;
  role: Role;
  /** The territories the user may write for: every one for an admin, none for a viewer. */
  territories: { id: string; name: string }[];
}
/** A record with the version its ETag carried, to send back as If-Match. */
export interface Versioned<T> {
  record: T;
  version: string | null;
}
export type Choice = { id: string; label: string };
/** A territory and what to show beside its fields when the Diagnostic opens. */
export interface DiagnosticFocus {
  territoryId: string;
  issues: FieldIssue[];
}

/** What a sidebar knows when it opens: inlined in its page when the add-on builds it. */
export interface SidebarContext {
  me: Me;
  report: QuotaReport;
  /** Today in Paris (YYYY-MM-DD): the default date of a new entry. */
  today: string;
  minutesPerDay: number;
  programme: { startDate: string; endDate: string };
  workshops?: Choice[];
  actions?: (Choice & { partnerId: string })[];
  documents?: DocumentRecord[];
}
export type SidebarName =
  | 'journal'
  | 'verrous'
  | 'indicateurs'
  | 'atelier'
  | 'action'
  | 'diagnostic'
  | 'quotas'
  | 'document'
  | 'import'
  | 'parametres';

export interface ImportTab {
  name: string;
  headers: string[];
  rows: number;
}
export type ImportTarget = 'sessions' | 'blockers' | 'indicators';
export interface ImportRequest {
  tab: string;
  target: ImportTarget;
  /** Field of the target → header of the tab (absent: not imported). */
  mapping: Record<string, string>;
  dryRun: boolean;
  /** An admin's reason: the sessions a quota or a maximum would refuse are imported with it. */
  override?: { reason: string };
}
export interface ImportRowStatus {
  row: number;
  ok: boolean;
  message: string;
}
export interface ImportOutcome {
  dryRun: boolean;
  rows: ImportRowStatus[];
  created: number;
  already: number;
  refused: number;
  /** Rows left for the next run (more than one run takes, or the server asked to slow down). */
  notSent: number;
}

/** Every function a sidebar may call through google.script.run, by name. */
export interface ServerApi {
  loadContext(sidebar: SidebarName, fresh?: boolean): Result<SidebarContext>;
  submitSession(input: SessionInput): Result<{ session: SessionRecord; quota: Quota }>;
  listMySessions(): Result<SessionRecord[]>;
  loadSession(id: string): Result<Versioned<SessionRecord>>;
  updateSession(
    id: string,
    patch: SessionPatch,
    version: string | null,
  ): Result<{ session: SessionRecord; quota?: Quota }>;
  deleteSession(id: string, version: string | null): Result<{ id: string }>;
  listBlockers(territoryId: string): Result<BlockerRecord[]>;
  submitBlocker(input: BlockerInput): Result<BlockerRecord>;
  updateBlocker(id: string, patch: BlockerPatch): Result<BlockerRecord>;
  submitIndicator(input: IndicatorInput): Result<IndicatorRecord>;
  loadWorkshop(id: string): Result<Versioned<WorkshopRecord>>;
  submitWorkshop(input: WorkshopInput): Result<WorkshopRecord>;
  updateWorkshop(id: string, patch: WorkshopPatch, version: string | null): Result<WorkshopRecord>;
  loadAction(id: string): Result<Versioned<ActionRecord>>;
  submitAction(input: ActionInput): Result<ActionRecord>;
  updateAction(id: string, patch: ActionPatch, version: string | null): Result<ActionRecord>;
  loadTerritory(id: string): Result<Versioned<TerritoryRecord>>;
  /** Opens the Diagnostic for a territory with the fields to shorten marked (DOES_NOT_FIT). */
  openDiagnostic(focus: DiagnosticFocus): void;
  submitAssessment(
    territoryId: string,
    input: TerritoryAssessment,
    version?: string | null,
  ): Result<Versioned<TerritoryRecord>>;
  /** `reminders`: what is due from the caller today, and whether it reaches them by e-mail. */
  loadQuotasAndAlerts(): Result<{ quotas: QuotaReport; alerts: AlertRecord[]; reminders?: Reminders }>;
  /** The caller's own choice: the nightly reminders by e-mail or not (PUT /v1/me). */
  saveReminderPreference(on: boolean): Result<Preferences>;
  generateDocument(input: DocumentRequest): Result<DocumentRecord>;
  fileDocument(doc: DocumentRecord): Result<{ tabs: string[] }>;
  listImportableTabs(): Result<ImportTab[]>;
  importTab(request: ImportRequest): Result<ImportOutcome>;
  loadSettings(): Result<{ workerUrl: string; allowlist: string[]; me: Me | null; note?: string }>;
  saveSettings(input: { workerUrl: string }): Result<{ workerUrl: string; me: Me }>;
}
export type ServerFunction = keyof ServerApi;
