import * as z from 'zod/mini';
import {
  DocumentAnswer,
  DocumentHtml,
  DocumentVersions,
  DocumentWorkflowAnswer,
  type DocumentVersion as VersionAnswer,
} from '../../shared/api/documents';
import { zonedDate } from '../../shared/dates';
import { CONSISTENCY_RULES } from '../../shared/documents/consistency';
import { MSG } from '../../shared/i18n/messages';
import { lowerLabel } from '../../shared/i18n/wording';
import { ADMIN, ALL, WRITERS } from '../auth/policy';
import { getProgramme } from '../db/programme';
import type { Territory } from '../db/territories';
import { sha256Hex } from '../db/util';
import { frozenHtml, pdfName, submissionTexts, validatedFolder } from '../documents/freeze';
import { type PersonalScope, signedLink, verifyDocumentLink } from '../documents/link';
import { personalScopeOf, withoutPersonalData } from '../documents/personal';
import { ChangesRequest, ShareRequest, SubmitRequest, ValidateRequest } from '../documents/request';
import { getDocument, inDrive, type ShareEntry, type StoredDocument } from '../documents/store';
import {
  type Freeze,
  getVersion,
  getVersionHtml,
  getVersionWithHtml,
  listVersions,
  recordShares,
  reviewVersion,
  type StoredVersion,
  submitVersion,
} from '../documents/versions';
import { ApiError, fieldError } from '../http/errors';
import { route } from '../http/route';
import { auditContext, type Ctx, writableTerritory } from './context';
import { type GoogleSide, googleFailure, googleSide, reportCalls } from './document-google';
import { DOC_MSG, signature } from './document-plan';
import { type ById, docOr404, htmlPage, personalScope, present, SignedLink } from './documents';

const STATUS_WORDS = {
  draft: 'version de travail',
  submitted: 'soumise',
  validated: 'validée',
  'changes-requested': 'renvoyée pour modifications',
} as const;

/**
 * A document the caller may act on: its territory's consultants or an admin (programme-wide:
 * writers); with its territory, as read for that check, and the caller's scope there.
 */
async function actionable(c: Ctx, id: string) {
  const d = await docOr404(c, id);
  const t: Territory | null = d.territoryId ? await writableTerritory(c, d.territoryId) : null;
  return { d, t, scope: personalScopeOf(c.get('user'), t) };
}

const versionPath = (id: string, n: number) => `/v1/documents/${encodeURIComponent(id)}/versions/${n}/html`;

/** A version as `GET …/versions` lists it, its frozen file linked (a PDF in Drive or the HTML). */
async function presentVersion(
  c: Ctx,
  d: StoredDocument,
  v: StoredVersion,
  scope: PersonalScope,
): Promise<VersionAnswer> {
  const kept = v.status === 'submitted' || v.status === 'validated';
  return {
    version: v.version,
    status: v.status,
    asOf: v.asOf,
    title: v.title,
    pages: v.pages,
    generatedAt: v.generatedAt,
    generatedBy: v.generatedBy,
    author: v.author,
    submittedAt: v.submittedAt,
    validator: v.reviewedBy,
    validatedAt: v.status === 'validated' ? v.reviewedAt : null,
    reviewComment: v.reviewComment,
    warnings: v.warnings,
    shortened: v.shortened,
    acknowledged: v.acknowledged,
    pdfUrl: kept ? v.pdfUrl : null,
    htmlUrl: v.hasHtml
      ? await signedLink(c.env, `${d.id}@${v.version}`, versionPath(d.id, v.version), scope)
      : null,
    sha256: v.sha256,
  };
}

async function workflowAnswer(c: Ctx, id: string, version: number, scope: PersonalScope) {
  const d = (await getDocument(c.env.DB, id))!;
  const v = (await getVersion(c.env.DB, id, version))!;
  return c.json({ document: await present(c, d, scope), version: await presentVersion(c, d, v, scope) });
}

/** The warnings of a version nobody acknowledged: what keeps it from being submitted. */
function unacknowledged(v: StoredVersion, acknowledge: readonly string[]) {
  return v.warnings.filter((w) => !acknowledge.includes(w.code));
}

/** In Google: the Doc gets its author and status, is exported to PDF, the PDF kept in « Validés ». */
async function freezeInDrive(
  c: Ctx,
  g: GoogleSide,
  d: StoredDocument,
  v: StoredVersion,
  author: string,
  day: string,
) {
  await g.docs.replaceTexts(d.googleDocId!, submissionTexts(author, day));
  const pdf = await g.drive.exportPdf(d.googleDocId!);
  const folder = g.folderId ? await validatedFolder(c.env.DB, g.drive, g.folderId) : undefined;
  const file = await g.drive.uploadFile(
    {
      name: pdfName(v.title, v.version, 'soumise', day),
      mimeType: 'application/pdf',
      folderId: folder,
      description: `Version ${v.version} soumise par ${author}.`,
    },
    pdf,
  );
  return { sha256: await sha256Hex(pdf), pdfFileId: file.id, pdfUrl: file.webViewLink ?? null };
}

