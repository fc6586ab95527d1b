import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import { MSG } from '../../shared/i18n/messages';
import type { Role } from '../../shared/schemas/enums';
import { getMemberRole } from '../db/members';
import type { AppEnv, Env, User } from '../env';
import { ApiError } from '../http/errors';
import type { Route } from '../http/route';
import { identify } from './identity';
import type { Rule } from './policy';

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
 * Applies each declared route's roles. Public routes pass; others need an identity, a
 * membership and a role the declaration allows. Fail-closed: a route handler the app serves
 * without a declaration (registered by hand) is refused to everyone; a path no route matches
 * falls through to the 404 handler.
 */
export function authorize(routes: readonly Route[]): MiddlewareHandler<AppEnv> {
  const rules = new Map<string, Rule>(routes.map((r) => [`${r.spec.method} ${r.spec.path}`, r.spec.roles]));
  return async (c, next) => {
    const method = c.req.method === 'HEAD' ? 'GET' : c.req.method;
    const rule = rules.get(`${method} ${routePath(c, -1)}`);
    if (rule === 'public') return next();
    if (rule === undefined) {
      const matchedHandler = c.req.matchedRoutes.some((r) => r.method !== 'ALL');
      if (matchedHandler) throw new ApiError('FORBIDDEN', MSG.undeclaredRoute);
      return next();
    }
    const { email } = await identify(c);
    const role = await resolveRole(c.env, email);
    if (!role) throw new ApiError('FORBIDDEN', MSG.notMember(email));
    if (!rule.includes(role)) {
      if (method === 'GET')
        throw new ApiError('FORBIDDEN', rule.includes('viewer') ? MSG.staffOnlyRead : MSG.adminOnlyRead);
      throw new ApiError('FORBIDDEN', role === 'viewer' ? MSG.viewerReadOnly : MSG.adminOnly);
    }
    c.set('user', { email, role });
    return next();
  };
}

/** A consultant writes only for the territories whose `consultants` list holds their email. */
export const mayWriteFor = (user: User, territory: { consultants: readonly string[] }) =>
  user.role === 'admin' ||
  (user.role === 'consultant' && territory.consultants.some((e) => e.toLowerCase() === user.email));

/** Refuses a write for a territory the caller may not write for (see mayWriteFor). */
export function assertTerritoryAccess(
  user: User,
  territory: { name: string; consultants: readonly string[] },
) {
  if (mayWriteFor(user, territory)) return;
  throw new ApiError(
    'FORBIDDEN',
    user.role === 'viewer' ? MSG.viewerReadOnly : MSG.notYourTerritory(territory.name),
  );
}
