import SwaggerParser from '@apidevtools/swagger-parser';
import { describe, expect, it } from 'vitest';
import { app } from '../../worker/app';
import { openApiDocument } from '../../worker/openapi';
import { ROUTES } from '../../worker/routes';

type Doc = { openapi: string; paths: Record<string, Record<string, { requestBody?: unknown }>> };

describe('/v1/openapi.json', () => {
  it('passes a real OpenAPI validator', async () => {
    const doc = structuredClone(openApiDocument(ROUTES)) as Doc;
    expect(doc.openapi).toBe('3.1.0');
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeTruthy();
  });

  it('lists every route the app serves, and nothing else', () => {
    const doc = openApiDocument(ROUTES) as Doc;
    const served = app.routes
      .filter((r) => r.method !== 'ALL')
      .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`);
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(served.length).toBeGreaterThan(40);
    expect([...new Set(served)].sort()).toEqual(documented.sort());
  });

  it('is served without authentication and generated from the validating schemas', async () => {
    const res = await app.request('/v1/openapi.json', {}, { AUTH_MODE: 'google' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Doc;
    const session = body.paths['/v1/sessions']?.post?.requestBody as {
      content: Record<
        string,
        { schema: { properties: Record<string, { enum?: string[] }>; additionalProperties: boolean } }
      >;
    };
    const schema = session.content['application/json']!.schema;
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.kind?.enum).toContain('partner-support');
  });
});

describe('/v1/openapi.json — success answers', () => {
  it('describes every success answer with its real schema, not a bare object', () => {
    type Op = { responses: Record<string, { content: Record<string, { schema: Record<string, unknown> }> }> };
    const doc = openApiDocument(ROUTES) as { paths: Record<string, Record<string, Op>> };
    const ops = Object.entries(doc.paths).flatMap(([path, m]) =>
      Object.entries(m).map(([k, op]) => ({ path, k, op })),
    );
    for (const { path, k, op } of ops) {
      const [status, answer] = Object.entries(op.responses)[0]!;
      expect(status, `${k} ${path}`).toMatch(/^20[01]$/);
      const [type, { schema }] = Object.entries(answer.content)[0]!;
      // A rendered document, a CSV, JSON Lines: text of its media type; everything else a JSON object.
      if (/\/html|\.csv$|\/archive$/.test(path)) {
        expect(type, `${k} ${path}`).toMatch(/^(text\/html|text\/csv|application\/x-ndjson)$/);
        expect(schema.type).toBe('string');
      } else {
        expect(type, `${k} ${path}`).toBe('application/json');
        const members = Object.keys(schema.properties ?? schema.anyOf ?? {});
        expect(members.length, `${k} ${path}`).toBeGreaterThan(0);
      }
    }
    const session = doc.paths['/v1/sessions']?.post?.responses['201']?.content['application/json']?.schema;
    expect(session).toMatchObject({
      properties: {
        session: { properties: { phase: {}, createdBy: {} } },
        quota: { properties: { status: {} } },
      },
      additionalProperties: false,
    });
  });
});