/**
 * POST /v1/documents/:id/submit: freezes the live version and makes the submitter its author.
 * Refused (409 NOT_READY) while it has warnings nobody acknowledged.
 */
async function submit(c: Ctx, { body, params }: ById & { body: SubmitRequest }) {
  const db = c.env.DB;
  const { d, scope } = await actionable(c, params.id);
  const { version: v, html } = (await getVersionWithHtml(db, d.id, d.version))!;
  if (v.status !== 'draft') throw new ApiError('CONFLICT', DOC_MSG.notDraft(STATUS_WORDS[v.status]));
  const open = unacknowledged(v, body.acknowledge ?? []);
  if (open.length) {
    const list = [...new Set(open.map((w) => lowerLabel(CONSISTENCY_RULES[w.code])))].join(', ');
    throw new ApiError('NOT_READY', DOC_MSG.notReady(list), { warnings: open });
  }
  const author = await signature(c);
  const day = zonedDate(new Date(), (await getProgramme(db)).timezone);
  const page = frozenHtml(html ?? '', author, day);
  const g = inDrive(d) ? await googleSide(c) : null;
  let frozen: Omit<Freeze, 'author' | 'html' | 'acknowledged'>;
  try {
    frozen = g
      ? await freezeInDrive(c, g, d, v, author, day)
      : { sha256: await sha256Hex(page), pdfFileId: null, pdfUrl: null };
  } catch (err) {
    throw googleFailure(c, err);
  }
  reportCalls(c, g);
  const freeze: Freeze = { ...frozen, author, html: page, acknowledged: body.acknowledge ?? [] };
  if (!(await submitVersion(db, auditContext(c), v, freeze))) {
    if (g && freeze.pdfFileId) await g.drive.discard(freeze.pdfFileId);
    throw new ApiError('CONFLICT', DOC_MSG.moved);
  }
  return workflowAnswer(c, d.id, v.version, scope);
}

/** The version an admin reviews: the one named, else the latest submitted. */
async function submittedVersion(c: Ctx, d: StoredDocument, version?: number) {
  const v = version
    ? await getVersion(c.env.DB, d.id, version)
    : (await listVersions(c.env.DB, d.id)).find((x) => x.status === 'submitted');
  if (!v)
    throw new ApiError('NOT_FOUND', version ? DOC_MSG.versionNotFound(version) : DOC_MSG.nothingSubmitted);
  if (v.status !== 'submitted')
    throw new ApiError('CONFLICT', DOC_MSG.versionNotSubmitted(v.version, STATUS_WORDS[v.status]));
  return v;
}

/** The PDF of a reviewed version in Drive: renamed once validated, removed when sent back. */
async function reviewInDrive(c: Ctx, v: StoredVersion, validated: boolean) {
  if (!v.pdfFileId) return null;
  const g = await googleSide(c);
  if (!g) return null;
  try {
    const day = zonedDate(new Date(), (await getProgramme(c.env.DB)).timezone);
    if (validated) await g.drive.rename(v.pdfFileId, pdfName(v.title, v.version, 'validée', day));
    else await g.drive.discard(v.pdfFileId);
  } catch (err) {
    throw googleFailure(c, err);
  }
  return g;
}

async function review(
  c: Ctx,
  id: string,
  outcome: 'validated' | 'changes-requested',
  version?: number,
  comment?: string,
) {
  const d = await docOr404(c, id);
  const v = await submittedVersion(c, d, version);
  const g = await reviewInDrive(c, v, outcome === 'validated');
  reportCalls(c, g);
  if (!(await reviewVersion(c.env.DB, auditContext(c), v, { status: outcome, comment })))
    throw new ApiError('CONFLICT', DOC_MSG.moved);
  return workflowAnswer(c, d.id, v.version, await personalScope(c, d.territoryId));
}

const validate = (c: Ctx, { body, params }: ById & { body: ValidateRequest }) =>
  review(c, params.id, 'validated', body.version);

const requestChanges = (c: Ctx, { body, params }: ById & { body: ChangesRequest }) =>
  review(c, params.id, 'changes-requested', body.version, body.comment);

async function versions(c: Ctx, { params }: ById) {
  const d = await docOr404(c, params.id);
  const list = await listVersions(c.env.DB, d.id);
  const scope = await personalScope(c, d.territoryId);
  return c.json({ id: d.id, versions: await Promise.all(list.map((v) => presentVersion(c, d, v, scope))) });
}

