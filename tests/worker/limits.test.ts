import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { MSG } from '../../shared/i18n/messages';
import { MAX_BODY_BYTES } from '../../worker/http/body-limit';
import { DEFAULT_WRITES_PER_MINUTE, takeWriteSlot, writesPerMinute } from '../../worker/http/rate-limit';
import { callWith, googleEnv } from './auth-tokens';
import { blocker, session } from './bodies';
import { ADMIN, call, counts, makeTerritory, uid } from './helpers';

const devEnv = (over: Record<string, unknown> = {}) => ({ ...env, ...over });

/** A JSON body of exactly `bytes` bytes (UTF-8), valid JSON, for a session. */
function sessionBodyOfSize(territoryId: string, bytes: number): string {
  const base = JSON.stringify(session({ territoryId, summary: '' }));
  return base.replace('"summary":""', `"summary":"${'a'.repeat(bytes - base.length)}"`);
}

function streamOf(text: string, chunk = 4096): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + chunk));
      offset += chunk;
    },
  });
}

/** POST /v1/sessions with a streamed body (no Content-Length), `chunk` bytes at a time. */
async function callStream(as: string, text: string, chunk = 4096) {
  const { app } = await import('../../worker/app');
  return app.request(
    '/v1/sessions',
    {
      method: 'POST',
      headers: { 'x-dev-user': as, 'content-type': 'application/json' },
      body: streamOf(text, chunk),
      // @ts-expect-error Node-style fetch option, required by some runtimes for stream bodies.
      duplex: 'half',
    },
    env,
  );
}

describe('bodies over 64 KB → 413, before any parsing, nothing written', () => {
  it.each([
    ['refuses from Content-Length alone', MAX_BODY_BYTES + 1, MAX_BODY_BYTES + 1],
    ['trusts a declared length over 64 KB without reading the body', null, 10 * MAX_BODY_BYTES],
  ])('%s', async (_label, bodyBytes, declared) => {
    const { territory, consultant } = await makeTerritory();
    const raw =
      bodyBytes === null
        ? JSON.stringify(session({ territoryId: territory.id }))
        : sessionBodyOfSize(territory.id, bodyBytes);
    const before = await counts();
    const res = await call('POST', '/v1/sessions', {
      as: consultant,
      raw,
      headers: { 'content-type': 'application/json', 'content-length': String(declared) },
    });
    expect(res.status).toBe(413);
    expect(res.body.error).toEqual({ code: 'PAYLOAD_TOO_LARGE', message: MSG.tooLarge(64) });
    expect(await counts()).toEqual(before);
  });

  it('refuses by counting the bytes of a body sent without Content-Length (chunked)', async () => {
    const { territory, consultant } = await makeTerritory();
    const before = await counts();
    const response = await callStream(consultant, sessionBodyOfSize(territory.id, MAX_BODY_BYTES + 1));
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await counts()).toEqual(before);
  });
});

