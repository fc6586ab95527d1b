import type { Env } from '../env';
import { fromBase64Url, toBase64Url } from '../http/base64url';
import { inDrive, presentDocument, type StoredDocument } from './store';

/**
 * Expiring links to a document's HTML, signed with HMAC-SHA-256 (`DOCUMENT_LINK_SECRET`):
 * `<PUBLIC_URL>/v1/documents/<id>/html/signed?expires=<unix s>&signature=<base64url>`. A
 * browser opens one as is, without an identity header; anything else about the request
 * (its `Host` above all) plays no part in the link.
 */
export const DEFAULT_LINK_TTL_HOURS = 168;
/** What `npm start` serves; only used in dev mode when `PUBLIC_URL` is not configured. */
const DEV_ORIGIN = 'http://127.0.0.1:8787';

let devSecret: string | null = null;

/** The signing secret; in dev mode without one, a random secret for this isolate's lifetime. */
function linkSecret(env: Env): string | null {
  if (env.DOCUMENT_LINK_SECRET) return env.DOCUMENT_LINK_SECRET;
  if (env.AUTH_MODE !== 'dev') return null;
  devSecret ??= Array.from(crypto.getRandomValues(new Uint8Array(32)), (b) => b.toString(16)).join('');
  return devSecret;
}

/** The configured public base URL without a trailing slash; never derived from a request. */
export function publicBase(env: Env): string | null {
  const raw = env.PUBLIC_URL?.trim();
  if (raw) {
    try {
      const u = new URL(raw);
      if (u.protocol === 'https:' || u.protocol === 'http:')
        return `${u.origin}${u.pathname}`.replace(/\/+$/, '');
    } catch {
      // not a URL: no absolute links rather than wrong ones
    }
    return null;
  }
  return env.AUTH_MODE === 'dev' ? DEV_ORIGIN : null;
}

const hmacKey = (secret: string, usage: 'sign' | 'verify') =>
  crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    usage,
  ]);

/**
 * What a signature covers: the document (and version), the expiry, and which personal data
 * the link's holder may read (`pd`: `all` for ADEME, a territory id for its consultants).
 */
const payload = (id: string, expires: number, pd = '') =>
  new TextEncoder().encode(`document-html\n${id}\n${expires}${pd ? `\n${pd}` : ''}`);

/** The unsigned path of a document's HTML (needs an identity, like every other route). */
export const htmlPath = (id: string) => `/v1/documents/${encodeURIComponent(id)}/html`;

/** Who may read a document's personal data through a link (documents/personal.ts). */
export type PersonalScope = 'all' | string | null;

/**
 * A signed link to the HTML at `path` (a document, or one version of it) valid
 * `DOCUMENT_LINK_TTL_HOURS` from `now`; without a secret (production without local documents)
 * the unsigned link, which needs an identity.
 */
export async function signedLink(
  env: Env,
  key: string,
  path: string,
  personal: PersonalScope = null,
  now = Date.now(),
): Promise<string> {
  const base = publicBase(env) ?? '';
  const secret = linkSecret(env);
  if (!secret) return `${base}${path}`;
  const hours = Number(env.DOCUMENT_LINK_TTL_HOURS);
  const ttl = Number.isFinite(hours) && hours > 0 ? hours : DEFAULT_LINK_TTL_HOURS;
  const expires = Math.floor(now / 1000 + ttl * 3600);
  const pd = personal ?? '';
  const signature = toBase64Url(
    new Uint8Array(
      await crypto.subtle.sign('HMAC', await hmacKey(secret, 'sign'), payload(key, expires, pd)),
    ),
  );
  const scope = pd ? `&pd=${encodeURIComponent(pd)}` : '';
  return `${base}${path}/signed?expires=${expires}${scope}&signature=${signature}`;
}

/** A signed link to document `id`'s live HTML (see `signedLink`). */
export const documentLink = (env: Env, id: string, personal: PersonalScope = null, now = Date.now()) =>
  signedLink(env, id, htmlPath(id), personal, now);

/** True when `signature` is this worker's signature of (`key`, `expires`, `pd`) and it has not expired. */
export async function verifyDocumentLink(
  env: Env,
  key: string,
  expires: string | undefined,
  signature: string | undefined,
  pd?: string,
  now = Date.now(),
): Promise<boolean> {
  const secret = linkSecret(env);
  if (!secret || !expires || !signature || !/^\d{1,12}$/.test(expires)) return false;
  const exp = Number(expires);
  if (exp * 1000 <= now) return false;
  // A signature that is no base64url (a length of 1 mod 4 among others) is simply not ours.
  const sig = signature.length <= 128 ? fromBase64Url(signature) : null;
  if (!sig) return false;
  // crypto.subtle.verify compares in constant time.
  return crypto.subtle.verify('HMAC', await hmacKey(secret, 'verify'), sig, payload(key, exp, pd ?? ''));
}

/**
 * A stored document as the API returns it, with a fresh signed link when its current version
 * lives in the worker (the local default) rather than in a Google Doc.
 */
export async function presentWithLink(env: Env, d: StoredDocument, personal: PersonalScope = null) {
  const shown = presentDocument(d);
  return inDrive(d) ? shown : { ...shown, url: await documentLink(env, d.id, personal) };
}
