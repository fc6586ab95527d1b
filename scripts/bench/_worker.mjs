// @ts-check
// The worker as production builds it (wrangler's bundle), run in workerd by the project's
// local-worker helper with a fresh in-memory D1: what the benchmarks measure. The entry is the
// bench's own (_floor-entry.mjs: the app plus two bare floor routes). Seeding writes rows directly.
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN, bundleWorker, startWorker } from '../local-worker.mjs';

export { ADMIN };

/** @type {string | undefined} */
let bundled;

/**
 * wrangler's bundle with the bench's entry beside it: built once per process, on the first
 * worker, shared by every worker after it, removed when the process exits.
 */
function benchBundle() {
  if (bundled) return bundled;
  const dir = bundleWorker();
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  copyFileSync(new URL('./_floor-entry.mjs', import.meta.url), join(dir, 'floor-entry.mjs'));
  bundled = dir;
  return dir;
}

/** @param {Record<string, string>} [vars] */
export async function startBenchWorker(vars = {}) {
  const bundleDir = benchBundle();
  const w = await startWorker({
    bundleDir,
    main: 'floor-entry.mjs',
    quiet: true,
    // Production's write limit stays out of the way of a benchmark.
    vars: { RATE_LIMIT_PER_MINUTE: '100000000', ...vars },
  });
  await w.db.prepare('CREATE TABLE bench_floor (id TEXT PRIMARY KEY, data TEXT NOT NULL)').run();
  /**
   * @param {string} method
   * @param {string} path
   * @param {unknown} [body]
   * @returns {Promise<{ status: number; body: any; bytes: number }>} any: JSON of many shapes
   */
  const request = async (method, path, body, as = ADMIN) => {
    const res = await w.mf.dispatchFetch(`http://bench.local${path}`, {
      method,
      headers: { 'x-dev-user': as, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : null,
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null, bytes: Buffer.byteLength(text) };
  };
  // The bundle outlives the worker: the next one starts from it.
  return { mf: w.mf, db: w.db, request, stop: w.stop, bundleDir };
}

/**
 * A programme of `territories` × `partnersPer` partners and `sessions` sessions spread over
 * them, generated inside D1 by three INSERT … SELECT over a recursive sequence (the write path
 * is measured separately, through the API).
 */
/**
 * @param {import('../local-worker.mjs').D1} db
 * @param {{ territories: number; partnersPer: number; sessions: number }} scale
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
  // Every 4th session supports a partner; the others cycle through territory kinds. Their quota
  // subject (shared/quotas/rules.ts): the partner for partner support, the territory otherwise.
  await db
    .prepare(
      `INSERT INTO sessions (id, kind, territory_id, partner_id, date, month, duration_minutes, data, body_hash, created_at, created_by, quota_subject)
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
         'seed', ?2, ?3, COALESCE(p, t) FROM s`,
    )
    .bind(sessions, now, ADMIN, territories, partnersPer)
    .run();
}

/** @param {number[]} samples */
export function stats(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (/** @type {number} */ q) =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { n: sorted.length, median: round(at(0.5)), p99: round(at(0.99)), min: round(sorted[0] ?? NaN) };
}

export const round = (/** @type {number} */ x) => Math.round(x * 100) / 100;

/** @param {() => Promise<unknown>} fn */
export async function time(fn) {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}
