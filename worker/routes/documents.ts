import * as z from 'zod/mini';
import { DocumentAnswer, DocumentCreated, DocumentHtml, DocumentList } from '../../shared/api/documents';
import { zonedDate } from '../../shared/dates';
import { LABELS } from '../../shared/i18n/labels';
import { frDate, MSG, typeset } from '../../shared/i18n/messages';
import { Id } from '../../shared/schemas';
import { ALL, WRITERS } from '../auth/policy';
import { getEntity, type Table } from '../db/entities';
import type { ActionData, WorkshopData } from '../db/records';
import { buildActionSheet } from '../documents/action-sheet';
import { SUMMARY_MAX_PAGES } from '../documents/budget';
import { documentLink, presentWithLink, verifyDocumentLink } from '../documents/link';
import { loadRecord } from '../documents/load';
import type { DocumentModel, DocumentType, FieldOverflow, ReportNumber } from '../documents/model';
import { estimatePages } from '../documents/pages';
import { buildProgressReport } from '../documents/progress-report';
import { type Composed, DoesNotFit, type Published, publishToDrive } from '../documents/publish';
import type { Edition, ProgrammeRecord } from '../documents/record';
import { renderHtml } from '../documents/render';
import { DocumentRequest, DOC_MSG as RAW_DOC_MSG } from '../documents/request';
import {
  getDocument,
  getDocumentBySubject,
  getDocumentHtml,
  listDocuments,
  type StoredDocument,
  saveDocument,
} from '../documents/store';
import { fitTerritorySummary, overflowText } from '../documents/territory-summary';
import { buildWorkshopSheet } from '../documents/workshop-sheet';
import { Docs, docsOptions } from '../google/docs';
import { Drive, driveOptions, SERVICE_ACCOUNT_DRIVE_SCOPE } from '../google/drive';
import { CallLog, GoogleError } from '../google/http';
import { ServiceAccountKeyError, serviceAccountKey, serviceAccountToken } from '../google/service-account';
import { ApiError, fieldError } from '../http/errors';
import { created, route } from '../http/route';
import { layoutRatio } from '../ops/calibration';
import { auditContext, type Ctx, newId, writableTerritory } from './context';

/** The content helper's messages, set in French typography like every message users read. */
const DOC_MSG = typeset(RAW_DOC_MSG);

/** What a request asks for: the subject's key, its territory and how to compose it. */
interface Plan {
  type: DocumentType;
  subject: string;
  territoryId: string | null;
  limited: boolean;
  compose: (
    r: ProgrammeRecord,
    ed: { date: string; version: number },
    fromLevel: number,
    maxEstimate?: number,
  ) => Composed;
}

/** Who asked, for which day and status: the document's edition (checked against the programme). */
function editionOf(c: Ctx, body: DocumentRequest) {
  const user = c.get('user');
  if (body.status === 'validated' && user.role !== 'admin')
    throw new ApiError('FORBIDDEN', DOC_MSG.validatedAdminOnly);
  return (r: ProgrammeRecord, ed: { date: string; version: number }): Edition => {
    const asOf = body.asOf ?? ed.date;
    if (asOf > ed.date) throw fieldError('asOf', DOC_MSG.asOfFuture(frDate(ed.date)));
    if (asOf < r.programme.startDate)
      throw fieldError('asOf', DOC_MSG.asOfBeforeStart(frDate(r.programme.startDate)));
    return {
      ...ed,
      asOf,
      status: body.status ?? 'draft',
      author: `${user.email} — ${LABELS.role[user.role]}`,
    };
  };
}

type EditionOf = ReturnType<typeof editionOf>;

async function summaryPlan(c: Ctx, territoryId: string | undefined, edition: EditionOf): Promise<Plan> {
  if (!territoryId) throw fieldError('territoryId', DOC_MSG.territoryRequired);
  const t = await writableTerritory(c, territoryId);
  return {
    type: 'territory-summary',
    subject: `territory-summary:${t.id}`,
    territoryId: t.id,
    limited: true,
    compose: (r, ed, from, max) => {
      const rec = r.territories.find((x) => x.id === t.id)!;
      const fit = fitTerritorySummary(r, rec, edition(r, ed), from, max);
      // Never a summary of 5 pages or more: when even the tightest budget is estimated
      // over the limit, say which texts to shorten. With a smaller allowance (Google
      // counted 5 pages), the tightest version goes back to the page loop, which counts
      // it again; `fit.overflow` is what to answer if Google still counts 5.
      if (!fit.fits && (max === undefined || max >= SUMMARY_MAX_PAGES)) throw doesNotFit(fit.overflow);
      return fit;
    },
  };
}

