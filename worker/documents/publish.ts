import type { Docs } from '../google/docs';
import { type Drive, type DriveFile, googleDocUrl } from '../google/drive';
import { GoogleError } from '../google/http';
import { SUMMARY_MAX_PAGES } from './budget';
import type { DocumentModel, FieldOverflow } from './model';
import { countPdfPages } from './pdf';
import { PAGE, renderHtml } from './render';

export interface Composed {
  doc: DocumentModel;
  /** Budget level used; null for documents without a page limit. */
  level: number | null;
  /** Our estimate of its pages, for page-limited documents. */
  estimatedPages?: number;
  /** False when even the tightest budget does not fit; absent means it fits. */
  fits?: boolean;
  /** The fields to shorten, and by how much, when it does not fit. */
  overflow?: readonly FieldOverflow[];
}

/** A page-limited document that cannot be brought under the limit: `422 DOES_NOT_FIT`. */
export class DoesNotFit extends Error {
  constructor(
    readonly overflow: readonly FieldOverflow[],
    /** Google's page count of the tightest version tried, when one was uploaded. */
    readonly pages?: number,
  ) {
    super('document does not fit its page limit');
  }
}

/** Tighter versions tried after Google's count, at most: bounds the calls of one request. */
export const MAX_TIGHTENINGS = 2;

/** The stored document's Google side, as the last generation left it. */
export interface PreviousDoc {
  googleDocId: string;
  driveModifiedTime: string | null;
  driveWriter: string | null;
  title: string;
  /** The last HTML the worker stored, to put back if a regeneration cannot fit. */
  html: () => Promise<string | null>;
}

export interface Published {
  googleDocId: string;
  url: string;
  pages: number;
  html: string;
  doc: DocumentModel;
  level: number | null;
  /** What was composed for the version Google counted (the document, its condensation). */
  composed: Composed;
  /** A Doc this call created (to remove if recording it fails afterwards). */
  created: boolean;
  /** The Doc as Drive reported it after the worker's last upload. */
  drive: { version: string | null; modifiedTime: string | null; writer: string | null };
  /** The previous Doc, left as is because a person edited it since the worker last wrote it. */
  keptEditedDocId?: string;
}

/**
 * Whether someone other than the worker's writer changed the Doc after the worker's last
 * upload. The worker's own page setup follows its upload, so a later `modifiedTime` alone
 * proves nothing: the last modifying user must differ too. Rows from before the writer was
 * stored only have Drive's `me` to go by.
 */
export function editedSince(file: DriveFile, prev: PreviousDoc): boolean {
  const who = file.lastModifyingUser;
  if (!prev.driveModifiedTime) return who?.me === false;
  if (!file.modifiedTime || Date.parse(file.modifiedTime) <= Date.parse(prev.driveModifiedTime)) return false;
  if (who?.emailAddress && prev.driveWriter)
    return who.emailAddress.toLowerCase() !== prev.driveWriter.toLowerCase();
  return who?.me === false;
}

const gone = (err: unknown) => err instanceof GoogleError && (err.status === 404 || err.status === 403);

interface Target {
  file: DriveFile;
  created: boolean;
  keptEditedDocId?: string;
}

/** Updates the previous Doc in place, unless it is gone or a person edited it: then a new Doc. */
async function upload(
  drive: Drive,
  name: string,
  html: string,
  folderId: string | undefined,
  prev: PreviousDoc | null,
): Promise<Target> {
  if (prev) {
    let meta: DriveFile | null = null;
    try {
      meta = await drive.getFile(prev.googleDocId);
    } catch (err) {
      if (!gone(err)) throw err;
    }
    if (meta && !meta.trashed) {
      if (editedSince(meta, prev)) {
        return { file: await drive.createDoc(name, html, folderId), created: true, keptEditedDocId: meta.id };
      }
      try {
        return { file: await drive.updateDoc(prev.googleDocId, name, html), created: false };
      } catch (err) {
        if (!gone(err)) throw err;
      }
    }
  }
  return { file: await drive.createDoc(name, html, folderId), created: true };
}

