import type { Context } from 'hono';
import type * as z from 'zod/mini';
import type { Rule } from '../auth/policy';
import type { AppEnv } from '../env';

export type Ctx = Context<AppEnv>;

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type Schema = z.core.$ZodType;
type Infer<S> = S extends Schema ? z.infer<S> : undefined;

/**
 * Everything the app knows about a route, declared once beside its handler: the router
 * registers it, the authorization middleware applies `roles`, the body and query are
 * validated with these very schemas before the handler runs, and the OpenAPI document is
 * generated from them.
 */
export interface RouteSpec<
  B extends Schema | undefined = Schema | undefined,
  Q extends Schema | undefined = Schema | undefined,
> {
  method: Method;
  path: `/v1/${string}`;
  roles: Rule;
  /** French, for the OpenAPI document. */
  summary: string;
  /** The JSON body's schema; a route without one takes no body. */
  body?: B;
  /** The query string's schema (an object of optional strings); empty values are dropped. */
  query?: Q;
  /**
   * The success answer's schema (zod/mini, from `shared/api/`): OpenAPI documents it and the
   * tests check every answer against it.
   */
  response?: Schema;
  /** The success answer's media type when it is not JSON (a CSV, JSON Lines): OpenAPI says so. */
  mediaType?: string;
  /** The status of a successful answer (a replayed create answers 200). */
  status: 200 | 201;
  /** The body may be empty, standing for `{}` (POST /v1/checks/run). */
  optionalBody?: true;
  /** The handler takes the caller's write slot in its own first D1 batch (no separate limiter call). */
  writeSlotInBatch?: true;
}

export interface Input<B, Q> {
  body: B;
  query: Q;
}

export interface Route {
  spec: RouteSpec;
  handler: (c: Ctx, input: Input<unknown, unknown>) => Response | Promise<Response>;
}

type Options<B, Q> = Omit<
  RouteSpec<B & (Schema | undefined), Q & (Schema | undefined)>,
  'method' | 'path' | 'roles' | 'summary' | 'status'
> & {
  status?: 200 | 201;
};

/**
 * Declares a route: `route('POST /v1/blockers', WRITERS, 'Créer un verrou', createBlocker,
 * created(BlockerInput))`. The handler gets the validated body and query.
 */
export function route<B extends Schema | undefined = undefined, Q extends Schema | undefined = undefined>(
  key: `${Method} /v1/${string}`,
  roles: Rule,
  summary: string,
  handler: (c: Ctx, input: Input<Infer<B>, Infer<Q>>) => Response | Promise<Response>,
  options: Options<B, Q> = {},
): Route {
  const [method, path] = key.split(' ') as [Method, RouteSpec['path']];
  const spec: RouteSpec = { method, path, roles, summary, status: 200, ...options };
  return { spec, handler: handler as Route['handler'] };
}

/** A create: its body's schema, and 201 for a new record (a replay answers 200). */
export const created = <B extends Schema>(body: B) => ({ body, status: 201 as const });

/** `GET /v1/territories/:id`: the key tests and logs use for a route. */
export const routeKey = (s: Pick<RouteSpec, 'method' | 'path'>) => `${s.method} ${s.path}`;
