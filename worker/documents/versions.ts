import type { DocumentStatus, ShortenedText } from '../../shared/api/documents';
import { type AuditContext, auditStatement } from '../db/audit';
import type { Row } from '../db/query';
import type { Warning } from './consistency';
import { list, str } from './store';

/** One version of a document as stored (document_versions, migration 0012). */
export interface StoredVersion {
  documentId: string;
  version: number;
  status: DocumentStatus;
  asOf: string;
  title: string;
  pages: number;
  googleDocId: string | null;
  warnings: Warning[];
  shortened: ShortenedText[];
  generatedAt: string;
  generatedBy: string;
  author: string | null;
  submittedAt: string | null;
  acknowledged: string[];
  reviewedBy: string | null;
  reviewedAt: string | null;
  reviewComment: string | null;
  pdfFileId: string | null;
  pdfUrl: string | null;
  sha256: string | null;
  hasHtml: boolean;
}

const fromRow = (r: Row): StoredVersion => ({
  documentId: String(r.document_id),
  version: Number(r.version),
  status: String(r.status) as DocumentStatus,
  asOf: String(r.as_of),
  title: String(r.title),
  pages: Number(r.pages),
  googleDocId: str(r.google_doc_id),
  warnings: list<Warning>(r.warnings),
  shortened: list<ShortenedText>(r.shortened),
  generatedAt: String(r.generated_at),
  generatedBy: String(r.generated_by),
  author: str(r.author),
  submittedAt: str(r.submitted_at),
  acknowledged: list<string>(r.acknowledged),
  reviewedBy: str(r.reviewed_by),
  reviewedAt: str(r.reviewed_at),
  reviewComment: str(r.review_comment),
  pdfFileId: str(r.pdf_file_id),
  pdfUrl: str(r.pdf_url),
  sha256: str(r.sha256),
  hasHtml: Number(r.has_html) === 1,
});

const COLUMNS = `document_id, version, status, as_of, title, pages, google_doc_id, warnings, shortened,
  generated_at, generated_by, author, submitted_at, acknowledged, reviewed_by, reviewed_at, review_comment,
  pdf_file_id, pdf_url, sha256, html IS NOT NULL AS has_html`;

export async function listVersions(db: D1Database, documentId: string): Promise<StoredVersion[]> {
  const { results } = await db
    .prepare(`SELECT ${COLUMNS} FROM document_versions WHERE document_id = ? ORDER BY version DESC`)
    .bind(documentId)
    .all<Row>();
  return results.map(fromRow);
}

const versionRow = (db: D1Database, columns: string, documentId: string, version: number) =>
  db
    .prepare(`SELECT ${columns} FROM document_versions WHERE document_id = ? AND version = ?`)
    .bind(documentId, version)
    .first<Row>();

export async function getVersion(db: D1Database, documentId: string, version: number) {
  const r = await versionRow(db, COLUMNS, documentId, version);
  return r ? fromRow(r) : null;
}

/** A version and its HTML (null once a later draft superseded it) in one read: what a submission freezes. */
export async function getVersionWithHtml(db: D1Database, documentId: string, version: number) {
  const r = await versionRow(db, `${COLUMNS}, html`, documentId, version);
  return r ? { version: fromRow(r), html: str(r.html) } : null;
}

export async function getVersionHtml(db: D1Database, documentId: string, version: number) {
  const r = await db
    .prepare('SELECT html FROM document_versions WHERE document_id = ? AND version = ?')
    .bind(documentId, version)
    .first<{ html: string | null }>();
  return r?.html ?? null;
}

/** What a submission freezes: the author, the frozen HTML and its file. */
export interface Freeze {
  author: string;
  html: string;
  acknowledged: readonly string[];
  sha256: string;
  pdfFileId: string | null;
  pdfUrl: string | null;
}

/**
 * A version's change of status in one batch: the version's own update (conditional on the
 * status it must have), the audit line written only if it did, and the live document's status
 * following only if the version changed at this very instant (`stamp` is that column). False
 * when the version moved meanwhile: nothing written.
 */
