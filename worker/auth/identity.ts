import type { Context } from 'hono';
import { MSG } from '../../shared/i18n/messages';
import type { AppEnv } from '../env';
import { ApiError } from '../http/errors';
import { verifyGoogleIdToken } from './google-token';

/**
 * Who is calling. The one place identity is established: `AUTH_MODE=dev` accepts the
 * contract's `X-Dev-User` seam; every other mode ignores that header entirely and requires a
 * Google ID token in `Authorization: Bearer …`.
 */
export async function identify(c: Context<AppEnv>): Promise<{ email: string }> {
  if (c.env.AUTH_MODE === 'dev') {
    const dev = c.req.header('x-dev-user')?.trim().toLowerCase();
    if (dev && /^[^\s@]+@[^\s@]+$/.test(dev)) return { email: dev };
  }
  const authz = c.req.header('authorization')?.trim();
  if (!authz) throw new ApiError('UNAUTHENTICATED', MSG.unauthenticated);
  const match = /^Bearer\s+(\S+)$/i.exec(authz);
  if (!match?.[1]) throw new ApiError('UNAUTHENTICATED', MSG.invalidToken);
  const result = await verifyGoogleIdToken(match[1], {
    jwksUrl: c.env.GOOGLE_JWKS_URL,
    clientId: c.env.GOOGLE_CLIENT_ID,
  });
  if (result.ok) return { email: result.email };
  // The reason is a jose error code, never the token or its claims.
  console.warn(
    JSON.stringify({ level: 'warn', requestId: c.get('requestId'), auth: 'refused', reason: result.reason }),
  );
  if (result.upstream) throw new ApiError('UPSTREAM_FAILED', MSG.upstream);
  throw new ApiError('UNAUTHENTICATED', MSG.invalidToken);
}