describe('body size: exactly 64 KB, streamed in chunks, or a 100 KB string', () => {
  it('lets exactly 64 KB through to validation (which then refuses the 60 KB summary in French)', async () => {
    const { territory, consultant } = await makeTerritory();
    const before = await counts();
    const body = sessionBodyOfSize(territory.id, MAX_BODY_BYTES);
    expect(new TextEncoder().encode(body).length).toBe(MAX_BODY_BYTES);
    const streamed = await callStream(consultant, body);
    expect(streamed.status).toBe(400);
    const res = await call('POST', '/v1/sessions', {
      as: consultant,
      raw: body,
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.issues[0].path).toBe('summary');
    expect(await counts()).toEqual(before);
  });

  it('a body under the limit streamed in chunks reaches the route intact', async () => {
    const { territory, consultant } = await makeTerritory();
    const res = await callStream(consultant, JSON.stringify(session({ territoryId: territory.id })), 7);
    expect(res.status).toBe(201);
  });

  it('a 100 KB string is refused with 413 (issue 2 asked for 400: the size limit comes first)', async () => {
    const { territory, consultant } = await makeTerritory();
    const before = await counts();
    const res = await call('POST', '/v1/sessions', {
      as: consultant,
      body: session({ territoryId: territory.id, summary: 'x'.repeat(100 * 1024) }),
    });
    expect(res.status).toBe(413);
    expect(await counts()).toEqual(before);
  });
});

// A limit of 3 writes a minute, fresh for each test's own consultant.
const limited = devEnv({ RATE_LIMIT_PER_MINUTE: '3' });
const post = (as: string, path: string, body: unknown) =>
  callWith(limited, 'POST', path, { 'x-dev-user': as }, body);

/** Makes the writes (each must succeed), then the one past the limit: a 429 that wrote nothing. */
async function refusedPastLimit(
  as: string,
  writes: (readonly [string, unknown])[],
  last: readonly [string, unknown],
) {
  for (const [path, body] of writes) {
    const ok = await post(as, path, body);
    expect(ok.status, ok.text).toBe(201);
  }
  const before = await counts();
  const refused = await post(as, ...last);
  expect(refused.status).toBe(429);
  expect(await counts()).toEqual(before);
  return refused;
}

describe('per-user write rate limit → 429 with Retry-After', () => {
  it('defaults to 60 writes a minute', () => {
    expect(DEFAULT_WRITES_PER_MINUTE).toBe(60);
    expect(writesPerMinute(devEnv({ RATE_LIMIT_PER_MINUTE: undefined }))).toBe(60);
    expect(writesPerMinute(devEnv({ RATE_LIMIT_PER_MINUTE: 'beaucoup' }))).toBe(60);
    expect(writesPerMinute(devEnv({ RATE_LIMIT_PER_MINUTE: '5' }))).toBe(5);
  });

  it('refuses the write past the limit, says when to retry, and writes nothing', async () => {
    const { territory, consultant } = await makeTerritory();
    const stationnement = (n: number) =>
      ['/v1/blockers', blocker({ territoryId: territory.id, title: `Stationnement ${n}` })] as const;
    const refused = await refusedPastLimit(consultant, [1, 2, 3].map(stationnement), stationnement(4));
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(20);
    expect(refused.body.error).toEqual({
      code: 'RATE_LIMITED',
      message: MSG.rateLimited(retryAfter),
      retryAfter,
    });

    // Reads are not limited; another user still writes.
    expect((await callWith(limited, 'GET', '/v1/blockers', { 'x-dev-user': consultant })).status).toBe(200);
    expect(
      (await post(ADMIN, '/v1/members', { email: `${uid('m')}@example.org`, role: 'viewer' })).status,
    ).toBe(201);
  });

  it('limits POST /v1/sessions too, whose slot is taken in its first batch, sharing the budget', async () => {
    const { territory, consultant } = await makeTerritory();
    const seance = (n: number) =>
      ['/v1/sessions', session({ territoryId: territory.id, summary: `Séance ${n}` })] as const;
    const writes = [['/v1/blockers', blocker({ territoryId: territory.id })] as const, seance(1), seance(2)];
    const refused = await refusedPastLimit(consultant, writes, seance(3));
    expect(refused.body.error.code).toBe('RATE_LIMITED');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // Bad input is refused by validation before any slot is taken.
    expect((await post(consultant, '/v1/sessions', { kind: 'nope' })).status).toBe(400);
  });
});

describe('the write rate limit’s slots (GCRA on D1)', () => {
  it('holds a user of the production configuration (no variable) to 60 writes a minute', async () => {
    const limit = writesPerMinute(googleEnv({ RATE_LIMIT_PER_MINUTE: undefined }));
    const key = `write:${uid('busy')}@ademe.example`;
    const t0 = 1_700_000_000_000;
    const waits: number[] = [];
    for (let i = 0; i < 61; i++) waits.push(await takeWriteSlot(env.DB, key, limit, t0));
    expect(waits.slice(0, 60)).toEqual(Array(60).fill(0));
    expect(waits[60]).toBe(1000);
    // Sustained rate: one more write each second.
    expect(await takeWriteSlot(env.DB, key, limit, t0 + 1000)).toBe(0);
    expect(await takeWriteSlot(env.DB, key, limit, t0 + 1000)).toBe(1000);
  });

  it('spaces writes evenly (GCRA): a burst of the limit, then one per interval', async () => {
    const key = `test:${uid('k')}`;
    const t0 = 1_800_000_000_000;
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) waits.push(await takeWriteSlot(env.DB, key, 3, t0));
    expect(waits).toEqual([0, 0, 0, 20_000]);
    expect(await takeWriteSlot(env.DB, key, 3, t0 + 19_999)).toBe(1);
    expect(await takeWriteSlot(env.DB, key, 3, t0 + 20_000)).toBe(0);
    expect(await takeWriteSlot(env.DB, key, 3, t0 + 20_000)).toBe(20_000);
    // After a quiet minute the full burst is available again.
    const later = t0 + 200_000;
    for (let i = 0; i < 3; i++) expect(await takeWriteSlot(env.DB, key, 3, later)).toBe(0);
    expect(await takeWriteSlot(env.DB, key, 3, later)).toBeGreaterThan(0);
  });

  it('does not lock a user out after the clock went back by an hour; a step back under a minute keeps the count', async () => {
    const key = `test:${uid('k')}`;
    const t0 = 1_850_000_000_000;
    for (let i = 0; i < 3; i++) expect(await takeWriteSlot(env.DB, key, 3, t0)).toBe(0);
    // An hour earlier by the clock: the burst is available again, then the limit holds as ever.
    const back = t0 - 3_600_000;
    for (let i = 0; i < 3; i++) expect(await takeWriteSlot(env.DB, key, 3, back)).toBe(0);
    expect(await takeWriteSlot(env.DB, key, 3, back)).toBe(20_000);
    // A clock back by less than the window keeps what was taken.
    const key2 = `test:${uid('k')}`;
    for (let i = 0; i < 3; i++) expect(await takeWriteSlot(env.DB, key2, 3, t0)).toBe(0);
    expect(await takeWriteSlot(env.DB, key2, 3, t0 - 1_000)).toBeGreaterThan(0);
  });

  it('never lets concurrent writes overshoot the limit', async () => {
    const key = `test:${uid('k')}`;
    const t0 = 1_900_000_000_000;
    const waits = await Promise.all(Array.from({ length: 12 }, () => takeWriteSlot(env.DB, key, 5, t0)));
    expect(waits.filter((w) => w === 0)).toHaveLength(5);
  });
});
