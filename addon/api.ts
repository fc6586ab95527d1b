// The contract between the sidebars (browser) and the add-on (Apps Script): the worker's
// records (./records.ts, from shared/api) and what the add-on's own functions take and answer.
// Pure types, so both tsconfigs can read it.
import type * as z from 'zod/mini';
import type {
  DocumentPreview,
  DocumentRequest as DocumentRequestSchema,
  DocumentVersion,
  DocumentWarning,
  ShortenedText,
} from '../shared/api/documents';
import type { QuotaReport } from '../shared/api/quotas';
import type { Snapshot as SnapshotSchema } from '../shared/api/snapshot';
import type { Me } from '../shared/api/system';
import type { SessionKind } from '../shared/schemas';
import type { FieldIssue } from '../shared/schemas/validate';
import type { DocumentRecord, Quota } from './records';

export type * from './records';
export type { DocumentPreview, DocumentVersion, DocumentWarning, ShortenedText };
/** Submit, validate, request changes: the document as it now stands and the version acted on. */
export interface WorkflowAnswer {
  document: DocumentRecord;
  version: DocumentVersion;
}

/** GET /v1/snapshot with the parts asked for (the add-on asks for the parts it reads). */
export type Snapshot = {
  [K in Exclude<keyof SnapshotAnswer, 'next'>]-?: Exclude<SnapshotAnswer[K], undefined>;
};
type SnapshotAnswer = z.output<typeof SnapshotSchema>;

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

/** What the Document sidebar asks the worker to generate (the contract's request, less `status`). */
export type DocumentRequest = Omit<z.input<typeof DocumentRequestSchema>, 'status'>;
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

/** A territory as « Membres » shows it: its consultants and the version to send back. */
export interface TerritoryConsultants {
  id: string;
  name: string;
  consultants: string[];
  version: number | null;
}
