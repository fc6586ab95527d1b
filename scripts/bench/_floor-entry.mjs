// The bench's own worker entry: the production app unchanged, plus two bare routes that give
// the floor of what the app's routes do, measured in the same isolate, on the same D1 binding
// and through the same dispatch path:
//   POST /__bench/insert  parses the JSON body and performs one D1 insert (the floor of a write);
//   GET  /__bench/select-page  one SELECT of the quota counters of the subjects on GET /v1/quotas's
//        first page (the first 100 territories, then partners up to 100 subjects), returned as
//        JSON: the floor of that page.
// and a probe for what the size of an answer costs by itself:
//   GET  /__bench/bytes?n=N  N bytes of JSON built once, answered as they are.
// Copied beside wrangler's bundle (index.js) by scripts/bench/_worker.mjs; never deployed.
// @ts-expect-error wrangler's bundle, beside this file only at bench time
import app from './index.js';

let filler = '';

/** Each subject of the first page (in its list's order, by index) with its counters. */
const FIRST_PAGE_COUNTERS = `
  SELECT s.id, u.kind, u.sessions, u.minutes
    FROM (SELECT id FROM territories ORDER BY name, id LIMIT 100) s LEFT JOIN quota_usage u ON u.subject = s.id
  UNION ALL
  SELECT s.id, u.kind, u.sessions, u.minutes
    FROM (SELECT id FROM partners ORDER BY territory_id, name, id
          LIMIT max(0, 100 - (SELECT COUNT(*) FROM (SELECT 1 FROM territories LIMIT 100)))) s
    LEFT JOIN quota_usage u ON u.subject = s.id`;

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
    if (pathname === '/__bench/select-page') {
      const { results } = await env.DB.prepare(FIRST_PAGE_COUNTERS).all();
      return Response.json({ rows: results });
    }
    if (pathname === '/__bench/bytes') {
      const n = Number(new URL(request.url).searchParams.get('n'));
      if (filler.length !== n) filler = JSON.stringify('x'.repeat(Math.max(0, n - 2)));
      return new Response(filler, { headers: { 'content-type': 'application/json' } });
    }
    return app.fetch(request, env, ctx);
  },
};