const VersionParam = z.object({ version: z.string().check(z.regex(/^\d{1,6}$/)) });

async function versionPage(c: Ctx, id: string, version: string, scope: PersonalScope) {
  const html = await getVersionHtml(c.env.DB, id, Number(version));
  if (html === null) throw new ApiError('NOT_FOUND', MSG.notFound('Version'));
  return htmlPage(c, await withoutPersonalData(html, scope));
}

type ByVersion = { params: { id: string; version: string } };

async function versionHtml(c: Ctx, { params }: ByVersion) {
  const d = await docOr404(c, params.id);
  const n = params.version;
  if (!VersionParam.safeParse({ version: n }).success) throw fieldError('version', MSG.notFound('Version'));
  return versionPage(c, d.id, n, await personalScope(c, d.territoryId));
}

async function signedVersionHtml(
  c: Ctx,
  { query, params }: ByVersion & { query: z.infer<typeof SignedLink> },
) {
  const { id, version: n } = params;
  const ok =
    /^\d{1,6}$/.test(n) &&
    (await verifyDocumentLink(c.env, `${id}@${n}`, query.expires, query.signature, query.pd));
  if (!ok) throw new ApiError('FORBIDDEN', MSG.linkExpired);
  return versionPage(c, id, n, query.pd ?? null);
}

/** Who `to: "territory"` names: the contacts of the document's territory `t` that have an address. */
function recipients(t: Territory | null, to: ShareRequest['to']) {
  if (to !== 'territory') return [...new Set(to)];
  if (!t) throw fieldError('to', DOC_MSG.noTerritoryToShare);
  const emails = t.contacts.flatMap((x) => (x.email ? [x.email.toLowerCase()] : []));
  if (!emails.length) throw fieldError('to', DOC_MSG.noContactEmail(t.name));
  return [...new Set(emails)];
}

/**
 * POST /v1/documents/:id/share: a Drive permission for each person (Drive e-mails them the
 * link with a French message); a document kept locally records the share only.
 */
async function share(c: Ctx, { body, params }: ById & { body: ShareRequest }) {
  const { d, t, scope } = await actionable(c, params.id);
  const emails = recipients(t, body.to);
  const g = inDrive(d) ? await googleSide(c) : null;
  try {
    for (const email of emails)
      await g?.drive.share(d.googleDocId!, email, body.role, DOC_MSG.shareMessage(d.title));
  } catch (err) {
    throw googleFailure(c, err);
  }
  reportCalls(c, g);
  const ctx = auditContext(c);
  const added: ShareEntry[] = emails.map((email) => ({
    email,
    role: body.role,
    at: ctx.at,
    by: ctx.actor,
    drive: Boolean(g),
  }));
  const kept = d.sharedWith.filter((s) => !emails.includes(s.email));
  await recordShares(c.env.DB, ctx, d.id, d.sharedWith, [...kept, ...added]);
  return c.json(await present(c, (await getDocument(c.env.DB, d.id))!, scope));
}

const HTML = { mediaType: 'text/html; charset=utf-8' } as const;
const SUBMIT = 'Soumettre la version actuelle à la validation de l’ADEME';
const CHANGES = 'Renvoyer la version soumise pour modifications (ADEME)';
const SIGNED = 'Une version figée, par lien signé et limité dans le temps (sans identité)';

export const documentWorkflowRoutes = [
  route('POST /v1/documents/:id/submit', WRITERS, SUBMIT, DocumentWorkflowAnswer, submit, {
    body: SubmitRequest,
    optionalBody: true,
  }),
  route(
    'POST /v1/documents/:id/validate',
    ADMIN,
    'Valider la version soumise (ADEME)',
    DocumentWorkflowAnswer,
    validate,
    {
      body: ValidateRequest,
      optionalBody: true,
    },
  ),
  route('POST /v1/documents/:id/request-changes', ADMIN, CHANGES, DocumentWorkflowAnswer, requestChanges, {
    body: ChangesRequest,
  }),
  route('GET /v1/documents/:id/versions', ALL, 'Les versions d’un document', DocumentVersions, versions),
  route(
    'GET /v1/documents/:id/versions/:version/html',
    ALL,
    'Une version figée (text/html)',
    DocumentHtml,
    versionHtml,
    HTML,
  ),
  route(
    'GET /v1/documents/:id/versions/:version/html/signed',
    'public',
    SIGNED,
    DocumentHtml,
    signedVersionHtml,
    {
      ...HTML,
      query: SignedLink,
    },
  ),
  route(
    'POST /v1/documents/:id/share',
    WRITERS,
    'Partager un document (Drive et e-mail)',
    DocumentAnswer,
    share,
    {
      body: ShareRequest,
    },
  ),
];
