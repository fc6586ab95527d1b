import type { Context } from 'hono';
import type { AppEnv } from '../env';
/**
 * Who is calling. The one place identity is established: `AUTH_MODE=dev` accepts the
 * contract's `X-Dev-User` seam; every other mode ignores that header entirely.
 */
export declare function identify(c: Context<AppEnv>): Promise<{
  email: string;
}>;
