import { env } from 'cloudflare:test';
import { exportJWK, exportSPKI, generateKeyPair, importJWK, type JWTPayload, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { MSG } from '../../shared/i18n/messages';
import { b64url, CLIENT_ID, callWith, googleClaims, googleEnv, mintToken, privateJwk } from './auth-tokens';
import { ADMIN, counts, uid } from './helpers';

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const now = () => Math.floor(Date.now() / 1000);

async function expectRefused(headers: Record<string, string>, message: string = MSG.invalidToken) {
  const before = await counts();
  const read = await callWith(googleEnv(), 'GET', '/v1/me', headers);
  expect(read.status, read.text).toBe(401);
  expect(read.body.error).toEqual({ code: 'UNAUTHENTICATED', message });
  const write = await callWith(googleEnv(), 'POST', '/v1/members', headers, {
    email: `${uid('m')}@example.org`,
    role: 'viewer',
  });
  expect(write.status, write.text).toBe(401);
  expect(await counts()).toEqual(before);
}

describe('Google ID tokens (jose, local JWKS server) — accepted, within the clock skew', () => {
  it('accepts a valid token: the caller is the token’s email, with its role', async () => {
    const res = await callWith(googleEnv(), 'GET', '/v1/me', bearer(await mintToken(googleClaims(ADMIN))));
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ email: ADMIN, role: 'admin' });
  });

  it('accepts both of Google’s issuer spellings', async () => {
    for (const iss of ['accounts.google.com', 'https://accounts.google.com']) {
      const res = await callWith(
        googleEnv(),
        'GET',
        '/v1/me',
        bearer(await mintToken(googleClaims(ADMIN, { iss }))),
      );
      expect(res.status, iss).toBe(200);
    }
  });

  it('lets a valid token write, recorded under the token’s email', async () => {
    const email = `${uid('m')}@example.org`;
    const token = await mintToken(googleClaims(ADMIN.toUpperCase()));
    const res = await callWith(googleEnv(), 'POST', '/v1/members', bearer(token), { email, role: 'viewer' });
    expect(res.status, res.text).toBe(201);
    const row = await env.DB.prepare('SELECT created_by FROM members WHERE email = ?').bind(email).first();
    expect(row).toEqual({ created_by: ADMIN });
  });

  it('tolerates at most 60 s of clock skew on expiry', async () => {
    const justExpired = await mintToken(googleClaims(ADMIN, { iat: now() - 3630, exp: now() - 30 }));
    expect((await callWith(googleEnv(), 'GET', '/v1/me', bearer(justExpired))).status).toBe(200);
    await expectRefused(bearer(await mintToken(googleClaims(ADMIN, { iat: now() - 3500, exp: now() - 90 }))));
  });

  it('refuses an expired token', async () => {
    await expectRefused(
      bearer(await mintToken(googleClaims(ADMIN, { iat: now() - 7200, exp: now() - 3600 }))),
    );
  });

  it('refuses a token not yet valid (nbf, or issued in the future)', async () => {
    await expectRefused(bearer(await mintToken(googleClaims(ADMIN, { nbf: now() + 300 }))));
    await expectRefused(
      bearer(await mintToken(googleClaims(ADMIN, { iat: now() + 300, exp: now() + 3900 }))),
    );
  });
});

