import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import { MSG } from '../../shared/i18n/messages';
import type { Role } from '../../shared/schemas/enums';
import { getMemberRole } from '../db/members';
import type { AppEnv, Env, User } from '../env';
import { ApiError } from '../http/errors';
import { identify } from './identity';
import { ruleFor } from './policy';

export const adminEmails = (env: Env) =>
  new Set(
    (env.ADMIN_EMAILS ?? '')
      .split(',')
      .map((e) => e.trim().toLowerCase())
      .filter(Boolean),
  );

export async function resolveRole(env: Env, email: string): Promise<Role | null> {
  if (adminEmails(env).has(email)) return 'admin';
  return getMemberRole(env.DB, email);
}

/**
 * Applies the policy table to the matched route: public routes pass; others need an identity,
 * a membership and a role the table allows. Unknown routes fall through to the 404 handler.
 */
export const authorize: MiddlewareHandler<AppEnv> = async (c, next) => {
  const path = routePath(c, -1);
  const rule = ruleFor(c.req.method === 'HEAD' ? 'GET' : c.req.method, path);
  if (rule === 'public' || rule === undefined) return next();
  const { email } = await identify(c);
  const role = await resolveRole(c.env, email);
  if (!role) throw new ApiError('FORBIDDEN', MSG.notMember(email));
  if (!rule.includes(role)) {
    throw new ApiError('FORBIDDEN', role === 'viewer' ? MSG.viewerReadOnly : MSG.adminOnly);
  }
  c.set('user', { email, role });
  return next();
};

/** A consultant writes only for the territories whose `consultants` list holds their email. */
export function assertTerritoryAccess(
  user: User,
  territory: { name: string; consultants: readonly string[] },
) {
  if (user.role === 'admin') return;
  if (user.role === 'consultant' && territory.consultants.some((e) => e.toLowerCase() === user.email)) return;
  throw new ApiError(
    'FORBIDDEN',
    user.role === 'viewer' ? MSG.viewerReadOnly : MSG.notYourTerritory(territory.name),
  );
}
