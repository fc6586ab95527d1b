import type * as z from 'zod/mini';
import type { DocumentStatus, Share, ShortenedText } from '../../shared/api/documents';
import { type AuditContext, auditStatement } from '../db/audit';
import { type Query, query, type Row, runQuery } from '../db/query';
import type { Warning } from './consistency';
import type { DocumentType } from './model';

export type PagesSource = 'google-pdf' | 'estimate';

/** A share recorded on a document (`sharedWith`). */
export type ShareEntry = z.infer<typeof Share>;

export interface StoredDocument {
  id: string;
  type: DocumentType;
  subject: string;
  territoryId: string | null;
  title: string;
  version: number;
  pages: number;
  pagesCountedBy: PagesSource;
  budgetLevel: number | null;
  googleDocId: string | null;
  url: string | null;
  /** The Google Doc as the worker left it (Drive `version`, `modifiedTime`, writer's e-mail). */
  driveVersion: string | null;
  driveModifiedTime: string | null;
  driveWriter: string | null;
  /** The live version's workflow status, its warnings and condensed texts. */
  status: DocumentStatus;
  asOf: string | null;
  warnings: Warning[];
  shortened: ShortenedText[];
  sharedWith: ShareEntry[];
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

/** A nullable column as text; a JSON array column as its array. */
export const str = (v: string | number | null | undefined) => (v == null ? null : String(v));
export const list = <T>(v: string | number | null | undefined): T[] =>
  v ? (JSON.parse(String(v)) as T[]) : [];

const fromRow = (r: Row): StoredDocument => ({
  id: String(r.id),
  type: String(r.type) as DocumentType,
  subject: String(r.subject_key),
  territoryId: str(r.territory_id),
  title: String(r.title),
  version: Number(r.version),
  pages: Number(r.pages),
  pagesCountedBy: String(r.pages_source) as PagesSource,
  budgetLevel: r.budget_level == null ? null : Number(r.budget_level),
  googleDocId: str(r.google_doc_id),
  url: str(r.url),
  driveVersion: str(r.drive_version),
  driveModifiedTime: str(r.drive_modified_time),
  driveWriter: str(r.drive_writer),
  status: String(r.status ?? 'draft') as DocumentStatus,
  asOf: str(r.as_of),
  warnings: list<Warning>(r.warnings),
  shortened: list<ShortenedText>(r.shortened),
  sharedWith: list<ShareEntry>(r.shared_with),
  createdAt: String(r.created_at),
  createdBy: String(r.created_by),
  updatedAt: String(r.updated_at),
  updatedBy: String(r.updated_by),
});

const COLUMNS =
  'id, type, subject_key, territory_id, title, version, pages, pages_source, budget_level, google_doc_id, url, created_at, created_by, updated_at, updated_by, drive_version, drive_modified_time, drive_writer, status, as_of, warnings, shortened, shared_with';

export async function getDocument(db: D1Database, id: string) {
  const r = await db.prepare(`SELECT ${COLUMNS} FROM documents WHERE id = ?`).bind(id).first<Row>();
  return r ? fromRow(r) : null;
}

export async function getDocumentBySubject(db: D1Database, subject: string) {
  const r = await db
    .prepare(`SELECT ${COLUMNS} FROM documents WHERE subject_key = ?`)
    .bind(subject)
    .first<Row>();
  return r ? fromRow(r) : null;
}

export async function getDocumentHtml(db: D1Database, id: string) {
  const r = await db.prepare('SELECT html FROM documents WHERE id = ?').bind(id).first<{ html: string }>();
  return r?.html ?? null;
}

export function listDocumentsQuery(db: D1Database, territoryId?: string): Query<StoredDocument[]> {
  const where = territoryId ? 'WHERE territory_id = ?' : '';
  return query(
    db
      .prepare(`SELECT ${COLUMNS} FROM documents ${where} ORDER BY updated_at DESC, id`)
      .bind(...(territoryId ? [territoryId] : [])),
    (rows) => rows.map(fromRow),
  );
}

export const listDocuments = (db: D1Database, territoryId?: string) =>
  runQuery(listDocumentsQuery(db, territoryId));

/** What a generation writes: the stored fields but authorship, times and shares, plus the HTML. */
export type DocumentWrite = Omit<
  StoredDocument,
  'createdAt' | 'createdBy' | 'updatedAt' | 'updatedBy' | 'status' | 'sharedWith'
> & {
  html: string;
  /** The version's as-of day (the generation day for the live document). */
  versionAsOf: string;
};

/** The version row of a generation: a draft, its HTML kept until a later draft supersedes it. */
function versionStatements(db: D1Database, ctx: AuditContext, d: DocumentWrite): D1PreparedStatement[] {
  return [
    db
      .prepare(
        `INSERT OR IGNORE INTO document_versions (document_id, version, status, as_of, title, pages,
           pages_source, google_doc_id, html, warnings, shortened, generated_at, generated_by)
         SELECT ?1, ?2, 'draft', ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12
         WHERE EXISTS (SELECT 1 FROM documents WHERE id = ?1 AND version = ?2 AND updated_at = ?11)`,
      )
      .bind(
        d.id,
        d.version,
        d.versionAsOf,
        d.title,
        d.pages,
        d.pagesCountedBy,
        d.googleDocId,
        d.html,
        JSON.stringify(d.warnings),
        JSON.stringify(d.shortened),
        ctx.at,
        ctx.actor,
      ),
    // Superseded drafts keep their facts, not their HTML; submitted versions keep theirs.
    db
      .prepare(
        `UPDATE document_versions SET html = NULL
         WHERE document_id = ? AND version < ? AND status = 'draft' AND html IS NOT NULL`,
      )
      .bind(d.id, d.version),
  ];
}

/**
 * One row per document subject (type + territory, workshop, action or report, and the as-of
 * day when frozen at a past date): a new version replaces the previous one as the live
 * document, only if the version read before rendering is still the latest, so two concurrent
 * generations cannot both claim it. The version row and the audit line (without the HTML) go
 * in the same batch.
 */
export async function saveDocument(db: D1Database, ctx: AuditContext, d: DocumentWrite): Promise<boolean> {
  const meta = { ...d, html: undefined, htmlChars: d.html.length, warnings: d.warnings.length };
  const written = {
    title: d.title,
    version: d.version,
    pages: d.pages,
    pages_source: d.pagesCountedBy,
    budget_level: d.budgetLevel,
    google_doc_id: d.googleDocId,
    url: d.url,
    html: d.html,
    territory_id: d.territoryId,
    drive_version: d.driveVersion,
    drive_modified_time: d.driveModifiedTime,
    drive_writer: d.driveWriter,
    status: 'draft',
    as_of: d.asOf,
    warnings: JSON.stringify(d.warnings),
    shortened: JSON.stringify(d.shortened),
    updated_at: ctx.at,
    updated_by: ctx.actor,
  };
  const names = Object.keys(written);
  const values = Object.values(written);
  // A first version goes in only if no row holds its subject; a later one only over the
  // version it follows.
  const stmt =
    d.version === 1
      ? db
          .prepare(
            `INSERT INTO documents (id, type, subject_key, created_at, created_by, ${names.join(', ')})
             SELECT ?, ?, ?, ?, ?, ${names.map(() => '?').join(', ')}
             WHERE NOT EXISTS (SELECT 1 FROM documents WHERE subject_key = ?)`,
          )
          .bind(d.id, d.type, d.subject, ctx.at, ctx.actor, ...values, d.subject)
      : db
          .prepare(
            `UPDATE documents SET ${names.map((n) => `${n} = ?`).join(', ')} WHERE id = ? AND version = ?`,
          )
          .bind(...values, d.id, d.version - 1);
  const [res] = await db.batch([
    stmt,
    auditStatement(db, ctx, d.version === 1 ? 'create' : 'update', 'document', d.id, null, meta),
    ...versionStatements(db, ctx, d),
  ]);
  return (res?.meta.changes ?? 0) === 1;
}

/**
 * The document's live version is its Google Doc's content (a version kept locally only
 * remembers the subject's Doc, for the next Google generation to update it in place).
 */
export const inDrive = <D extends Pick<StoredDocument, 'googleDocId' | 'pagesCountedBy'>>(
  d: D,
): d is D & { googleDocId: string } => Boolean(d.googleDocId) && d.pagesCountedBy === 'google-pdf';

/** A stored document as the API returns it (routes add a fresh signed link: link.ts). */
export const presentDocument = (d: StoredDocument) => ({
  id: d.id,
  type: d.type,
  title: d.title,
  pages: d.pages,
  pagesCountedBy: d.pagesCountedBy,
  url: d.url,
  // Only when this version is the Google Doc's content (a local version keeps the id aside).
  ...(inDrive(d) ? { googleDocId: d.googleDocId } : {}),
  territoryId: d.territoryId,
  subject: d.subject,
  version: d.version,
  status: d.status,
  asOf: d.asOf,
  warnings: d.warnings,
  shortened: d.shortened,
  sharedWith: d.sharedWith,
  createdAt: d.createdAt,
  createdBy: d.createdBy,
  updatedAt: d.updatedAt,
  updatedBy: d.updatedBy,
});