/** A sheet of one record (a workshop, an action): written by those who write for its territory. */
async function sheetPlan<T>(
  c: Ctx,
  edition: EditionOf,
  k: {
    type: 'workshop-sheet' | 'action-sheet';
    table: Table;
    id: string;
    label: string;
    territoryOf: (data: T) => string;
    build: (r: ProgrammeRecord, id: string, ed: Edition) => DocumentModel;
  },
): Promise<Plan> {
  const stored = await getEntity<T>(c.env.DB, k.table, k.id);
  if (!stored) throw new ApiError('NOT_FOUND', MSG.notFound(k.label));
  const territoryId = k.territoryOf(stored.data);
  await writableTerritory(c, territoryId);
  return {
    type: k.type,
    subject: `${k.type}:${stored.id}`,
    territoryId,
    limited: false,
    compose: (r, ed) => ({ doc: k.build(r, stored.id, edition(r, ed)), level: null }),
  };
}

async function plan(c: Ctx, body: DocumentRequest): Promise<Plan> {
  const edition = editionOf(c, body);
  switch (body.type) {
    case 'territory-summary':
      return summaryPlan(c, body.territoryId, edition);
    case 'workshop-sheet':
      if (!body.workshopId) throw fieldError('workshopId', DOC_MSG.workshopRequired);
      return sheetPlan<WorkshopData>(c, edition, {
        type: body.type,
        table: 'workshops',
        id: body.workshopId,
        label: 'Atelier',
        territoryOf: (w) => w.hostTerritoryId,
        build: (r, id, ed) => buildWorkshopSheet(r, r.workshops.find((x) => x.id === id)!, ed),
      });
    case 'action-sheet':
      if (!body.actionId) throw fieldError('actionId', DOC_MSG.actionRequired);
      return sheetPlan<ActionData>(c, edition, {
        type: body.type,
        table: 'actions',
        id: body.actionId,
        label: 'Fiche action',
        territoryOf: (a) => a.territoryId,
        build: (r, id, ed) => buildActionSheet(r, r.actions.find((x) => x.id === id)!, ed),
      });
    case 'progress-report': {
      if (body.report === undefined) throw fieldError('report', DOC_MSG.reportRequired);
      // Programme-wide: any writer (ADEME staff or the AMO's consultants, who write them).
      const n = String(body.report) as ReportNumber;
      return {
        type: body.type,
        subject: `progress-report:${n}`,
        territoryId: null,
        limited: false,
        compose: (r, ed) => ({ doc: buildProgressReport(r, n, edition(r, ed)), level: null }),
      };
    }
  }
}

/** A summary that cannot be brought under 5 pages: what to shorten, and by how much. */
const doesNotFit = (overflow: readonly FieldOverflow[]) =>
  new ApiError('DOES_NOT_FIT', DOC_MSG.doesNotFit(overflowText(overflow)), { fields: overflow });

/** Logs a Google-side failure for the operators: what failed, never a token or a key. */
function logGoogle(c: Ctx, event: string, detail: Record<string, unknown> = {}) {
  console.error(JSON.stringify({ level: 'error', requestId: c.get('requestId'), event, ...detail }));
}

/**
 * The account that writes the Google Docs: the service account (its key configured) in the
 * programme's Shared Drive; the add-on's forwarded user token only where
 * `DOCUMENTS_USER_TOKEN_FALLBACK=true` and no service account is configured; else none (the
 * worker keeps the document: the local default).
 */
