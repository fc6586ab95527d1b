import { importPKCS8, SignJWT } from 'jose';
import type { Env } from '../env';
import { type CallLog, GoogleError, googleTimeoutMs } from './http';

export { GoogleError } from './http';

/** Google's OAuth token endpoint; `GOOGLE_TOKEN_URL` points tests at a local stand-in. */
export const DEFAULT_TOKEN_URL = 'https://oauth2.googleapis.com/token';

export interface ServiceAccountKey {
  client_email: string;
  private_key: string;
  private_key_id?: string;
  token_uri?: string;
}

/**
 * The configured key is not a usable service-account JSON key (not JSON, fields missing, not
 * a PKCS#8 RSA key). A configuration error: the worker logs it — never the key — and answers
 * 502 in French.
 */
export class ServiceAccountKeyError extends GoogleError {
  constructor(readonly problem: 'not-json' | 'missing-fields' | 'not-pkcs8') {
    super(502, `service-account key unusable (${problem})`, 'malformedKey');
  }
}

/** The service account's key, null when none is configured; throws when it is malformed. */
export function serviceAccountKey(env: Env): ServiceAccountKey | null {
  if (!env.GOOGLE_SERVICE_ACCOUNT_KEY) return null;
  let key: Partial<ServiceAccountKey> | null;
  try {
    key = JSON.parse(env.GOOGLE_SERVICE_ACCOUNT_KEY) as Partial<ServiceAccountKey> | null;
  } catch {
    throw new ServiceAccountKeyError('not-json');
  }
  if (
    !key ||
    typeof key.client_email !== 'string' ||
    typeof key.private_key !== 'string' ||
    !key.client_email
  )
    throw new ServiceAccountKeyError('missing-fields');
  return key as ServiceAccountKey;
}

const cache = new Map<string, { token: string; expiresAt: number }>();

async function signingKey(pem: string) {
  try {
    return await importPKCS8(pem, 'RS256');
  } catch {
    throw new ServiceAccountKeyError('not-pkcs8');
  }
}

/**
 * An access token for the configured service account (RS256 JWT bearer grant, RFC 7523),
 * cached per isolate until a minute before it expires; null when no key is configured. The
 * token request has the same timeout as every Google call. Never logged.
 */
export async function serviceAccountToken(
  env: Env,
  scopes: readonly string[],
  log?: CallLog,
): Promise<string | null> {
  const key = serviceAccountKey(env);
  if (!key) return null;
  const scope = [...scopes].sort().join(' ');
  const cacheKey = `${key.client_email}|${scope}`;
  const hit = cache.get(cacheKey);
  if (hit && hit.expiresAt > Date.now() + 60_000) return hit.token;

  const tokenUrl = env.GOOGLE_TOKEN_URL || DEFAULT_TOKEN_URL;
  const now = Math.floor(Date.now() / 1000);
  const assertion = await new SignJWT({ scope })
    .setProtectedHeader({
      alg: 'RS256',
      typ: 'JWT',
      ...(key.private_key_id ? { kid: key.private_key_id } : {}),
    })
    .setIssuer(key.client_email)
    .setAudience(tokenUrl)
    .setIssuedAt(now)
    .setExpirationTime(now + 3600)
    .sign(await signingKey(key.private_key));
  log?.kinds.push('token');
  if (log) log.requests++;
  let res: Response;
  try {
    res = await fetch(tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }),
      signal: AbortSignal.timeout(googleTimeoutMs(env)),
    });
  } catch (err) {
    const timedOut = (err as Error)?.name === 'TimeoutError';
    throw new GoogleError(timedOut ? 504 : 503, `token endpoint ${timedOut ? 'timed out' : 'unreachable'}`);
  }
  if (!res.ok) {
    await res.body?.cancel();
    throw new GoogleError(res.status, 'token endpoint refused the service account');
  }
  const body = (await res.json()) as { access_token: string; expires_in?: number };
  cache.set(cacheKey, { token: body.access_token, expiresAt: Date.now() + (body.expires_in ?? 3600) * 1000 });
  return body.access_token;
}
