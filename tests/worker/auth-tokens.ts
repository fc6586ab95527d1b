import { env } from 'cloudflare:test';
import { importJWK, type JWK, type JWTPayload, SignJWT } from 'jose';
import { app } from '../../worker/app';

declare global {
  namespace Cloudflare {
    interface Env {
      GOOGLE_JWKS_URL: string;
      TEST_GOOGLE_PRIVATE_JWK: string;
    }
  }
}

export const CLIENT_ID = '1234567890-veli.apps.googleusercontent.com';
export const privateJwk = JSON.parse(env.TEST_GOOGLE_PRIVATE_JWK) as JWK & { kid: string };

/** The production environment: Google sign-in, our client id, the local JWKS stand-in. */
export const googleEnv = (over: Record<string, unknown> = {}) => ({
  ...env,
  AUTH_MODE: 'google',
  GOOGLE_CLIENT_ID: CLIENT_ID,
  ...over,
});

const now = () => Math.floor(Date.now() / 1000);

/** The claims Google puts in an ID token for a signed-in user (ScriptApp.getIdentityToken). */
export const googleClaims = (email: string, over: JWTPayload = {}): JWTPayload => ({
  iss: 'https://accounts.google.com',
  aud: CLIENT_ID,
  azp: CLIENT_ID,
  sub: '110169484474386276334',
  email,
  email_verified: true,
  iat: now() - 10,
  exp: now() + 3590,
  ...over,
});

/** An RS256 token signed with the key whose public half the local JWKS server publishes. */
export async function mintToken(
  claims: JWTPayload,
  opts: { key?: CryptoKey; kid?: string; alg?: string } = {},
): Promise<string> {
  const key = opts.key ?? ((await importJWK(privateJwk, 'RS256')) as CryptoKey);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: opts.alg ?? 'RS256', kid: opts.kid ?? privateJwk.kid, typ: 'JWT' })
    .sign(key);
}

export const b64url = (s: string | Uint8Array) => {
  const bytes = typeof s === 'string' ? new TextEncoder().encode(s) : s;
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};

/** A request through the real app with a modified environment (AUTH_MODE=google by default). */
export async function callWith(
  environment: Record<string, unknown>,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: unknown,
) {
  const init: RequestInit = { method, headers: { ...headers } };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    (init.headers as Record<string, string>)['content-type'] = 'application/json';
  }
  const res = await app.request(path, init, environment);
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // keep the text
  }
  // biome-ignore lint/suspicious/noExplicitAny: JSON bodies of many shapes, asserted field by field.
  return { status: res.status, headers: res.headers, body: parsed as any, text };
}