async function googleAccess(
  c: Ctx,
  log: CallLog,
): Promise<{ token: string; folderId?: string | undefined } | null> {
  try {
    if (serviceAccountKey(c.env)) {
      // A service account owns no storage: outside a Shared Drive, Google refuses the upload.
      if (!c.env.DRIVE_FOLDER_ID) {
        logGoogle(c, 'documents-drive-folder-missing');
        throw new ApiError('UPSTREAM_FAILED', MSG.driveFolderMissing);
      }
      const token = await serviceAccountToken(c.env, [SERVICE_ACCOUNT_DRIVE_SCOPE], log);
      return token ? { token, folderId: c.env.DRIVE_FOLDER_ID } : null;
    }
  } catch (err) {
    throw googleFailure(c, err);
  }
  const user = c.req.header('x-google-access-token')?.trim();
  if (user && c.env.DOCUMENTS_USER_TOKEN_FALLBACK === 'true') {
    return { token: user, folderId: c.env.DRIVE_FOLDER_ID || undefined };
  }
  return null;
}

/** A Google failure as the API answers it: 502 in French, the cause logged. */
function googleFailure(c: Ctx, err: unknown): unknown {
  if (err instanceof ServiceAccountKeyError) {
    logGoogle(c, 'service-account-key-malformed', { problem: err.problem });
    return new ApiError('UPSTREAM_FAILED', MSG.serviceAccountKeyInvalid);
  }
  if (!(err instanceof GoogleError)) return err;
  logGoogle(c, 'google-call-failed', { status: err.status, reason: err.reason, what: err.message });
  if (err.reason === 'storageQuotaExceeded') return new ApiError('UPSTREAM_FAILED', MSG.sharedDriveRequired);
  if (err.reason === 'folderNotFound') return new ApiError('UPSTREAM_FAILED', MSG.driveFolderInaccessible);
  return new ApiError('UPSTREAM_FAILED', MSG.upstream);
}

interface Result {
  html: string;
  doc: DocumentModel;
  pages: number;
  level: number | null;
  google: Published | null;
}

/** The local default: the worker keeps the HTML; `pages` is the layout estimate (pages.ts). */
function keepLocally(compose: (from: number, max?: number) => Composed): Result {
  const { doc, level } = compose(0);
  return { doc, html: renderHtml(doc), pages: estimatePages(doc), level, google: null };
}

async function generate(c: Ctx, { body }: { body: DocumentRequest }) {
  const db = c.env.DB;
  const p = await plan(c, body);
  const [record, previous] = await Promise.all([loadRecord(db), getDocumentBySubject(db, p.subject)]);
  const ed = {
    date: zonedDate(new Date(), record.programme.timezone),
    version: (previous?.version ?? 0) + 1,
  };
  const compose = (from: number, max?: number): Composed => p.compose(record, ed, from, max);
  const id = previous?.id ?? newId();
  const log = new CallLog();
  const access = await googleAccess(c, log);
  let drive: Drive | null = null;
  let result: Result;
  if (access) {
    drive = new Drive(driveOptions(c.env, access.token, log));
    const docs = new Docs(docsOptions(c.env, access.token, log));
    try {
      const pub = await publishToDrive(drive, docs, compose, {
        name: (doc) => doc.title,
        folderId: access.folderId,
        limited: p.limited,
        layoutRatio: await layoutRatio(db),
        previous: previous?.googleDocId
          ? {
              googleDocId: previous.googleDocId,
              driveModifiedTime: previous.driveModifiedTime,
              driveWriter: previous.driveWriter,
              title: previous.title,
              html: () => getDocumentHtml(db, previous.id),
            }
          : null,
      });
      result = { ...pub, google: pub };
    } catch (err) {
      if (err instanceof DoesNotFit) throw doesNotFit(err.overflow);
      throw googleFailure(c, err);
    }
  } else result = keepLocally(compose);
  const saved = await save(c, { id, p, ed, previous, result });
  if (!saved) {
    if (drive && result.google?.created) await drive.deleteFile(result.google.googleDocId);
    throw new ApiError('CONFLICT', DOC_MSG.concurrent);
  }
  if (access) c.header('x-google-calls', String(log.calls));
  const shown = await presentWithLink(c.env, (await getDocument(db, id))!);
  const kept = result.google?.keptEditedDocId;
  return c.json(kept ? { ...shown, notice: MSG.keptEditedDoc, previousGoogleDocId: kept } : shown, 201);
}

