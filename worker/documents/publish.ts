import { type Drive, googleDocUrl } from '../google/drive';
import { GoogleError } from '../google/service-account';
import { SUMMARY_MAX_PAGES } from './budget';
import type { DocumentModel } from './model';
import { countPdfPages } from './pdf';
import { renderHtml } from './render';

export interface Composed {
  doc: DocumentModel;
  /** Budget level used; null for documents without a page limit. */
  level: number | null;
  /** Our estimate of its pages, for page-limited documents. */
  estimatedPages?: number;
}

export interface Published {
  googleDocId: string;
  url: string;
  pages: number;
  html: string;
  doc: DocumentModel;
  level: number | null;
  /** A Doc this call created (to remove if recording it fails afterwards). */
  created: boolean;
}

/**
 * Uploads the rendered document to Drive as a Google Doc (updating `existingId` in place when
 * given), exports it to PDF and counts the pages of Google's own layout. A page-limited
 * document at the limit is tightened one budget level and updated once more. Two Google calls
 * per document in the usual case (upload, export), four when it must be tightened. On any
 * failure, a Doc created by this call is removed again and a `GoogleError` propagates.
 */
export async function publishToDrive(
  drive: Drive,
  compose: (fromLevel: number, maxEstimate?: number) => Composed,
  opts: {
    name: (doc: DocumentModel) => string;
    existingId: string | null;
    folderId?: string;
    limited: boolean;
  },
): Promise<Published> {
  const first = compose(0);
  let { doc, level } = first;
  let html = renderHtml(doc);
  let file: { id: string; webViewLink?: string };
  let created = false;
  if (opts.existingId) {
    try {
      file = await drive.updateDoc(opts.existingId, opts.name(doc), html);
    } catch (err) {
      // The Doc was deleted from Drive (or this account cannot see it): start a new one.
      if (!(err instanceof GoogleError) || (err.status !== 404 && err.status !== 403)) throw err;
      file = await drive.createDoc(opts.name(doc), html, opts.folderId);
      created = true;
    }
  } else {
    file = await drive.createDoc(opts.name(doc), html, opts.folderId);
    created = true;
  }
  try {
    if (!file.id) throw new GoogleError(502, 'Drive answered without a file id');
    let pages = await pagesOf(drive, file.id);
    if (opts.limited && level !== null && pages > SUMMARY_MAX_PAGES) {
      // Google's layout runs longer than our estimate by pages/estimate: shrink the allowance
      // by that ratio so the single extra update is likely to land under the limit.
      const ratio = pages / Math.max(1, first.estimatedPages ?? pages);
      const tighter = compose(level + 1, Math.max(1, Math.floor(SUMMARY_MAX_PAGES / ratio)));
      if (tighter.level !== level) {
        ({ doc, level } = tighter);
        html = renderHtml(doc);
        await drive.updateDoc(file.id, opts.name(doc), html);
        pages = await pagesOf(drive, file.id);
      }
    }
    return {
      googleDocId: file.id,
      url: file.webViewLink ?? googleDocUrl(file.id),
      pages,
      html,
      doc,
      level,
      created,
    };
  } catch (err) {
    if (created) await drive.deleteFile(file.id);
    throw err;
  }
}

async function pagesOf(drive: Drive, id: string) {
  const pdf = await drive.exportPdf(id);
  try {
    return await countPdfPages(pdf);
  } catch {
    throw new GoogleError(502, 'Drive export is not a readable PDF');
  }
}
