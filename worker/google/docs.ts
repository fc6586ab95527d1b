import type { Env } from '../env';
import { type CallLog, type GoogleHttp, googleFetch, googleTimeoutMs, retryDelays } from './http';

export const DEFAULT_DOCS_URL = 'https://docs.googleapis.com';

/** A page in points: size and margins, as `updateDocumentStyle` takes them. */
export interface PageSetup {
  widthPt: number;
  heightPt: number;
  marginTopPt: number;
  marginBottomPt: number;
  marginLeftPt: number;
  marginRightPt: number;
}

export interface DocsOptions extends GoogleHttp {
  docsUrl?: string;
}

export function docsOptions(env: Env, token: string, log?: CallLog): DocsOptions {
  return {
    token,
    docsUrl: env.GOOGLE_DOCS_URL || DEFAULT_DOCS_URL,
    retryDelaysMs: retryDelays(env),
    timeoutMs: googleTimeoutMs(env),
    log,
  };
}

const pt = (magnitude: number) => ({ magnitude, unit: 'PT' });

/**
 * The Docs API request that gives a Doc its page: Drive's HTML import ignores CSS `@page`
 * and makes a US Letter Doc with one-inch margins, so the size and margins are set here
 * (`documents.batchUpdate` → `updateDocumentStyle`, `fields` naming what changes).
 */
export function pageSetupRequest(page: PageSetup) {
  return {
    updateDocumentStyle: {
      documentStyle: {
        pageSize: { width: pt(page.widthPt), height: pt(page.heightPt) },
        marginTop: pt(page.marginTopPt),
        marginBottom: pt(page.marginBottomPt),
        marginLeft: pt(page.marginLeftPt),
        marginRight: pt(page.marginRightPt),
      },
      fields: 'pageSize,marginTop,marginBottom,marginLeft,marginRight',
    },
  };
}

/** A Google Docs API v1 client: the one call a document needs after each upload. */
export class Docs {
  constructor(private readonly o: DocsOptions) {}

  /** Sets the page size and margins of Doc `id` in one `documents.batchUpdate`. */
  async setPage(id: string, page: PageSetup): Promise<void> {
    const res = await googleFetch(
      this.o,
      `${this.o.docsUrl ?? DEFAULT_DOCS_URL}/v1/documents/${encodeURIComponent(id)}:batchUpdate`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify({ requests: [pageSetupRequest(page)] }),
      },
      'page setup',
    );
    await res.body?.cancel();
  }
}