async function save(
  c: Ctx,
  a: { id: string; p: Plan; ed: { version: number }; previous: StoredDocument | null; result: Result },
) {
  const g = a.result.google;
  // A version kept locally remembers the subject's Google Doc (and what the worker last wrote
  // there), so the next Google generation still updates it in place rather than starting a copy.
  const keep = g ? null : a.previous;
  return saveDocument(c.env.DB, auditContext(c), {
    id: a.id,
    type: a.p.type,
    subject: a.p.subject,
    territoryId: a.p.territoryId,
    title: a.result.doc.title,
    version: a.ed.version,
    pages: a.result.pages,
    pagesCountedBy: g ? 'google-pdf' : 'estimate',
    budgetLevel: a.result.level,
    googleDocId: g?.googleDocId ?? keep?.googleDocId ?? null,
    url: g?.url ?? (await documentLink(c.env, a.id)),
    driveVersion: g?.drive.version ?? keep?.driveVersion ?? null,
    driveModifiedTime: g?.drive.modifiedTime ?? keep?.driveModifiedTime ?? null,
    driveWriter: g?.drive.writer ?? keep?.driveWriter ?? null,
    html: a.result.html,
  });
}

type ById = { params: { id: string } };

const docOr404 = async (c: Ctx, id: string) => {
  const d = await getDocument(c.env.DB, id);
  if (!d) throw new ApiError('NOT_FOUND', MSG.notFound('Document'));
  return d;
};

async function htmlResponse(c: Ctx, id: string) {
  const html = await getDocumentHtml(c.env.DB, id);
  if (html === null) throw new ApiError('NOT_FOUND', MSG.notFound('Document'));
  return c.body(html, 200, {
    'content-type': 'text/html; charset=utf-8',
    // The page is static: no script may run in it, whatever a field contains.
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
    'x-content-type-options': 'nosniff',
    // A signed link must not travel further (no Referer) nor sit in a shared cache.
    'referrer-policy': 'no-referrer',
    'cache-control': 'private, no-store',
  });
}

const documentHtml = (c: Ctx, { params }: ById) => htmlResponse(c, params.id);

const SignedLink = z.object({ expires: z.optional(z.string()), signature: z.optional(z.string()) });

/** The HTML by signed link: no identity needed, a valid unexpired signature instead. */
async function signedDocumentHtml(c: Ctx, { query, params }: ById & { query: z.infer<typeof SignedLink> }) {
  const { id } = params;
  if (!(await verifyDocumentLink(c.env, id, query.expires, query.signature)))
    throw new ApiError('FORBIDDEN', MSG.linkExpired);
  return htmlResponse(c, id);
}

const DocumentFilters = z.object({ territoryId: z.optional(Id) });

async function listAll(c: Ctx, { query }: { query: z.infer<typeof DocumentFilters> }) {
  const list = await listDocuments(c.env.DB, query.territoryId);
  return c.json({ documents: await Promise.all(list.map((d) => presentWithLink(c.env, d))) });
}

const readDocument = async (c: Ctx, { params }: ById) =>
  c.json(await presentWithLink(c.env, await docOr404(c, params.id)));

const GENERATE = created(DocumentRequest);
const HTML = { mediaType: 'text/html; charset=utf-8' } as const;
const SIGNED = 'Le document rendu, par lien signé et limité dans le temps (sans identité)';

export const documentRoutes = [
  route('GET /v1/documents', ALL, 'Lister les documents générés', DocumentList, listAll, {
    query: DocumentFilters,
  }),
  route('POST /v1/documents', WRITERS, 'Générer un livrable', DocumentCreated, generate, GENERATE),
  route('GET /v1/documents/:id', ALL, 'Lire un document', DocumentAnswer, readDocument),
  route('GET /v1/documents/:id/html', ALL, 'Le document rendu (text/html)', DocumentHtml, documentHtml, HTML),
  // A signed, expiring link (worker/documents/link.ts) stands for the identity.
  route('GET /v1/documents/:id/html/signed', 'public', SIGNED, DocumentHtml, signedDocumentHtml, {
    ...HTML,
    query: SignedLink,
  }),
];
