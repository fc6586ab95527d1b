import { createRemoteJWKSet, errors, type JWTVerifyGetKey, jwtVerify } from 'jose';

export const GOOGLE_JWKS_URL = 'https://www.googleapis.com/oauth2/v3/certs';
export const GOOGLE_ISSUERS = ['accounts.google.com', 'https://accounts.google.com'];

/**
 * One key set per URL for the isolate's lifetime: jose caches the keys, refetches on an
 * unknown `kid` (at most every 30 s) and every 10 minutes, so a request rarely waits on Google.
 */
const keySets = new Map<string, JWTVerifyGetKey>();
function keySet(url: string): JWTVerifyGetKey {
  let set = keySets.get(url);
  if (!set) {
    set = createRemoteJWKSet(new URL(url), { timeoutDuration: 3000 });
    keySets.set(url, set);
  }
  return set;
}

/** Why a token was refused, for the log line (the token itself is never logged). */
export type TokenRefusal = { ok: false; reason: string; upstream: boolean };
export type TokenResult = { ok: true; email: string } | TokenRefusal;

/**
 * Verifies a Google ID token: RS256 only, signed by a key of the JWKS, one of Google's two
 * issuer spellings, our client id as audience, not expired (60 s of clock skew at most), issued
 * within the hour, and a verified email address.
 */
export async function verifyGoogleIdToken(
  token: string,
  opts: { jwksUrl?: string | undefined; clientId?: string | undefined },
): Promise<TokenResult> {
  // Without an audience to check, any Google token of any app would pass: refuse everything.
  if (!opts.clientId) return { ok: false, reason: 'no-client-id', upstream: false };
  try {
    const { payload } = await jwtVerify(token, keySet(opts.jwksUrl || GOOGLE_JWKS_URL), {
      algorithms: ['RS256'],
      issuer: GOOGLE_ISSUERS,
      audience: opts.clientId,
      clockTolerance: 60,
      maxTokenAge: '1h',
      requiredClaims: ['exp', 'iat', 'email'],
    });
    const email = typeof payload.email === 'string' ? payload.email.trim().toLowerCase() : '';
    if (payload.email_verified !== true) return { ok: false, reason: 'email-not-verified', upstream: false };
    if (!/^[^\s@]+@[^\s@]+$/.test(email)) return { ok: false, reason: 'bad-email', upstream: false };
    return { ok: true, email };
  } catch (err) {
    return { ok: false, reason: refusalReason(err), upstream: isUpstreamFailure(err) };
  }
}

/** Google's key set unreachable or unreadable: the token may be fine, we cannot tell. */
function isUpstreamFailure(err: unknown): boolean {
  if (err instanceof errors.JWKSTimeout || err instanceof errors.JWKSInvalid) return true;
  if (err instanceof errors.JOSEError) return err.code === 'ERR_JOSE_GENERIC';
  // fetch() itself failed (DNS, connection refused): not a property of the token.
  return err instanceof TypeError && /fetch|network|connect/i.test(err.message);
}

const refusalReason = (err: unknown) =>
  err instanceof errors.JOSEError ? err.code : err instanceof Error ? err.name : 'unknown';
