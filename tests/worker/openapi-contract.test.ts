import { describe, expect, it } from 'vitest';
import { call } from './helpers';

interface BodySchema {
  required?: string[];
  additionalProperties?: boolean;
}
type Operation = { requestBody?: { content: Record<string, { schema: BodySchema }> } };

/**
 * The request schema the OpenAPI document publishes is the one the handler validates with:
 * for every documented body, an empty object is refused naming each documented required
 * field, and an undocumented field is refused where the document says none is allowed.
 */
describe('the published request schemas are the ones enforced', async () => {
  const doc = (await call('GET', '/v1/openapi.json', { as: null })).body as {
    paths: Record<string, Record<string, Operation>>;
  };
  const withBody = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops)
      .filter(([, op]) => op.requestBody)
      .map(([method, op]) => ({
        method: method.toUpperCase(),
        path: path.replace(/\{\w+\}/g, 'no-such-record'),
        schema: op.requestBody!.content['application/json']!.schema,
      })),
  );

  it('documents a body for the writes of the contract', () => {
    expect(withBody.length).toBeGreaterThanOrEqual(15);
  });

  for (const route of withBody) {
    it(`${route.method} ${route.path}`, async () => {
      const required = route.schema.required ?? [];
      if (required.length) {
        const res = await call(route.method, route.path, { body: {} });
        expect(res.status, JSON.stringify(res.body)).toBe(400);
        const paths = (res.body.error.issues as { path: string }[]).map((i) => i.path);
        for (const field of required) expect(paths, field).toContain(field);
      }
      if (route.schema.additionalProperties === false) {
        const res = await call(route.method, route.path, { body: { undocumentedField: 1 } });
        expect(res.status, JSON.stringify(res.body)).toBe(400);
        expect(JSON.stringify(res.body.error.issues)).toContain('undocumentedField');
      }
    });
  }
});
