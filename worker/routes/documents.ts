import * as z from 'zod/mini';
import {
  DocumentAnswer,
  DocumentCreated,
  DocumentHtml,
  DocumentList,
  DocumentPreview,
} from '../../shared/api/documents';
import { zonedDate } from '../../shared/dates';
import { MSG } from '../../shared/i18n/messages';
import { Id } from '../../shared/schemas';
import { ALL, WRITERS } from '../auth/policy';
import { runQueries } from '../db/query';
import { getTerritory, listTerritoriesQuery } from '../db/territories';
import { documentLink, type PersonalScope, presentWithLink, verifyDocumentLink } from '../documents/link';
import { loadRecord } from '../documents/load';
import { estimatePages, firstPage } from '../documents/pages';
import { personalScopeOf, withoutPersonalData } from '../documents/personal';
import { type Composed, DoesNotFit, type Published, publishToDrive } from '../documents/publish';
import { renderHtml } from '../documents/render';
import { DocumentRequest } from '../documents/request';
import {
  getDocument,
  getDocumentBySubject,
  getDocumentHtml,
  listDocuments,
  listDocumentsQuery,
  type StoredDocument,
  saveDocument,
} from '../documents/store';
import { ApiError } from '../http/errors';
import { created, route } from '../http/route';
import { layoutRatio } from '../ops/calibration';
import { auditContext, type Ctx, newId } from './context';
import { type GoogleSide, googleFailure, googleSide, reportCalls } from './document-google';
import { DOC_MSG, datedPlan, doesNotFit, plan, warningsOf } from './document-plan';

interface Result {
  html: string;
  composed: Composed;
  pages: number;
  google: Published | null;
}

/** The local default: the worker keeps the HTML; `pages` is the layout estimate (pages.ts). */
function keepLocally(compose: (from: number, max?: number) => Composed): Result {
  const composed = compose(0);
  return { composed, html: renderHtml(composed.doc), pages: estimatePages(composed.doc), google: null };
}

/** The record, the plan dated as asked, the stored subject and this generation's edition. */
async function prepare(c: Ctx, body: DocumentRequest) {
  const db = c.env.DB;
  const record = await loadRecord(db);
  const today = zonedDate(new Date(), record.programme.timezone);
  const p = datedPlan(await plan(c, body), body.asOf, today);
  const previous = await getDocumentBySubject(db, p.subject);
  const ed = { date: today, version: (previous?.version ?? 0) + 1 };
  const compose = (from: number, max?: number): Composed => p.compose(record, ed, from, max);
  return { record, p, previous, ed, compose, asOf: body.asOf ?? today };
}

/**
 * The personal data the caller may read in a document of `territoryId` (documents/personal.ts):
 * ADEME reads it all without a read; a consultant's depends on the territory's consultants.
 */
export async function personalScope(c: Ctx, territoryId: string | null): Promise<PersonalScope> {
  const user = c.get('user');
  if (user.role !== 'consultant') return 'all';
  return personalScopeOf(user, territoryId ? await getTerritory(c.env.DB, territoryId) : null);
}

/** A document as the API returns it, its link signed for the caller's `scope` (personalScope). */
export const present = (c: Ctx, d: StoredDocument, scope: PersonalScope) => presentWithLink(c.env, d, scope);

async function publish(
  c: Ctx,
  x: Awaited<ReturnType<typeof prepare>>,
  g: GoogleSide | null,
): Promise<Result> {
  if (!g) return keepLocally(x.compose);
  const prev = x.previous;
  try {
    const pub = await publishToDrive(g.drive, g.docs, x.compose, {
      name: (doc) => doc.title,
      folderId: g.folderId,
      limited: x.p.limited,
      // Only a page-limited document aims by Google's measured layout.
      layoutRatio: x.p.limited ? await layoutRatio(c.env.DB) : null,
      previous: prev?.googleDocId
        ? {
            googleDocId: prev.googleDocId,
            driveModifiedTime: prev.driveModifiedTime,
            driveWriter: prev.driveWriter,
            title: prev.title,
            html: () => getDocumentHtml(c.env.DB, prev.id),
          }
        : null,
    });
    reportCalls(c, g);
    return { composed: pub.composed, html: pub.html, pages: pub.pages, google: pub };
  } catch (err) {
    if (err instanceof DoesNotFit) throw doesNotFit(err.overflow);
    throw googleFailure(c, err);
  }
}

/**
 * POST /v1/documents: builds, lays out (Google Docs in production), stores a new draft
 * version with its consistency warnings and what the fitter condensed.
 */
async function generate(c: Ctx, { body }: { body: DocumentRequest }) {
  const x = await prepare(c, body);
  const id = x.previous?.id ?? newId();
  const g = await googleSide(c);
  const result = await publish(c, x, g);
  const saved = await save(c, { id, x, result });
  if (!saved) {
    if (g && result.google?.created) await g.drive.discard(result.google.googleDocId);
    throw new ApiError('CONFLICT', DOC_MSG.concurrent);
  }
  const shown = await present(c, (await getDocument(c.env.DB, id))!, await personalScope(c, x.p.territoryId));
  const kept = result.google?.keptEditedDocId;
  return c.json(kept ? { ...shown, notice: MSG.keptEditedDoc, previousGoogleDocId: kept } : shown, 201);
}

