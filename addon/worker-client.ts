// The add-on's only way to the worker: UrlFetchApp, one request per user action (a screen
// needing several lists asks GET /v1/snapshot for them), errors turned into the French
// `AddonError` the sidebars show as is. Single records carry their version (ETag), sent back
// as If-Match so that nobody overwrites a colleague's change without seeing it.

import { frTypo } from '../shared/i18n/typography';
import type { AddonError, Result } from './api';
import { allowed, devUser, workerUrl } from './settings';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
export interface WorkerRequest {
  method: Method;
  path: string;
  body?: unknown;
  /** Documents are written to the user's Drive with their own OAuth token. */
  withGoogleToken?: boolean;
  /** Another worker than the configured one (checking a new address in the settings). */
  base?: string;
  /** The version the caller last read: a stale one gets 412 and nothing is written. */
  ifMatch?: string | null | undefined;
}
export type Answer<T> = Result<T> & {
  version?: string | null;
  status?: number;
  /** Seconds to wait before writing again (429 RATE_LIMITED). */
  retryAfter?: number;
};

export const NETWORK_ERROR: AddonError = {
  code: 'NETWORK',
  message: frTypo(
    'Le serveur VELI VELO ne répond pas : vérifiez la connexion puis réessayez. ' +
      'Une nouvelle tentative ne compte pas la saisie deux fois.',
  ),
};
const notAllowed = (url: string): AddonError => ({
  code: 'NOT_ALLOWED',
  message: frTypo(
    `L’adresse du serveur (${url}) n’est pas autorisée par le manifeste du module : un administrateur doit la corriger dans « Paramètres ».`,
  ),
});

function headers(req: WorkerRequest): Record<string, string> {
  const h: Record<string, string> = {};
  const dev = devUser();
  // The harness stands in for Google sign-in; the worker honours this only in AUTH_MODE=dev.
  if (dev) h['X-Dev-User'] = dev;
  else h.Authorization = `Bearer ${ScriptApp.getIdentityToken()}`;
  // The user's Drive token lets the worker fall back to the user's Drive when configured so.
  if (req.withGoogleToken && !dev) h['X-Google-Access-Token'] = ScriptApp.getOAuthToken();
  if (req.ifMatch) h['If-Match'] = `"${req.ifMatch.replace(/^W\//, '').replace(/"/g, '')}"`;
  return h;
}

/** The UrlFetchApp request for a worker call (identity headers included); also for fetchAll. */
export function toFetch(req: WorkerRequest): GoogleAppsScript.URL_Fetch.URLFetchRequest {
  const r: GoogleAppsScript.URL_Fetch.URLFetchRequest = {
    url: (req.base ?? workerUrl()).replace(/\/+$/, '') + req.path,
    method: req.method,
    headers: headers(req),
    muteHttpExceptions: true,
    followRedirects: false,
  };
  if (req.body !== undefined) {
    r.contentType = 'application/json; charset=utf-8';
    r.payload = JSON.stringify(req.body);
  }
  return r;
}

const header = (res: GoogleAppsScript.URL_Fetch.HTTPResponse, name: string): string | undefined => {
  const h = res.getHeaders() as Record<string, string>;
  const found = Object.keys(h).find((k) => k.toLowerCase() === name.toLowerCase());
  return found === undefined ? undefined : String(h[found]);
};
const etag = (res: GoogleAppsScript.URL_Fetch.HTTPResponse): string | null => {
  const v = header(res, 'etag');
  return v ? v.replace(/^W\//, '').replace(/"/g, '') : null;
};

/** A worker answer as the sidebars get it: the JSON body, or the worker's French error. */
export function parse<T>(res: GoogleAppsScript.URL_Fetch.HTTPResponse): Answer<T> {
  const status = res.getResponseCode();
  let body: unknown = null;
  try {
    const text = res.getContentText();
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (status >= 200 && status < 300) return { ok: true, data: body as T, version: etag(res), status };
  const err = (body as { error?: AddonError } | null)?.error;
  const retryAfter = status === 429 ? Number(header(res, 'retry-after') ?? 1) || 1 : undefined;
  if (err && typeof err.message === 'string')
    return { ok: false, error: err, status, ...(retryAfter ? { retryAfter } : {}) };
  return {
    ok: false,
    error: {
      code: status === 404 ? 'NOT_FOUND' : `HTTP_${status}`,
      message: frTypo(`Réponse inattendue du serveur VELI VELO (HTTP ${status}) : réessayez plus tard.`),
    },
  };
}

/** One request; a network failure (no answer at all) becomes NETWORK_ERROR. */
export function callWorker<T>(req: WorkerRequest): Answer<T> {
  const r = toFetch(req);
  if (!allowed(r.url)) return { ok: false, error: notAllowed(r.url) };
  try {
    return parse<T>(UrlFetchApp.fetch(r.url, r));
  } catch {
    return { ok: false, error: NETWORK_ERROR };
  }
}

/**
 * Several requests sent together by one UrlFetchApp.fetchAll (one round trip), each answered as
 * `callWorker` answers it. Apps Script fails the whole call when one request gets no answer at
 * all: then every request is reported lost (NETWORK_ERROR), whatever reached the worker.
 */
export function callWorkerAll<T>(reqs: readonly WorkerRequest[]): Answer<T>[] {
  if (!reqs.length) return [];
  const fetches = reqs.map(toFetch);
  const refused = fetches.find((r) => !allowed(r.url));
  if (refused) return reqs.map(() => ({ ok: false, error: notAllowed(refused.url) }));
  try {
    return UrlFetchApp.fetchAll(fetches).map((res) => parse<T>(res));
  } catch {
    return reqs.map(() => ({ ok: false, error: NETWORK_ERROR }));
  }
}

export const path = (strings: TemplateStringsArray, ...ids: string[]) =>
  strings.reduce((acc, s, i) => acc + s + (i < ids.length ? encodeURIComponent(ids[i] ?? '') : ''), '');
