import { Hono } from 'hono';
import { MSG, typeset } from '../../shared/i18n/messages';
import { getEntity } from '../db/entities';
import { buildActionSheet } from '../documents/action-sheet';
import { SUMMARY_MAX_PAGES } from '../documents/budget';
import { documentLink, presentWithLink, verifyDocumentLink } from '../documents/link';
import { loadRecord } from '../documents/load';
import type { DocumentModel, DocumentType, FieldOverflow, ReportNumber } from '../documents/model';
import { estimatePages } from '../documents/pages';
import { buildProgressReport } from '../documents/progress-report';
import { type Composed, DoesNotFit, type Published, publishToDrive } from '../documents/publish';
import type { ProgrammeRecord } from '../documents/record';
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
import { fitTerritorySummary } from '../documents/territory-summary';
import { buildWorkshopSheet } from '../documents/workshop-sheet';
import type { AppEnv } from '../env';
import { Docs, docsOptions } from '../google/docs';
import { Drive, driveOptions, SERVICE_ACCOUNT_DRIVE_SCOPE } from '../google/drive';
import { CallLog, GoogleError } from '../google/http';
import { ServiceAccountKeyError, serviceAccountKey, serviceAccountToken } from '../google/service-account';
import { readBody } from '../http/body';
import { ApiError, fieldError } from '../http/errors';
import type { ActionData } from './actions';
import { auditContext, type Ctx, newId, q, writableTerritory } from './context';
import type { WorkshopData } from './workshops';

export { presentDocument } from '../documents/store';

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

/** A territory summary at the loosest budget from `from` on whose estimate fits `max` pages. */
function composeSummary(
  r: ProgrammeRecord,
  territoryId: string,
  ed: { date: string; version: number },
  from: number,
  max?: number,
): Composed {
  const rec = r.territories.find((x) => x.id === territoryId)!;
  // `fits` and `overflow` come with the content helper's fitter; absent, it fits.
  const fit: { doc: DocumentModel; level: number; estimatedPages: number } & {
    fits?: boolean;
    overflow?: readonly FieldOverflow[];
  } = fitTerritorySummary(r, rec, ed, from, max);
  return {
    doc: fit.doc,
    level: fit.level,
    estimatedPages: fit.estimatedPages,
    fits: fit.fits,
    overflow: fit.overflow,
  };
}

async function plan(c: Ctx, body: DocumentRequest): Promise<Plan> {
  const db = c.env.DB;
  switch (body.type) {
    case 'territory-summary': {
      if (!body.territoryId) throw fieldError('territoryId', DOC_MSG.territoryRequired);
      const t = await writableTerritory(c, body.territoryId);
      return {
        type: body.type,
        subject: `territory-summary:${t.id}`,
        territoryId: t.id,
        limited: true,
        compose: (r, ed, from, max) => composeSummary(r, t.id, ed, from, max),
      };
    }
    case 'workshop-sheet': {
      if (!body.workshopId) throw fieldError('workshopId', DOC_MSG.workshopRequired);
      const w = await getEntity<WorkshopData>(db, 'workshops', body.workshopId);
      if (!w) throw new ApiError('NOT_FOUND', MSG.notFound('Atelier'));
      await writableTerritory(c, w.data.hostTerritoryId);
      return {
        type: body.type,
        subject: `workshop-sheet:${w.id}`,
        territoryId: w.data.hostTerritoryId,
        limited: false,
        compose: (r, ed) => ({
          doc: buildWorkshopSheet(r, r.workshops.find((x) => x.id === w.id)!, ed),
          level: null,
        }),
      };
    }
    case 'action-sheet': {
      if (!body.actionId) throw fieldError('actionId', DOC_MSG.actionRequired);
      const a = await getEntity<ActionData>(db, 'actions', body.actionId);
      if (!a) throw new ApiError('NOT_FOUND', MSG.notFound('Fiche action'));
      await writableTerritory(c, a.data.territoryId);
      return {
        type: body.type,
        subject: `action-sheet:${a.id}`,
        territoryId: a.data.territoryId,
        limited: false,
        compose: (r, ed) => ({
          doc: buildActionSheet(r, r.actions.find((x) => x.id === a.id)!, ed),
          level: null,
        }),
      };
    }
    case 'progress-report': {
      if (body.report === undefined) throw fieldError('report', DOC_MSG.reportRequired);
      // Programme-wide: any writer (ADEME staff or the AMO's consultants, who write them).
      const n = String(body.report) as ReportNumber;
      return {
        type: body.type,
        subject: `progress-report:${n}`,
        territoryId: null,
        limited: false,
        compose: (r, ed) => ({ doc: buildProgressReport(r, n, ed), level: null }),
      };
    }
  }
}

