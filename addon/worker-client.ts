// The add-on's only way to the worker: UrlFetchApp, one request per user action (a screen
// needing several lists asks GET /v1/snapshot for them), errors turned into the French
// `AddonError` the sidebars show as is.
import type { AddonError, Result } from './api';
import { devUser, workerUrl } from './settings';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
export interface WorkerRequest {
  method: Method;
  path: string;
  body?: unknown;
  /** Documents are written to the user's Drive with their own OAuth token. */
  withGoogleToken?: boolean;
  /** Another worker than the configured one (checking a new address in the settings). */
  base?: string;
}

export const NETWORK_ERROR: AddonError = {
  code: 'NETWORK',
  message:
    'Le serveur VELI VELO ne répond pas : vérifiez la connexion puis réessayez. ' +
    'Une nouvelle tentative ne compte pas la saisie deux fois.',
};

function headers(req: WorkerRequest): Record<string, string> {
  const h: Record<string, string> = {};
  const dev = devUser();
  // The harness stands in for Google sign-in; the worker honours this only in AUTH_MODE=dev.
  if (dev) h['X-Dev-User'] = dev;
  else h.Authorization = `Bearer ${ScriptApp.getIdentityToken()}`;
  // The user's Drive token makes the worker create a Google Doc. The harness has no Google, so
  // its documents take the worker's local default (kept and served by the worker).
  if (req.withGoogleToken && !dev) h['X-Google-Access-Token'] = ScriptApp.getOAuthToken();
  return h;
}

function toFetch(req: WorkerRequest): GoogleAppsScript.URL_Fetch.URLFetchRequest {
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

function parse<T>(res: GoogleAppsScript.URL_Fetch.HTTPResponse): Result<T> {
  const status = res.getResponseCode();
  let body: unknown = null;
  try {
    const text = res.getContentText();
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (status >= 200 && status < 300) return { ok: true, data: body as T };
  const err = (body as { error?: AddonError } | null)?.error;
  if (err && typeof err.message === 'string') return { ok: false, error: err };
  return {
    ok: false,
    error: {
      code: status === 404 ? 'NOT_FOUND' : `HTTP_${status}`,
      message: `Réponse inattendue du serveur VELI VELO (HTTP ${status}) : réessayez plus tard.`,
    },
  };
}

/** One request; a network failure (no answer at all) becomes NETWORK_ERROR. */
export function callWorker<T>(req: WorkerRequest): Result<T> {
  const r = toFetch(req);
  let res: GoogleAppsScript.URL_Fetch.HTTPResponse;
  try {
    res = UrlFetchApp.fetch(r.url, r);
  } catch {
    return { ok: false, error: NETWORK_ERROR };
  }
  return parse<T>(res);
}

export const path = (strings: TemplateStringsArray, ...ids: string[]) =>
  strings.reduce((acc, s, i) => acc + s + (i < ids.length ? encodeURIComponent(ids[i] ?? '') : ''), '');
