import { importPKCS8, SignJWT } from 'jose';
import type { Env } from '../env';

/** Google's OAuth token endpoint; `GOOGLE_TOKEN_URL` points tests at a local stand-in. */
export const DEFAULT_TOKEN_URL = 'https://oauth2.googleapis.com/token';

export interface ServiceAccountKey {
  client_email: string;
  private_key: string;
  private_key_id?: string;
  token_uri?: string;
}

export function serviceAccountKey(env: Env): ServiceAccountKey | null {
  if (!env.GOOGLE_SERVICE_ACCOUNT_KEY) return null;
  const key = JSON.parse(env.GOOGLE_SERVICE_ACCOUNT_KEY) as ServiceAccountKey;
  return key.client_email && key.private_key ? key : null;
}

const cache = new Map<string, { token: string; expiresAt: number }>();

/**
 * An access token for the configured service account (RS256 JWT bearer grant, RFC 7523),
 * cached per isolate until a minute before it expires. Never logged.
 */
export async function serviceAccountToken(env: Env, scopes: readonly string[]): Promise<string | null> {
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
    .sign(await importPKCS8(key.private_key, 'RS256'));
  const res = await fetch(tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }),
  });
  if (!res.ok) throw new GoogleError(res.status, 'token endpoint refused the service account');
  const body = (await res.json()) as { access_token: string; expires_in?: number };
  cache.set(cacheKey, { token: body.access_token, expiresAt: Date.now() + (body.expires_in ?? 3600) * 1000 });
  return body.access_token;
}

/** A failed Google call; the worker turns it into `502 UPSTREAM_FAILED` in French. */
export class GoogleError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
