import { env } from 'cloudflare:test';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PROGRAMME_PRESET } from '../../shared/programme/preset';
import { call } from './helpers';
import { appRoutes, makeWorld, ROUTE_CASES, WRITE_METHODS } from './security-fixtures';

const RUNS = 30;

/**
 * A fingerprint of everything the record holds: row counts, the size of the stored JSON and
 * the latest write time per table, and the audit's last line. A refused write must leave it
 * unchanged: no row added, none rewritten, no audit line.
 */
const FINGERPRINT = `SELECT
  (SELECT COUNT(*) || ':' || total(length(role)) || ':' || max(updated_at) FROM members) AS members,
  (SELECT COUNT(*) || ':' || total(length(data)) || ':' || total(length(assessment)) || ':' || max(updated_at) FROM programme) AS programme,
  (SELECT COUNT(*) || ':' || total(length(data)) || ':' || total(length(assessment)) || ':' || max(updated_at) FROM territories) AS territories,
  (SELECT COUNT(*) || ':' || total(length(data)) || ':' || max(updated_at) FROM partners) AS partners,
  (SELECT COUNT(*) || ':' || total(length(data)) || ':' || COUNT(deleted_at) || ':' || COUNT(override_reason) FROM sessions) AS sessions,
  (SELECT COUNT(*) || ':' || total(length(data)) || ':' || max(updated_at) FROM blockers) AS blockers,
  (SELECT COUNT(*) || ':' || total(length(data)) FROM indicators) AS indicators,
  (SELECT COUNT(*) || ':' || total(length(data)) || ':' || max(updated_at) FROM workshops) AS workshops,
  (SELECT COUNT(*) || ':' || total(length(data)) || ':' || max(updated_at) FROM actions) AS actions,
  (SELECT COUNT(*) || ':' || COALESCE(MAX(seq), 0) FROM audit) AS audit`;
const fingerprint = async () => (await env.DB.prepare(FINGERPRINT).first<Record<string, string>>())!;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Every path into a JSON value, so a mutation can target nested fields and array items. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => [[...prefix, i], ...paths(v, [...prefix, i])]);
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => [[...prefix, k], ...paths(v, [...prefix, k])]);
  return [];
}

const NASTY: Json[] = [
  '',
  ' ',
  'x'.repeat(6000),
  '<script>alert(1)</script>',
  "'; DROP TABLE audit; --",
  '\u0000',
  '2025-02-30',
  '9999-99-99',
  '🚲'.repeat(50),
  // Text that looks harmless: invisible, bidi, combining marks alone, halves of a pair.
  '\u200B\u200B',
  '\u202Eeviv',
  '\u0301\u0308',
  '\uFEFF',
  '\uD800',
  'a\uDC00b',
  '\u0000\u0007\u001b',
  'Cafe\u0301',
  -1,
  0,
  1.5,
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER,
  null,
  true,
  [],
  {},
  { __proto__: { admin: true } } as unknown as Json,
];

type Mutation = {
  at: number;
  kind: 'delete' | 'set' | 'add' | 'similar';
  value: Json;
  key: string;
  similar: { text: string; int: number; date: string };
};
/** Same-type replacements keep a body plausible, so it gets past validation into the rules. */
const similar = fc.record({
  text: fc.string({ minLength: 1, maxLength: 40 }),
  int: fc.integer({ min: -10, max: 3000 }),
  date: fc
    .date({ min: new Date('2024-06-01'), max: new Date('2027-01-01'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10)),
});
const mutation = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom('delete', 'set', 'similar', 'similar', 'add'),
  similar,
  value: fc.oneof(fc.constantFrom(...NASTY), fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>),
  key: fc.oneof(fc.constantFrom('__proto__', 'constructor', 'role', 'createdBy', 'id'), fc.string()),
});

