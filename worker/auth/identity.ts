import type { Context } from 'hono';
import { MSG } from '../../shared/i18n/messages';
import type { AppEnv } from '../env';
import { ApiError } from '../http/errors';

/**
 * Who is calling. The one place identity is established: `AUTH_MODE=dev` accepts the
 * contract's `X-Dev-User` seam; every other mode ignores that header entirely.
 */
export async function identify(c: Context<AppEnv>): Promise<{ email: string }> {
  if (c.env.AUTH_MODE === 'dev') {
    const dev = c.req.header('x-dev-user')?.trim().toLowerCase();
    if (dev && /^[^\s@]+@[^\s@]+$/.test(dev)) return { email: dev };
  }
  const authz = c.req.header('authorization');
  if (!authz) throw new ApiError('UNAUTHENTICATED', MSG.unauthenticated);
  // Google ID tokens are verified by the sign-in module; until it is configured, refuse.
  throw new ApiError('UNAUTHENTICATED', MSG.invalidToken);
}