describe('Google ID tokens — refused when meant for others or forged', () => {
  it('refuses a token for another audience, or with no audience', async () => {
    await expectRefused(
      bearer(await mintToken(googleClaims(ADMIN, { aud: 'other-app.apps.googleusercontent.com' }))),
    );
    await expectRefused(bearer(await mintToken(withoutAudience(googleClaims(ADMIN)))));
  });

  it('refuses a token from another issuer', async () => {
    await expectRefused(bearer(await mintToken(googleClaims(ADMIN, { iss: 'https://evil.example' }))));
    await expectRefused(
      bearer(await mintToken(googleClaims(ADMIN, { iss: 'accounts.google.com.evil.example' }))),
    );
  });

  it('refuses alg "none"', async () => {
    const header = b64url(JSON.stringify({ alg: 'none', typ: 'JWT', kid: privateJwk.kid }));
    const payload = b64url(JSON.stringify(googleClaims(ADMIN)));
    await expectRefused(bearer(`${header}.${payload}.`));
    await expectRefused(bearer(`${header}.${payload}`));
  });

  it('refuses HS256 signed with the public key (algorithm confusion)', async () => {
    const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = privateJwk;
    const publicKey = (await importJWK({ ...publicJwk, alg: 'RS256' }, 'RS256')) as CryptoKey;
    const pem = await exportSPKI(publicKey);
    for (const secret of [
      new TextEncoder().encode(pem),
      new TextEncoder().encode(JSON.stringify(publicJwk)),
    ]) {
      const token = await new SignJWT(googleClaims(ADMIN))
        .setProtectedHeader({ alg: 'HS256', kid: privateJwk.kid, typ: 'JWT' })
        .sign(secret);
      await expectRefused(bearer(token));
    }
  });

  it('refuses a token signed by a key the JWKS does not hold (unknown kid, or a known kid forged)', async () => {
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    expect((await exportJWK(privateKey)).kty).toBe('RSA');
    await expectRefused(
      bearer(await mintToken(googleClaims(ADMIN), { key: privateKey, kid: 'unknown-kid' })),
    );
    await expectRefused(bearer(await mintToken(googleClaims(ADMIN), { key: privateKey })));
  });

  it('refuses a tampered payload', async () => {
    const token = await mintToken(googleClaims(`${uid('v')}@example.org`));
    const [h, , s] = token.split('.');
    const forged = `${h}.${b64url(JSON.stringify(googleClaims(ADMIN)))}.${s}`;
    await expectRefused(bearer(forged));
  });
});

describe('Google ID tokens — refused when unverified, malformed or missing', () => {
  it('refuses an unverified email (false, missing, or the string "true")', async () => {
    for (const email_verified of [false, undefined, 'true']) {
      await expectRefused(bearer(await mintToken(googleClaims(ADMIN, { email_verified }))));
    }
    await expectRefused(bearer(await mintToken(googleClaims(ADMIN, { email: undefined }))));
  });

  it('refuses malformed tokens and headers', async () => {
    for (const authorization of [
      'Bearer not-a-token',
      'Bearer a.b.c',
      'Bearer ...',
      'Bearer',
      `Basic ${btoa(`${ADMIN}:x`)}`,
      `Bearer ${'x'.repeat(5000)}`,
    ]) {
      await expectRefused({ authorization });
    }
  });

  it('refuses a missing token with a French invitation to sign in', async () => {
    await expectRefused({}, MSG.unauthenticated);
  });
});

describe('Google ID tokens — configuration, key set and membership', () => {
  it('refuses every token while GOOGLE_CLIENT_ID is not configured', async () => {
    const res = await callWith(
      googleEnv({ GOOGLE_CLIENT_ID: '' }),
      'GET',
      '/v1/me',
      bearer(await mintToken(googleClaims(ADMIN, { aud: '' }))),
    );
    expect(res.status).toBe(401);
    expect(res.body.error.message).toBe(MSG.invalidToken);
  });

  it('answers 502 in French when Google’s key set cannot be fetched', async () => {
    const res = await callWith(
      googleEnv({ GOOGLE_JWKS_URL: `${env.GOOGLE_JWKS_URL}/missing` }),
      'GET',
      '/v1/me',
      bearer(await mintToken(googleClaims(ADMIN))),
    );
    expect(res.status).toBe(502);
    expect(res.body.error).toEqual({ code: 'UPSTREAM_FAILED', message: MSG.upstream });
  });

  it('gives a verified non-member 403, not access', async () => {
    const email = `${uid('x')}@gmail.example`;
    const res = await callWith(googleEnv(), 'GET', '/v1/me', bearer(await mintToken(googleClaims(email))));
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe(MSG.notMember(email));
  });

  it('uses the client id from the environment as the only audience', async () => {
    expect(CLIENT_ID).not.toBe('');
    const token = await mintToken(googleClaims(ADMIN));
    const res = await callWith(
      googleEnv({ GOOGLE_CLIENT_ID: 'another-client' }),
      'GET',
      '/v1/me',
      bearer(token),
    );
    expect(res.status).toBe(401);
  });
});

function withoutAudience(claims: JWTPayload): JWTPayload {
  const { aud: _aud, ...rest } = claims;
  return rest;
}
