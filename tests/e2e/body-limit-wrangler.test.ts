// A refused body must leave the server ready for the next request. The failure was seen on
// `wrangler dev` (an unread body kept its proxy waiting), so this runs against it.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWranglerDev } from '../../scripts/local-worker.mjs';

const ADMIN = 'admin@ademe.example';
let worker: Awaited<ReturnType<typeof startWranglerDev>>;

beforeAll(async () => {
  worker = await startWranglerDev({ vars: { ADMIN_EMAILS: ADMIN } });
});
afterAll(() => worker?.stop());

/** POSTs 100 KB, chunked or with its length declared; resolves with the status. */
function oversize(chunked: boolean): Promise<number> {
  const { hostname, port } = new URL(worker.base);
  const body = 'x'.repeat(100 * 1024);
  const headers: Record<string, string | number> = { 'content-type': 'application/json' };
  if (chunked) headers['transfer-encoding'] = 'chunked';
  else headers['content-length'] = body.length;
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, path: '/v1/sessions', method: 'POST', headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    if (chunked) for (let i = 0; i < 100; i++) req.write(body.slice(i * 1024, (i + 1) * 1024));
    req.end(chunked ? undefined : body);
  });
}

describe('a refused body on wrangler dev', () => {
  for (const chunked of [true, false]) {
    it(`answers 413 to a ${chunked ? 'chunked' : 'declared'} 100 KB body, then serves the next request`, async () => {
      for (let i = 0; i < 3; i++) {
        expect(await oversize(chunked)).toBe(413);
        const next = await fetch(`${worker.base}/v1/programme`, {
          headers: { 'x-dev-user': ADMIN },
          signal: AbortSignal.timeout(8000),
        });
        expect(next.status).toBe(200);
        expect(((await next.json()) as { name: string }).name).toBe('VELI VELO Occitanie');
      }
    });
  }
});