/** Gives the Doc its A4 page (the import made it US Letter), exports it and counts the pages. */
export async function pagesOf(drive: Drive, docs: Docs, id: string): Promise<number> {
  await docs.setPage(id, PAGE);
  const pdf = await drive.exportPdf(id);
  try {
    return await countPdfPages(pdf);
  } catch {
    throw new GoogleError(502, 'Drive export is not a readable PDF');
  }
}

/**
 * Publishes a document as a Google Doc: upload (converted by Drive's HTML import), page setup
 * through the Docs API, export to PDF and a count of Google's own pages. A page-limited
 * document at the limit is tightened and sent again, at most `MAX_TIGHTENINGS` times; one
 * that still does not fit raises `DoesNotFit` and no such Doc is left behind: a Doc this call
 * created is deleted, a Doc it updated gets its previous content back. Usual cost: token (when
 * not cached), upload, page setup, export — plus the metadata read of a regeneration.
 */
export async function publishToDrive(
  drive: Drive,
  docs: Docs,
  compose: (fromLevel: number, maxEstimate?: number) => Composed,
  opts: {
    name: (doc: DocumentModel) => string;
    previous: PreviousDoc | null;
    folderId?: string | undefined;
    limited: boolean;
    /** Google's pages per estimated page, learned by the doctor's probe; absent until it ran. */
    layoutRatio?: number | null | undefined;
  },
): Promise<Published> {
  // Aim under the limit by the ratio Google's layout was measured at (never looser than the
  // limit); a record that fits only without that margin is still tried, Google's count decides.
  const ratio = opts.layoutRatio ?? 0;
  const aimed =
    opts.limited && ratio > 1 ? compose(0, Math.max(1, Math.floor(SUMMARY_MAX_PAGES / ratio))) : null;
  let current = aimed && aimed.fits !== false ? aimed : compose(0);
  if (opts.limited && current.fits === false) throw new DoesNotFit(current.overflow ?? []);
  let html = renderHtml(current.doc);
  const target = await upload(drive, opts.name(current.doc), html, opts.folderId, opts.previous);
  let file = target.file;
  try {
    if (!file.id) throw new GoogleError(502, 'Drive answered without a file id');
    let pages = await pagesOf(drive, docs, file.id);
    for (let round = 0; opts.limited && pages > SUMMARY_MAX_PAGES; round++) {
      // Google's layout runs longer than our estimate by pages/estimate: aim lower by that ratio.
      const ratio = pages / Math.max(1, current.estimatedPages ?? pages);
      const next = compose((current.level ?? 0) + 1, Math.max(1, Math.floor(SUMMARY_MAX_PAGES / ratio)));
      if (round >= MAX_TIGHTENINGS || next.level === current.level)
        throw new DoesNotFit(next.overflow ?? [], pages);
      current = next;
      html = renderHtml(current.doc);
      file = { ...(await drive.updateDoc(file.id, opts.name(current.doc), html)), id: file.id };
      pages = await pagesOf(drive, docs, file.id);
    }
    return {
      googleDocId: file.id,
      url: file.webViewLink ?? googleDocUrl(file.id),
      pages,
      html,
      doc: current.doc,
      level: current.level,
      composed: current,
      created: target.created,
      drive: {
        version: file.version ?? null,
        modifiedTime: file.modifiedTime ?? null,
        writer: file.lastModifyingUser?.emailAddress ?? null,
      },
      ...(target.keptEditedDocId ? { keptEditedDocId: target.keptEditedDocId } : {}),
    };
  } catch (err) {
    await undo(drive, docs, target, opts);
    throw err;
  }
}

/** Leaves Drive as it was before the call (best effort: the original failure is what matters). */
async function undo(
  drive: Drive,
  docs: Docs,
  target: Target,
  opts: { name: (doc: DocumentModel) => string; previous: PreviousDoc | null },
) {
  if (target.created) return drive.discard(target.file.id);
  const before = await opts.previous?.html();
  if (!before || !target.file.id) return;
  try {
    await drive.updateDoc(target.file.id, opts.previous?.title ?? '', before);
    await docs.setPage(target.file.id, PAGE);
  } catch {
    // the Doc keeps the rejected version in its history; the request still fails cleanly
  }
}