async function transition(
  db: D1Database,
  ctx: AuditContext,
  v: StoredVersion,
  t: {
    update: D1PreparedStatement;
    status: DocumentStatus;
    stamp: 'submitted_at' | 'reviewed_at';
    after: object;
    html?: string;
  },
): Promise<boolean> {
  const html = t.html === undefined ? '' : ', html = ?5';
  const [res] = await db.batch([
    t.update,
    auditStatement(
      db,
      ctx,
      'update',
      'document',
      v.documentId,
      { version: v.version, status: v.status },
      {
        version: v.version,
        status: t.status,
        ...t.after,
      },
    ),
    db
      .prepare(
        `UPDATE documents SET status = ?1${html} WHERE id = ?2 AND version = ?3 AND EXISTS
           (SELECT 1 FROM document_versions WHERE document_id = ?2 AND version = ?3 AND ${t.stamp} = ?4)`,
      )
      .bind(t.status, v.documentId, v.version, ctx.at, ...(t.html === undefined ? [] : [t.html])),
  ]);
  return (res?.meta.changes ?? 0) === 1;
}

/**
 * Submits version `v` of a document: only while it is the document's live version and still a
 * draft; the audit line carries the frozen file's SHA-256.
 */
export const submitVersion = (db: D1Database, ctx: AuditContext, v: StoredVersion, f: Freeze) =>
  transition(db, ctx, v, {
    status: 'submitted',
    stamp: 'submitted_at',
    html: f.html,
    after: { author: f.author, acknowledged: f.acknowledged, sha256: f.sha256, pdfFileId: f.pdfFileId },
    update: db
      .prepare(
        `UPDATE document_versions SET status = 'submitted', author = ?1, submitted_at = ?2, acknowledged = ?3,
           html = ?4, sha256 = ?5, pdf_file_id = ?6, pdf_url = ?7
         WHERE document_id = ?8 AND version = ?9 AND status = 'draft'
           AND version = (SELECT version FROM documents WHERE id = ?8)`,
      )
      .bind(
        f.author,
        ctx.at,
        JSON.stringify(f.acknowledged),
        f.html,
        f.sha256,
        f.pdfFileId,
        f.pdfUrl,
        v.documentId,
        v.version,
      ),
  });

/**
 * An admin's review of the submitted version `v`: validated (immutable from then on) or sent
 * back with a comment.
 */
export const reviewVersion = (
  db: D1Database,
  ctx: AuditContext,
  v: StoredVersion,
  outcome: { status: 'validated' | 'changes-requested'; comment?: string | undefined },
) =>
  transition(db, ctx, v, {
    status: outcome.status,
    stamp: 'reviewed_at',
    after: { ...(outcome.comment ? { comment: outcome.comment } : {}), sha256: v.sha256 },
    update: db
      .prepare(
        `UPDATE document_versions SET status = ?, reviewed_by = ?, reviewed_at = ?, review_comment = ?
         WHERE document_id = ? AND version = ? AND status = 'submitted'`,
      )
      .bind(outcome.status, ctx.actor, ctx.at, outcome.comment ?? null, v.documentId, v.version),
  });

/** The document's shares after a share, with its audit line (what it was shared with before, and now). */
export async function recordShares(
  db: D1Database,
  ctx: AuditContext,
  documentId: string,
  before: readonly unknown[],
  shares: readonly unknown[],
) {
  await db.batch([
    db.prepare('UPDATE documents SET shared_with = ? WHERE id = ?').bind(JSON.stringify(shares), documentId),
    auditStatement(db, ctx, 'update', 'document', documentId, { sharedWith: before }, { sharedWith: shares }),
  ]);
}

/** The id of a Drive folder the worker found or made under `parent`, remembered once found. */
export async function knownFolder(db: D1Database, parent: string, name: string) {
  const r = await db
    .prepare('SELECT folder_id FROM drive_folders WHERE parent_id = ? AND name = ?')
    .bind(parent, name)
    .first<{ folder_id: string }>();
  return r?.folder_id ?? null;
}

export const rememberFolder = (db: D1Database, parent: string, name: string, id: string) =>
  db
    .prepare('INSERT OR REPLACE INTO drive_folders (parent_id, name, folder_id) VALUES (?, ?, ?)')
    .bind(parent, name, id)
    .run();
