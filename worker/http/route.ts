import type { Context } from 'hono';
import type * as z from 'zod/mini';
import type { Rule } from '../auth/policy';
import type { AppEnv } from '../env';
import { readBody, readQuery } from './body';

export type Ctx = Context<AppEnv>;

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type Schema = z.core.$ZodType;
type Infer<S> = S extends Schema ? z.output<S> : undefined;

/** The names of a path's parameters: `/v1/territories/:id/partners` → `'id'`. */
type ParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | ParamNames<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;
/** A route's path parameters, decoded by the router, typed from its path literal. */
export type Params<P extends string> = { [K in ParamNames<P>]: string };
type PathOf<K extends string> = K extends `${Method} ${infer P}` ? P : never;

/**
 * Everything the app knows about a route, declared once beside its handler: the router
 * registers it, the authorization middleware applies `roles`, the body and query are
 * validated with these very schemas before the handler runs, the OpenAPI document is
 * generated from them, and the tests check every success answer against `response`.
 */
export interface RouteSpec {
  method: Method;
  path: `/v1/${string}`;
  roles: Rule;
  /** French, for the OpenAPI document. */
  summary: string;
  /** The JSON body's schema; a route without one takes no body. */
  body?: Schema | undefined;
  /** The query string's schema (an object of optional strings); empty values are dropped. */
  query?: Schema | undefined;
  /** The success answer's schema (zod/mini, from `shared/api/`). */
  response: Schema;
  /** The success answer's media type when it is not JSON (a rendered document, a CSV, JSON Lines). */
  mediaType?: string;
  /** The status of a successful answer (a replayed create answers 200). */
  status: 200 | 201;
  /** The body may be empty, standing for `{}` (POST /v1/checks/run). */
  optionalBody?: true;
  /** The handler takes the caller's write slot in its own first D1 batch (no separate limiter call). */
  writeSlotInBatch?: true;
}

/** What a handler gets besides the context: the validated body and query, the path parameters. */
export interface Input<B, Q, P> {
  body: B;
  query: Q;
  params: P;
}

export interface Route {
  spec: RouteSpec;
  /** Reads and validates the request as declared, then runs the handler. */
  run: (c: Ctx) => Promise<Response>;
}

type Options<B, Q> = Omit<
  RouteSpec,
  'method' | 'path' | 'roles' | 'summary' | 'response' | 'status' | 'body' | 'query'
> & {
  body?: B;
  query?: Q;
  status?: 200 | 201;
};

/**
 * The request as a route declares it: the body and query validated by their schemas (absent
 * without one), the path's parameters by name as the router decoded them.
 */
async function readInput<B extends Schema | undefined, Q extends Schema | undefined, P extends string>(
  c: Ctx,
  options: Options<B, Q>,
  names: readonly string[],
): Promise<Input<Infer<B>, Infer<Q>, Params<P>>> {
  const body = options.body ? await readBody(c, options.body, options.optionalBody) : undefined;
  const query = options.query ? readQuery(c, options.query) : undefined;
  // What the schemas validated is what they infer; the names are the path literal's own.
  return {
    body: body as Infer<B>,
    query: query as Infer<Q>,
    params: Object.fromEntries(names.map((n) => [n, c.req.param(n) ?? ''])) as Params<P>,
  };
}

/**
 * Declares a route: `route('POST /v1/blockers', WRITERS, 'Créer un verrou', Blocker, createBlocker,
 * created(BlockerInput))`: who may call it, what it answers (a schema of shared/api), its
 * handler, and what it reads. The handler gets the validated body and query and the path's
 * parameters, each typed from the declaration.
 */
export function route<
  K extends `${Method} /v1/${string}`,
  B extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
>(
  key: K,
  roles: Rule,
  summary: string,
  response: Schema,
  handler: (c: Ctx, input: Input<Infer<B>, Infer<Q>, Params<PathOf<K>>>) => Response | Promise<Response>,
  options: Options<B, Q> = {},
): Route {
  const [method, path] = key.split(' ') as [Method, RouteSpec['path']];
  const spec: RouteSpec = { method, path, roles, summary, response, status: 200, ...options };
  const names = [...path.matchAll(/:(\w+)/g)].map((m) => m[1] ?? '');
  return { spec, run: async (c) => handler(c, await readInput<B, Q, PathOf<K>>(c, options, names)) };
}

/** A create: its body's schema, and 201 for a new record (a replay answers 200). */
export const created = <B extends Schema>(body: B) => ({ body, status: 201 as const });

/** `GET /v1/territories/:id`: the key tests and logs use for a route. */
export const routeKey = (s: Pick<RouteSpec, 'method' | 'path'>) => `${s.method} ${s.path}`;
