// The contract between the sidebars (browser) and the add-on (Apps Script): what each
// server function takes and returns. Pure types, so both tsconfigs can read it.

import type { AuditEntry } from '../shared/api/audit';
import type {
  DocumentPreview,
  DocumentAnswer as DocumentState,
  DocumentVersion,
  DocumentWarning,
  ShortenedText,
} from '../shared/api/documents';
import type { MemberAnswer, MemberList } from '../shared/api/members';
import type { Quota, QuotaReport } from '../shared/quotas/rules';
import type {
  ActionInput,
  ActionPatch,
  BlockerInput,
  BlockerPatch,
  IndicatorInput,
  MemberInput,
  ProgrammeAssessment,
  Role,
  SessionInput,
  SessionKind,
  SessionPatch,
  StoredAssessment,
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
  createdAt?: string;
  createdBy?: string;
  updatedAt?: string;
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
  createdAt?: string;
  createdBy?: string;
  updatedAt?: string;
  /** Issue 17: the live version's workflow status, its consistency warnings and condensed texts. */
  status?: DocumentState['status'];
  asOf?: string | null;
  warnings?: DocumentWarning[];
  shortened?: ShortenedText[];
  sharedWith?: DocumentState['sharedWith'];
}
export type { DocumentPreview, DocumentVersion, DocumentWarning, ShortenedText };
/** Submit, validate, request changes: the document as it now stands and the version acted on. */
export interface WorkflowAnswer {
  document: DocumentRecord;
  version: DocumentVersion;
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
  /** Members with a display name (asked with `parts=…,people`). */
  people?: { email: string; name: string }[];
}
/** GET /v1/me: who is calling and the territories they may write for. */
export interface Me {
  email: string;
  /** The display name an admin gave (null: shown by e-mail). */
  name?: string | null;
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
/**
 * What to show when a sidebar opens on a record to fix: the territory (Diagnostic), or the
 * record (`recordId`: a workshop, an action, a blocker), and the issues beside its fields.
 */
export interface DiagnosticFocus {
  territoryId: string;
  issues: FieldIssue[];
  recordId?: string;
}
/** A record a document's warning names: what « Corriger » opens (shared/documents/consistency.ts). */
export interface RecordToFix {
  type: DocumentWarning['subject']['type'];
  id: string;
  field?: string | undefined;
  message: string;
}

/** What a sidebar knows when it opens: inlined in its page when the add-on builds it. */
export interface SidebarContext {
  me: Me;
  report: QuotaReport;
  /** Today in Paris (YYYY-MM-DD): the default date of a new entry. */
  today: string;
  minutesPerDay: number;
  /** The longest session each capped kind allows, by the programme's rules (absent: no cap). */
  maxMinutes?: Partial<Record<SessionKind, number>>;
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
  | 'parametres'
  | 'compte'
  | 'membres'
  | 'historique'
  | 'syntheses';

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
}

/** A territory as « Membres » shows it: its consultants and the version to send back. */
export interface TerritoryConsultants {
  id: string;
  name: string;
  consultants: string[];
  version: number | null;
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
  deleteSession(id: string, version: string | null): Result<{ id: string; quota?: Quota }>;
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
  loadQuotasAndAlerts(): Result<{ quotas: QuotaReport; alerts: AlertRecord[] }>;
  generateDocument(input: DocumentRequest): Result<DocumentRecord>;
  fileDocument(doc: DocumentRecord): Result<{ tabs: string[] }>;
  /** Issue 17: the first page and warnings before generating, the workflow, versions, sharing. */
  previewDocument(input: DocumentRequest): Result<DocumentPreview>;
  submitDocument(id: string, acknowledge: string[]): Result<WorkflowAnswer>;
  validateDocument(id: string): Result<WorkflowAnswer>;
  requestDocumentChanges(id: string, comment: string): Result<WorkflowAnswer>;
  listDocumentVersions(id: string): Result<{ id: string; versions: DocumentVersion[] }>;
  shareDocument(id: string, to: 'territory' | string[], role: 'reader' | 'commenter'): Result<DocumentRecord>;
  /** Opens the sidebar that edits the record a warning names, the field to fix marked. */
  openRecordForm(record: RecordToFix): void;
  /** The programme's syntheses (report 1, report 2, final COPIL, critical view), read and saved. */
  loadProgrammeTexts(): Result<Versioned<StoredAssessment>>;
  saveProgrammeTexts(input: ProgrammeAssessment, version: string | null): Result<Versioned<StoredAssessment>>;
  listImportableTabs(): Result<ImportTab[]>;
  importTab(request: ImportRequest): Result<ImportOutcome>;
  /** The history of one record (GET /v1/audit?entity=&id=), its actors named. */
  loadHistory(
    entity: string,
    id: string,
  ): Result<{ entries: AuditEntry[]; more: boolean; people: Record<string, string> }>;
  /** Opens a sidebar of the table (« Voir la ligne sélectionnée » reopens the history). */
  openSidebar(name: SidebarName): void;
  loadMembers(): Result<{ members: MemberList['members']; territories: TerritoryConsultants[] }>;
  saveMember(input: MemberInput, version?: string | null): Result<MemberAnswer>;
  removeMember(email: string): Result<{ email: string; deleted: true }>;
  saveConsultants(
    territoryId: string,
    consultants: string[],
    version: string | null,
  ): Result<TerritoryRecord>;
  loadSettings(): Result<{ workerUrl: string; allowlist: string[]; me: Me | null; note?: string }>;
  saveSettings(input: { workerUrl: string }): Result<{ workerUrl: string; me: Me }>;
}
export type ServerFunction = keyof ServerApi;
