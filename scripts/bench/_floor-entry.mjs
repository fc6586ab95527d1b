// The bench's own worker entry: the production app unchanged, plus two bare routes that give
// the floor of what the app's routes do, measured in the same isolate, on the same D1 binding
// and through the same dispatch path:
//   POST /__bench/insert  parses the JSON body and performs one D1 insert (the floor of a write);
//   GET  /__bench/select  one SELECT of the quota counters, returned as JSON (the floor of a read).
// and a probe for what the size of an answer costs by itself:
//   GET  /__bench/bytes?n=N  N bytes of JSON built once, answered as they are.
// Copied beside wrangler's bundle (index.js) by scripts/bench/_worker.mjs; never deployed.
// @ts-expect-error wrangler's bundle, beside this file only at bench time
import app from './index.js';

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
    if (pathname === '/__bench/bytes') {
      const n = Number(new URL(request.url).searchParams.get('n'));
      if (filler.length !== n) filler = JSON.stringify('x'.repeat(Math.max(0, n - 2)));
      return new Response(filler, { headers: { 'content-type': 'application/json' } });
    }
    return app.fetch(request, env, ctx);
  },
};