async function save(c: Ctx, a: { id: string; x: Awaited<ReturnType<typeof prepare>>; result: Result }) {
  const { x, result } = a;
  const g = result.google;
  const doc = result.composed.doc;
  // A version kept locally remembers the subject's Google Doc (and what the worker last wrote
  // there), so the next Google generation still updates it in place rather than starting a copy.
  const keep = g ? null : x.previous;
  return saveDocument(c.env.DB, auditContext(c), {
    id: a.id,
    type: x.p.type,
    subject: x.p.subject,
    territoryId: x.p.territoryId,
    title: doc.title,
    version: x.ed.version,
    pages: result.pages,
    pagesCountedBy: g ? 'google-pdf' : 'estimate',
    budgetLevel: result.composed.level,
    googleDocId: g?.googleDocId ?? keep?.googleDocId ?? null,
    url: g?.url ?? (await documentLink(c.env, a.id)),
    driveVersion: g?.drive.version ?? keep?.driveVersion ?? null,
    driveModifiedTime: g?.drive.modifiedTime ?? keep?.driveModifiedTime ?? null,
    driveWriter: g?.drive.writer ?? keep?.driveWriter ?? null,
    asOf: x.p.asOf,
    versionAsOf: x.asOf,
    warnings: warningsOf(x.p, x.record, x.asOf, doc),
    shortened: [...(doc.shortened ?? [])],
    html: result.html,
  });
}

/**
 * POST /v1/documents/preview: what a generation would give — its first page, its estimated
 * pages, its warnings and condensed texts — without storing anything or calling Google.
 */
async function preview(c: Ctx, { body }: { body: DocumentRequest }) {
  const x = await prepare(c, body);
  const { doc } = x.compose(0);
  const scope = await personalScope(c, x.p.territoryId);
  return c.json({
    title: doc.title,
    pages: estimatePages(doc),
    pagesCountedBy: 'estimate' as const,
    warnings: warningsOf(x.p, x.record, x.asOf, doc),
    shortened: [...(doc.shortened ?? [])],
    firstPage: await withoutPersonalData(renderHtml(firstPage(doc)), scope),
  });
}

type ById = { params: { id: string } };

const docOr404 = async (c: Ctx, id: string) => {
  const d = await getDocument(c.env.DB, id);
  if (!d) throw new ApiError('NOT_FOUND', MSG.notFound('Document'));
  return d;
};

/** A stored HTML page as served: static, no script, nothing cached or passed on. */
export function htmlPage(c: Ctx, html: string) {
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

async function documentHtml(c: Ctx, { params }: ById) {
  const d = await docOr404(c, params.id);
  const html = (await getDocumentHtml(c.env.DB, d.id)) ?? '';
  return htmlPage(c, await withoutPersonalData(html, await personalScope(c, d.territoryId)));
}

export const SignedLink = z.object({
  expires: z.optional(z.string()),
  signature: z.optional(z.string()),
  pd: z.optional(z.string()),
});

/** The HTML by signed link: no identity needed, a valid unexpired signature instead. */
async function signedDocumentHtml(c: Ctx, { query, params }: ById & { query: z.infer<typeof SignedLink> }) {
  const { id } = params;
  if (!(await verifyDocumentLink(c.env, id, query.expires, query.signature, query.pd)))
    throw new ApiError('FORBIDDEN', MSG.linkExpired);
  const html = await getDocumentHtml(c.env.DB, id);
  if (html === null) throw new ApiError('NOT_FOUND', MSG.notFound('Document'));
  return htmlPage(c, await withoutPersonalData(html, query.pd ?? null));
}

const DocumentFilters = z.object({ territoryId: z.optional(Id) });

/**
 * The documents, each with the caller's scope (personalScope): a consultant's needs the
 * territories, read in the same batch as the list.
 */
async function listWithScopes(c: Ctx, territoryId: string | undefined) {
  const db = c.env.DB;
  const user = c.get('user');
  if (user.role !== 'consultant')
    return (await listDocuments(db, territoryId)).map((d) => ({ d, scope: 'all' as PersonalScope }));
  const [list, territories] = await runQueries(db, [
    listDocumentsQuery(db, territoryId),
    listTerritoriesQuery(db),
  ]);
  const scopes = new Map(territories.map((t) => [t.id, personalScopeOf(user, t)]));
  return list.map((d) => ({ d, scope: d.territoryId ? (scopes.get(d.territoryId) ?? null) : null }));
}

async function listAll(c: Ctx, { query }: { query: z.infer<typeof DocumentFilters> }) {
  const list = await listWithScopes(c, query.territoryId);
  return c.json({ documents: await Promise.all(list.map(({ d, scope }) => present(c, d, scope))) });
}

async function readDocument(c: Ctx, { params }: ById) {
  const d = await docOr404(c, params.id);
  return c.json(await present(c, d, await personalScope(c, d.territoryId)));
}

export type { ById };
export { docOr404 };

const HTML = { mediaType: 'text/html; charset=utf-8' } as const;
const SIGNED = 'Le document rendu, par lien signé et limité dans le temps (sans identité)';

export const documentRoutes = [
  route('GET /v1/documents', ALL, 'Lister les documents générés', DocumentList, listAll, {
    query: DocumentFilters,
  }),
  route(
    'POST /v1/documents',
    WRITERS,
    'Générer un livrable',
    DocumentCreated,
    generate,
    created(DocumentRequest),
  ),
  route(
    'POST /v1/documents/preview',
    WRITERS,
    'Aperçu d’un livrable avant génération (première page, avertissements), sans rien enregistrer',
    DocumentPreview,
    preview,
    { body: DocumentRequest },
  ),
  route('GET /v1/documents/:id', ALL, 'Lire un document', DocumentAnswer, readDocument),
  route('GET /v1/documents/:id/html', ALL, 'Le document rendu (text/html)', DocumentHtml, documentHtml, HTML),
  // A signed, expiring link (worker/documents/link.ts) stands for the identity.
  route('GET /v1/documents/:id/html/signed', 'public', SIGNED, DocumentHtml, signedDocumentHtml, {
    ...HTML,
    query: SignedLink,
  }),
];