function mutate(valid: unknown, mutations: Mutation[]): unknown {
  const body = structuredClone(valid) as Json;
  for (const m of mutations) {
    const all = paths(body);
    if (m.kind === 'add' || all.length === 0) {
      if (body && typeof body === 'object' && !Array.isArray(body))
        (body as Record<string, Json>)[m.key] = m.value;
      continue;
    }
    const path = all[m.at % all.length]!;
    let parent = body as Record<string | number, Json>;
    for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, Json>;
    const last = path[path.length - 1]!;
    if (m.kind === 'similar') {
      const current = parent[last];
      if (typeof current === 'number') parent[last] = m.similar.int;
      else if (typeof current === 'string')
        parent[last] = /^\d{4}-\d{2}-\d{2}$/.test(current) ? m.similar.date : m.similar.text;
      continue;
    }
    if (m.kind === 'delete') {
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else delete parent[last];
    } else parent[last] = m.value;
  }
  return body;
}

/** What gets sent: a mutated valid body, any JSON value, or text that may not be JSON. */
const payload = (valid: unknown) =>
  fc.oneof(
    {
      weight: 5,
      arbitrary: fc
        .array(mutation, { minLength: 1, maxLength: 3 })
        .map((ms) => ({ json: mutate(valid, ms) })),
    },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((json) => ({ json })) },
    { weight: 1, arbitrary: fc.anything({ maxDepth: 2 }).map((json) => ({ json })) },
    {
      weight: 2,
      arbitrary: fc
        .oneof(
          fc.string(),
          fc.constantFrom('{', '{"a":', '[1,2', 'null', '"x"', '{}}', '\uFEFF{}', '{"a":1,"a":2}'),
        )
        .map((raw) => ({ raw })),
    },
  );

/**
 * French typography of what an error says: a plain space (U+0020) before `:` `;` `?` `!` `»`
 * or after `«` is a fault (the right ones are no-break: shared/i18n/typography.ts).
 */
const PLAIN_SPACE_FAULT = / [:;?!»]|« /;
const errorMessages = (e: { message: string; issues?: { message: string }[] }) => [
  e.message,
  ...(e.issues ?? []).map((i) => i.message),
];

async function resetProgramme() {
  const res = await call('PUT', '/v1/programme', { body: { ...PROGRAMME_PRESET, maxTerritories: 1000 } });
  expect(res.status).toBe(200);
}

describe('fuzzing every write route (fast-check): never a 5xx, never a partial write, typeset French errors', () => {
  const routes = appRoutes().filter((r) => WRITE_METHODS.has(r.split(' ')[0] ?? ''));

  it('covers every write route of the app', () => {
    expect(routes.length).toBeGreaterThanOrEqual(15);
    expect(routes.filter((r) => !ROUTE_CASES[r])).toEqual([]);
  });

  for (const route of routes) {
    it(`${route}`, async () => {
      await resetProgramme();
      const world = await makeWorld();
      const method = route.split(' ')[0]!;
      const statuses = new Map<number, number>();
      let typeset = 0;
      const template = await ROUTE_CASES[route]!.build(world);
      await fc.assert(
        fc.asyncProperty(payload(template.body ?? {}), async (p) => {
          const before = await fingerprint();
          const res =
            'raw' in p
              ? await call(method, template.path, {
                  raw: p.raw,
                  headers: { 'content-type': 'application/json' },
                })
              : await call(method, template.path, { body: p.json });
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          expect(res.status, JSON.stringify(res.body)).toBeLessThan(500);
          const after = await fingerprint();
          if (res.status >= 400) {
            expect(after, `${res.status} ${JSON.stringify(res.body)}`).toEqual(before);
            expect(res.body.error.message).toMatch(/[a-zàâçéèêëîïôûùüÿœ]/i);
            const messages = errorMessages(res.body.error);
            typeset += messages.length;
            expect(messages.filter((m) => PLAIN_SPACE_FAULT.test(m))).toEqual([]);
          } else if (res.status === 201 || method !== 'POST') {
            // An accepted write is on the record and in the audit trail, together.
            expect(after.audit).not.toBe(before.audit);
          }
        }),
        { numRuns: RUNS },
      );
      if (route === 'PUT /v1/programme') await resetProgramme();
      // A route that refused everything would pass the property above: a valid request, built
      // afresh, must still be accepted after the fuzz. And a route that reads a body must have
      // refused some of the fuzzed ones (a route without a body ignores them).
      const control = await ROUTE_CASES[route]!.build(await makeWorld());
      const accepted = await call(method, control.path, { body: control.body });
      expect(accepted.status, JSON.stringify(accepted.body)).toBeLessThan(300);
      if (template.body !== undefined) expect([...statuses.keys()].some((s) => s >= 400)).toBe(true);
      if (template.body !== undefined) expect(typeset).toBeGreaterThan(0);
      console.info(`fuzz ${route}: ${[...statuses].map(([s, n]) => `${s}×${n}`).join(' ')}`);
    }, 60_000);
  }
});