/** Today in the programme's time zone, as printed on the document. */
const today = (timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(),
  );

/**
 * What the document is, when its builder did not say: ADEME Occitanie's consultation, the
 * programme, the contractor, who generated this version and when. Builders that know better
 * (the subject's wording, a validated status, an `asOf` cut-off) set their own.
 */
function identified(
  doc: DocumentModel,
  r: ProgrammeRecord,
  author: string,
  ed: { date: string; version: number },
) {
  if (doc.identification) return doc;
  return {
    ...doc,
    identification: {
      authority: 'ADEME — Direction régionale Occitanie',
      consultation: 'Consultation n° 2024001672',
      programme: r.programme.name,
      contractor: 'Titulaire du marché d’assistance à maîtrise d’ouvrage (AMO)',
      subject: doc.title,
      author,
      version: ed.version,
      status: 'draft' as const,
      asOf: ed.date,
      generatedOn: ed.date,
    },
  };
}

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
async function googleAccess(c: Ctx, log: CallLog): Promise<{ token: string; folderId?: string } | null> {
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

const doesNotFit = (overflow: readonly FieldOverflow[]) =>
  new ApiError('DOES_NOT_FIT', MSG.doesNotFit(SUMMARY_MAX_PAGES + 1), { fields: overflow });

interface Result {
  html: string;
  doc: DocumentModel;
  pages: number;
  level: number | null;
  google: Published | null;
}

/** The local default: the worker keeps the HTML; `pages` is the layout estimate (pages.ts). */
function keepLocally(compose: (from: number, max?: number) => Composed, limited: boolean): Result {
  const { doc, level, fits, overflow } = compose(0);
  if (limited && fits === false) throw doesNotFit(overflow ?? []);
  return { doc, html: renderHtml(doc), pages: estimatePages(doc), level, google: null };
}

async function generate(c: Ctx, body: DocumentRequest) {
  const db = c.env.DB;
  const p = await plan(c, body);
  const [record, previous] = await Promise.all([loadRecord(db), getDocumentBySubject(db, p.subject)]);
  const ed = { date: today(record.programme.timezone), version: (previous?.version ?? 0) + 1 };
  const author = c.get('user').email;
  const compose = (from: number, max?: number): Composed => {
    const composed = p.compose(record, ed, from, max);
    return { ...composed, doc: identified(composed.doc, record, author, ed) };
  };
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
  } else result = keepLocally(compose, p.limited);
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

const docOr404 = async (c: Ctx) => {
  const d = await getDocument(c.env.DB, c.req.param('id') ?? '');
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

const documentHtml = (c: Ctx) => htmlResponse(c, c.req.param('id') ?? '');

/** The HTML by signed link: no identity needed, a valid unexpired signature instead. */
async function signedDocumentHtml(c: Ctx) {
  const id = c.req.param('id') ?? '';
  if (!(await verifyDocumentLink(c.env, id, c.req.query('expires'), c.req.query('signature'))))
    throw new ApiError('FORBIDDEN', MSG.linkExpired);
  return htmlResponse(c, id);
}

export const documents = new Hono<AppEnv>()
  .get('/', async (c) => {
    const list = await listDocuments(c.env.DB, q(c, 'territoryId'));
    return c.json({ documents: await Promise.all(list.map((d) => presentWithLink(c.env, d))) });
  })

  .post('/', async (c) => generate(c, await readBody(c, DocumentRequest)))

  .get('/:id', async (c) => c.json(await presentWithLink(c.env, await docOr404(c))))

  .get('/:id/html', documentHtml)

  .get('/:id/html/signed', signedDocumentHtml);
