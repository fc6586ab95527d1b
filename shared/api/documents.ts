import * as z from 'zod/mini';
import { Id } from '../schemas/common';
import { Instant } from './authored';

/** The deliverables the worker generates (POST /v1/documents `type`). */
export const DOCUMENT_TYPES = [
  'territory-summary',
  'workshop-sheet',
  'action-sheet',
  'progress-report',
] as const;

/**
 * A generated document: its current version, where it lives (`url`: the Google Doc, or a
 * signed link to the HTML the worker keeps) and how its pages were counted.
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