/** Path parameters that are not what they seem: undecodable, control bytes, separators, bad UTF-8. */
const PERCENT = fc.oneof(
  fc.constantFrom(
    '%ZZ',
    '%',
    '%0',
    '%00',
    '%0D%0A',
    '%2F',
    '..%2F..',
    '%E9',
    '%ED%A0%80',
    '%C3%A9',
    '%25',
    '%u2028',
  ),
  fc
    .array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 6 })
    .map((bytes) => bytes.map((b) => `%${b.toString(16).padStart(2, '0').toUpperCase()}`).join('')),
);

/** Header values a client can send (printable ASCII: fetch refuses CR/LF) that try to pass for others. */
const HEADER_VALUE = fc.oneof(
  fc.constantFrom(
    '"1"',
    'W/"1"',
    '*',
    '"1", "2"',
    '"abc"',
    '1',
    '""',
    'x"',
    ' "1" ',
    '"1"\t',
    'admin@ademe.example',
  ),
  fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 40 }),
);
const HEADERS = fc.record({
  'if-match': HEADER_VALUE,
  'x-request-id': HEADER_VALUE,
  'cf-ray': HEADER_VALUE,
  'content-type': fc.constantFrom('application/json', 'text/plain', 'application/json; charset=latin1', ''),
});

/** The concrete path with each `:param` segment of the route replaced by `value`. */
function withParams(route: string, path: string, value: string): string {
  const pattern = route.split(' ')[1]!.split('/');
  const parts = path.split('/');
  return pattern.map((seg, i) => (seg.startsWith(':') ? value : parts[i])).join('/');
}

describe('fuzzing paths and headers of every write route: never a 5xx, never a partial write', () => {
  const routes = appRoutes().filter((r) => WRITE_METHODS.has(r.split(' ')[0] ?? ''));

  for (const route of routes) {
    it(`${route}`, async () => {
      await resetProgramme();
      const method = route.split(' ')[0]!;
      const template = await ROUTE_CASES[route]!.build(await makeWorld());
      await fc.assert(
        fc.asyncProperty(PERCENT, HEADERS, async (param, headers) => {
          const path = route.includes(':') ? withParams(route, template.path, param) : template.path;
          const before = await fingerprint();
          const res = await call(method, path, { raw: JSON.stringify(template.body ?? {}), headers });
          expect(res.status, `${path} ${JSON.stringify(res.body)}`).toBeLessThan(500);
          // The request id is the worker's own, never a client's header.
          expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
          if (res.status >= 400) {
            expect(await fingerprint(), `${res.status} ${JSON.stringify(res.body)}`).toEqual(before);
            expect(res.body.error.message).toMatch(/[a-zàâçéèêëîïôûùüÿœ]/i);
          }
        }),
        { numRuns: 15 },
      );
    }, 60_000);
  }
});
