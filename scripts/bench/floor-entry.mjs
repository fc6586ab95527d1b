// The bench's own worker entry: the production app unchanged, plus two bare routes that give
// the floor of what the app's routes do, measured in the same isolate, on the same D1 binding
// and through the same dispatch path:
//   POST /__bench/insert  parses the JSON body and performs one D1 insert (the floor of a write);
//   GET  /__bench/select  one SELECT of the quota counters, returned as JSON (the floor of a read).
// and two probes that split GET /v1/quotas in its parts:
//   GET  /__bench/quota-reads  the route's three reads in one batch, answering row counts only;
//   GET  /__bench/bytes?n=N    N bytes of JSON built once, answered: the cost of the size alone.
// Copied beside wrangler's bundle (index.js) by scripts/bench/_worker.mjs; never deployed.
// @ts-expect-error wrangler's bundle, beside this file only at bench time
import app from './index.js';

/** The reads of GET /v1/quotas (worker/quotas/engine.ts), as the route batches them. */
const QUOTA_READS = [
  'SELECT kind, subject, sessions, minutes FROM quota_usage WHERE sessions > 0',
  'SELECT id, name FROM territories ORDER BY name, id',
  'SELECT id, territory_id AS territoryId, name FROM partners ORDER BY territory_id, name, id',
];
let filler = '';

export default {
  ...app,
  /**
   * @param {Request} request
   * @param {{ DB: import('../local-worker.mjs').D1 }} env
   * @param {unknown} ctx
   */
  async fetch(request, env, ctx) {
    const { pathname } = new URL(request.url);
    if (pathname === '/__bench/insert' && request.method === 'POST') {
      const body = await request.json();
      await env.DB.prepare('INSERT INTO bench_floor (id, data) VALUES (?, ?)')
        .bind(crypto.randomUUID(), JSON.stringify(body))
        .run();
      return Response.json({ ok: true }, { status: 201 });
    }
    if (pathname === '/__bench/select') {
      const { results } = await env.DB.prepare(
        'SELECT kind, subject, sessions, minutes FROM quota_usage WHERE sessions > 0',
      ).all();
      return Response.json({ rows: results });
    }
    if (pathname === '/__bench/quota-reads') {
      const reads = await env.DB.batch(QUOTA_READS.map((sql) => env.DB.prepare(sql)));
      return Response.json({ rows: reads.map((r) => r.results.length) });
    }
    if (pathname === '/__bench/bytes') {
      const n = Number(new URL(request.url).searchParams.get('n'));
      if (filler.length !== n) filler = JSON.stringify('x'.repeat(Math.max(0, n - 2)));
      return new Response(filler, { headers: { 'content-type': 'application/json' } });
    }
    return app.fetch(request, env, ctx);
  },
};
