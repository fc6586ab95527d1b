import type { Context, MiddlewareHandler } from 'hono';
import type { Role } from '../../shared/schemas/enums';
import type { AppEnv, Env, User } from '../env';
export declare const adminEmails: (env: Env) => Set<string>;
export declare function resolveRole(env: Env, email: string): Promise<Role | null>;
/**
 * Applies the policy table to the matched route: public routes pass; others need an identity,
 * a membership and a role the table allows. Unknown routes fall through to the 404 handler.
 */
export declare const authorize: MiddlewareHandler<AppEnv>;
/** A consultant writes only for the territories whose `consultants` list holds their email. */
export declare function assertTerritoryAccess(
  user: User,
  territory: {
    name: string;
    consultants: readonly string[];
  },
): void;
export declare const currentUser: (c: Context<AppEnv>) => User;
