// The bench's own worker entry: the production app unchanged, plus two bare routes that give
// the floor of what the app's routes do, measured in the same isolate, on the same D1 binding
// and through the same dispatch path:
//   POST /__bench/insert  parses the JSON body and performs one D1 insert (the floor of a write);
//   GET  /__bench/select  one SELECT of the quota counters, returned as JSON (the floor of a read).
// Copied beside wrangler's bundle (index.js) by scripts/bench/_worker.mjs; never deployed.
// @ts-expect-error wrangler's bundle, beside this file only at bench time
import app from './index.js';

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
    return app.fetch(request, env, ctx);
  },
};
