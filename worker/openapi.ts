import * as z from 'zod/mini';
import { ERROR_CODES } from '../shared/i18n/messages';
import type { Route } from './http/route';

const jsonSchema = (schema: z.core.$ZodType, io: 'input' | 'output' = 'input') => {
  const { $schema: _s, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return rest;
};

const json = (schema: object) => ({ 'application/json': { schema } });

/** Query parameters from the declared query schema (an object of optional strings). */
function queryParameters(schema: z.core.$ZodType | undefined) {
  if (!schema) return [];
  const properties = (jsonSchema(schema).properties ?? {}) as Record<string, object>;
  return Object.entries(properties).map(([name, s]) => ({ name, in: 'query', required: false, schema: s }));
}

const ERROR_RESPONSES = Object.fromEntries(
  [...new Set(Object.values(ERROR_CODES))].map((status) => [
    String(status),
    { description: 'Erreur (message en français)', content: json({ $ref: '#/components/schemas/Error' }) },
  ]),
);

function operation({ spec }: Route) {
  const params = [...spec.path.matchAll(/:(\w+)/g)].map((m) => ({
    name: m[1],
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  const op: Record<string, unknown> = {
    operationId: `${spec.method.toLowerCase()}${spec.path.replace(/[/:.](\w)/g, (_m, ch: string) => ch.toUpperCase()).replace(/[^A-Za-z0-9]/g, '')}`,
    summary: spec.summary,
    parameters: [...params, ...queryParameters(spec.query)],
    responses: {
      [String(spec.status)]: {
        description: 'Succès',
        content: {
          [spec.mediaType?.split(';')[0] ?? 'application/json']: {
            schema: jsonSchema(spec.response, 'output'),
          },
        },
      },
      ...ERROR_RESPONSES,
    },
  };
  if (spec.roles === 'public') op.security = [];
  else op['x-roles'] = spec.roles;
  if (spec.body) op.requestBody = { required: !spec.optionalBody, content: json(jsonSchema(spec.body)) };
  return op;
}

const ERROR_SCHEMA = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', enum: Object.keys(ERROR_CODES) },
        message: { type: 'string' },
        issues: {
          type: 'array',
          items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } },
        },
      },
    },
  },
};

const cache = new WeakMap<readonly Route[], object>();

/** OpenAPI 3.1, generated from the route declarations: their roles and the very schemas that validate. */
export function openApiDocument(routes: readonly Route[]): object {
  const hit = cache.get(routes);
  if (hit) return hit;
  const paths: Record<string, Record<string, object>> = {};
  for (const r of routes) {
    const path = r.spec.path.replace(/:(\w+)/g, '{$1}');
    paths[path] ??= {};
    paths[path][r.spec.method.toLowerCase()] = operation(r);
  }
  const doc = {
    openapi: '3.1.0',
    info: {
      title: 'VELI VELO Occitanie — API du registre',
      version: '1',
      description:
        'Registre du programme VELI VELO Occitanie (ADEME) : séances, quotas, verrous, indicateurs, livrables.',
    },
    servers: [{ url: '/' }],
    security: [{ googleIdToken: [] }],
    components: {
      securitySchemes: {
        googleIdToken: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'Jeton d’identité Google',
        },
      },
      schemas: { Error: ERROR_SCHEMA },
    },
    paths,
  };
  cache.set(routes, doc);
  return doc;
}
