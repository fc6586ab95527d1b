import * as z from 'zod/mini';
import { SUBJECT_TYPES, WARNING_CODES } from '../documents/consistency';
import { Id, IsoDate } from '../schemas/common';
import { Instant } from './authored';

/** The answers of the documents' routes (worker/routes/documents.ts, document-workflow.ts). */

/** The deliverables the worker generates (POST /v1/documents `type`). */
export const DOCUMENT_TYPES = [
  'territory-summary',
  'workshop-sheet',
  'action-sheet',
  'progress-report',
] as const;
export const DOCUMENT_STATUSES = ['draft', 'submitted', 'validated', 'changes-requested'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

/**
 * `POST /v1/documents` (and its preview). `report` accepts 1, 2, "1", "2" or "final" (the
 * contract writes them bare). `asOf` freezes the record at a day (a phase cut-off): that
 * document is its own subject. `status` (v1.1) may only be `draft`: a version is validated by
 * the workflow (submit, then validate), never at its generation.
 */
export const DocumentRequest = z.strictObject({
  type: z.enum(DOCUMENT_TYPES),
  territoryId: z.optional(Id),
  workshopId: z.optional(Id),
  actionId: z.optional(Id),
  report: z.optional(z.union([z.literal(1), z.literal(2), z.enum(['1', '2', 'final'])])),
  asOf: z.optional(IsoDate),
  status: z.optional(z.enum(['draft', 'validated'])),
});
export type DocumentRequest = z.infer<typeof DocumentRequest>;

export const Subject = z.object({ type: z.enum(SUBJECT_TYPES), id: z.string() });

/** A consistency check that found something to fix (shared/documents/consistency.ts). */
export const DocumentWarning = z.object({
  code: z.enum(WARNING_CODES),
  message: z.string(),
  subject: Subject,
  field: z.optional(z.string()),
});
export type DocumentWarning = z.infer<typeof DocumentWarning>;

/** A text the page fitter printed shorter than written, in characters. */
export const ShortenedText = z.object({
  field: z.string(),
  label: z.string(),
  from: z.number(),
  to: z.number(),
  subject: z.optional(Subject),
});
export type ShortenedText = z.infer<typeof ShortenedText>;

export const Share = z.object({
  email: z.string(),
  role: z.enum(['reader', 'commenter']),
  at: z.string(),
  by: z.string(),
  /** Whether Google was asked (a Drive permission and its e-mail), or the worker only recorded it. */
  drive: z.boolean(),
});

/**
 * A generated document: its live version, where it lives (`url`: the Google Doc, or a signed
 * link to the HTML the worker keeps), how its pages were counted, its workflow status, its
 * consistency warnings and condensed texts, and whom it was shared with.
 */
export const DocumentAnswer = z.strictObject({
  id: Id,
  type: z.enum(DOCUMENT_TYPES),
  title: z.string(),
  pages: z.int(),
  pagesCountedBy: z.enum(['google-pdf', 'estimate']),
  url: z.string(),
  /** Only when this version is the Google Doc's content. */
  googleDocId: z.optional(z.string()),
  territoryId: z.nullable(Id),
  subject: z.string(),
  version: z.int(),
  /** The live version's workflow status. */
  status: z.enum(DOCUMENT_STATUSES),
  /** A document generated as of a past date: that date (its own subject, apart from the live one). */
  asOf: z.nullable(z.string()),
  warnings: z.array(DocumentWarning),
  shortened: z.array(ShortenedText),
  sharedWith: z.array(Share),
  createdAt: Instant,
  createdBy: z.string(),
  updatedAt: Instant,
  updatedBy: z.string(),
});
export type DocumentAnswer = z.output<typeof DocumentAnswer>;

/**
 * POST /v1/documents: the new version; `notice` and `previousGoogleDocId` when a person had
 * edited the previous Google Doc, which is kept as it is beside the new one.
 */
export const DocumentCreated = z.strictObject({
  ...DocumentAnswer.shape,
  notice: z.optional(z.string()),
  previousGoogleDocId: z.optional(z.string()),
});

export const DocumentList = z.strictObject({ documents: z.array(DocumentAnswer) });

/** GET /v1/documents/:id/html(/signed): the rendered document, a static page without script. */
export const DocumentHtml = z.string().check(z.describe('Le document rendu (HTML, sans script)'));

/** One version of a document (`GET /v1/documents/:id/versions`). */
export const DocumentVersion = z.object({
  version: z.number(),
  status: z.enum(DOCUMENT_STATUSES),
  asOf: z.string(),
  title: z.string(),
  pages: z.number(),
  generatedAt: z.string(),
  generatedBy: z.string(),
  /** Who submitted it: the deliverable's author. */
  author: z.nullable(z.string()),
  submittedAt: z.nullable(z.string()),
  /** The admin who validated it or asked for changes, when, and why. */
  validator: z.nullable(z.string()),
  validatedAt: z.nullable(z.string()),
  reviewComment: z.nullable(z.string()),
  warnings: z.array(DocumentWarning),
  shortened: z.array(ShortenedText),
  /** What was acknowledged at submission (warning codes). */
  acknowledged: z.array(z.string()),
  /** The frozen file: a PDF in Drive, or the worker's frozen HTML (a signed link). */
  pdfUrl: z.nullable(z.string()),
  htmlUrl: z.nullable(z.string()),
  sha256: z.nullable(z.string()),
});
export type DocumentVersion = z.infer<typeof DocumentVersion>;

export const DocumentVersions = z.object({ id: z.string(), versions: z.array(DocumentVersion) });

/** Submit, validate, request changes: the document as it now stands, and the version acted on. */
export const DocumentWorkflowAnswer = z.object({ document: DocumentAnswer, version: DocumentVersion });

/** `POST /v1/documents/preview`: what a generation would give, nothing stored. */
export const DocumentPreview = z.object({
  title: z.string(),
  pages: z.number(),
  pagesCountedBy: z.literal('estimate'),
  warnings: z.array(DocumentWarning),
  shortened: z.array(ShortenedText),
  /** The first page as a self-contained HTML page (the identification and what follows it). */
  firstPage: z.string(),
});
export type DocumentPreview = z.infer<typeof DocumentPreview>;
