// The worker as production builds it (wrangler's bundle), run in workerd through Miniflare
// with a fresh local D1: what the benchmarks measure. Seeding writes rows directly.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readD1Migrations } from '@cloudflare/vitest-plugin';
// Miniflare 4, the one wrangler 4.86 runs `wrangler dev` with (the top-level miniflare 5 beta
// belongs to the vitest plugin and has another options shape).
import { Miniflare } from '../../node_modules/wrangler/node_modules/miniflare/dist/src/index.js';

export const ADMIN = 'admin@ademe.example';

export async function startBenchWorker(extraBindings = {}) {
  const out = mkdtempSync(join(tmpdir(), 'veli-bench-'));
  execFileSync('npx', ['wrangler', 'deploy', '--dry-run', '--outdir', out], {
    stdio: 'ignore',
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
  });
  const mf = new Miniflare({
    modules: true,
    scriptPath: join(out, 'index.js'),
    modulesRoot: out,
    compatibilityDate: '2026-04-01',
    compatibilityFlags: ['nodejs_compat'],
    d1Databases: { DB: 'bench' },
    bindings: { AUTH_MODE: 'dev', ADMIN_EMAILS: ADMIN, RATE_LIMIT_PER_MINUTE: '100000000', ...extraBindings },
  });
  const db = await mf.getD1Database('DB');
  for (const migration of await readD1Migrations('worker/migrations')) {
    for (const query of migration.queries) await db.prepare(query).run();
  }
  const request = async (method, path, body, as = ADMIN) => {
    const res = await mf.dispatchFetch(`http://bench.local${path}`, {
      method,
      headers: { 'x-dev-user': as, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
  const stop = async () => {
    await mf.dispose();
    rmSync(out, { recursive: true, force: true });
  };
  return { mf, db, request, stop, bundleDir: out };
}

/**
 * A programme of `territories` × `partnersPer` partners and `sessions` sessions spread over
 * them, generated inside D1 by three INSERT … SELECT over a recursive sequence (the write path
 * is measured separately, through the API).
 */
export async function seedScale(db, { territories, partnersPer, sessions }) {
  const now = new Date().toISOString();
  const seq =
    'WITH RECURSIVE seq(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM seq WHERE n + 1 < CAST(?1 AS INTEGER))';
  await db
    .prepare(
      `INSERT INTO territories (id, name, data, central_city, body_hash, created_at, created_by, updated_at, updated_by)
       ${seq} SELECT 't' || n, 'Territoire ' || n,
         json_object('name', 'Territoire ' || n, 'legalForm', 'ca', 'centralCityInsee', '81004', 'consultants', json('[]'), 'contacts', json('[]')),
         json_object('insee', '81004', 'name', 'Albi', 'population', 51290, 'departement', '81'),
         'seed', ?2, ?3, ?2, ?3 FROM seq`,
    )
    .bind(territories, now, ADMIN)
    .run();
  if (partnersPer > 0) {
    await db
      .prepare(
        `INSERT INTO partners (id, territory_id, name, data, body_hash, created_at, created_by, updated_at, updated_by)
         ${seq} SELECT 't' || (n / CAST(?4 AS INTEGER)) || '-p' || (n % CAST(?4 AS INTEGER)), 't' || (n / CAST(?4 AS INTEGER)), 'Partenaire ' || n,
           json_object('territoryId', 't' || (n / CAST(?4 AS INTEGER)), 'name', 'Partenaire ' || n, 'kind', 'company',
             'useCase', json_object('category', 'commute', 'description', 'Essai.')),
           'seed', ?2, ?3, ?2, ?3 FROM seq`,
      )
      .bind(territories * partnersPer, now, ADMIN, partnersPer)
      .run();
  }
  // Every 4th session supports a partner; the others cycle through territory kinds.
  await db
    .prepare(
      `INSERT INTO sessions (id, kind, territory_id, partner_id, date, month, duration_minutes, data, body_hash, created_at, created_by)
       ${seq}, s AS (
         SELECT n, 't' || (n % CAST(?4 AS INTEGER)) AS t,
           CASE WHEN ?5 > 0 AND n % 4 = 3 THEN 'partner-support'
                ELSE (CASE n % 3 WHEN 0 THEN 'diagnostic' WHEN 1 THEN 'collective-support' ELSE 'territory-interview' END) END AS kind,
           CASE WHEN ?5 > 0 AND n % 4 = 3 THEN 't' || (n % CAST(?4 AS INTEGER)) || '-p' || (n % CAST(?5 AS INTEGER)) END AS p,
           printf('2025-%02d-%02d', 3 + n % 9, 1 + n % 28) AS d
         FROM seq)
       SELECT 's' || n, kind, t, p, d, substr(d, 1, 7), 60,
         json_object('kind', kind, 'territoryId', t, 'partnerId', p, 'date', d, 'durationMinutes', 60, 'mode', 'remote',
           'participants', 3, 'summary', 'Séance de référence pour le banc de mesure.'),
         'seed', ?2, ?3 FROM s`,
    )
    .bind(sessions, now, ADMIN, territories, partnersPer)
    .run();
}

export function stats(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { n: sorted.length, median: round(at(0.5)), p99: round(at(0.99)), min: round(sorted[0]) };
}

export const round = (x) => Math.round(x * 100) / 100;

export async function time(fn) {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}
