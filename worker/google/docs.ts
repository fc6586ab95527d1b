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
        // In pages, not pageless: a Doc opened by its reader shows the A4 pages that are counted
        // (DocumentStyle.documentFormat.documentMode; a pageless default would hide them).
        documentFormat: { documentMode: 'PAGES' },
        pageSize: { width: pt(page.widthPt), height: pt(page.heightPt) },
        marginTop: pt(page.marginTopPt),
        marginBottom: pt(page.marginBottomPt),
        marginLeft: pt(page.marginLeftPt),
        marginRight: pt(page.marginRightPt),
      },
      fields: 'documentFormat,pageSize,marginTop,marginBottom,marginLeft,marginRight',
    },
  };
}

/** `replaceAllText` requests: each text, matched case-sensitively, replaced everywhere. */
export const replaceTextRequests = (pairs: readonly (readonly [string, string])[]) =>
  pairs.map(([find, by]) => ({
    replaceAllText: { containsText: { text: find, matchCase: true }, replaceText: by },
  }));

/** A Google Docs API v1 client: the page setup after each upload, the texts a submission sets. */
export class Docs {
  constructor(private readonly o: DocsOptions) {}

  private batchUpdate(id: string, requests: unknown[], what: string) {
    return googleFetch(
      this.o,
      `${this.o.docsUrl ?? DEFAULT_DOCS_URL}/v1/documents/${encodeURIComponent(id)}:batchUpdate`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify({ requests }),
      },
      what,
    );
  }

  /** Sets the page size, margins and page mode of Doc `id` in one `documents.batchUpdate`. */
  async setPage(id: string, page: PageSetup): Promise<void> {
    const res = await this.batchUpdate(id, [pageSetupRequest(page)], 'page setup');
    await res.body?.cancel();
  }

  /** Replaces texts everywhere in Doc `id` (one call); answers how many each replaced. */
  async replaceTexts(id: string, pairs: readonly (readonly [string, string])[]): Promise<number[]> {
    const res = await this.batchUpdate(id, replaceTextRequests(pairs), 'replace text');
    const body = (await res.json()) as { replies?: { replaceAllText?: { occurrencesChanged?: number } }[] };
    return pairs.map((_, i) => body.replies?.[i]?.replaceAllText?.occurrencesChanged ?? 0);
  }
}
