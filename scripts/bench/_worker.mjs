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

const KINDS = ['diagnostic', 'collective-support', 'territory-interview'];

/**
 * A programme of `territories` × `partnersPer` partners and `sessions` sessions spread over
 * them, written straight into D1 in batches (the write path is measured separately).
 */
export async function seedScale(db, { territories, partnersPer, sessions }) {
  const now = new Date().toISOString();
  const city = JSON.stringify({ insee: '81004', name: 'Albi', population: 51290, departement: '81' });
  const stmts = [];
  const flush = async (force = false) => {
    if (stmts.length >= 500 || (force && stmts.length)) await db.batch(stmts.splice(0));
  };
  for (let t = 0; t < territories; t++) {
    const data = JSON.stringify({
      name: `Territoire ${t}`,
      legalForm: 'ca',
      centralCityInsee: '81004',
      consultants: [],
      contacts: [],
    });
    stmts.push(
      db
        .prepare(
          'INSERT INTO territories (id, name, data, central_city, body_hash, created_at, created_by, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .bind(`t${t}`, `Territoire ${t}`, data, city, 'seed', now, ADMIN, now, ADMIN),
    );
    for (let p = 0; p < partnersPer; p++) {
      const pdata = JSON.stringify({
        territoryId: `t${t}`,
        name: `Partenaire ${t}-${p}`,
        kind: 'company',
        useCase: { category: 'commute', description: 'Essai.' },
      });
      stmts.push(
        db
          .prepare(
            'INSERT INTO partners (id, territory_id, name, data, body_hash, created_at, created_by, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
          )
          .bind(`t${t}-p${p}`, `t${t}`, `Partenaire ${t}-${p}`, pdata, 'seed', now, ADMIN, now, ADMIN),
      );
    }
    await flush();
  }
  for (let s = 0; s < sessions; s++) {
    const t = s % territories;
    const partnerSession = partnersPer > 0 && s % 4 === 3;
    const kind = partnerSession ? 'partner-support' : KINDS[s % KINDS.length];
    const partnerId = partnerSession ? `t${t}-p${s % partnersPer}` : null;
    const date = `2025-${String(3 + (s % 9)).padStart(2, '0')}-${String(1 + (s % 28)).padStart(2, '0')}`;
    const data = JSON.stringify({
      kind,
      territoryId: `t${t}`,
      partnerId: partnerId ?? undefined,
      date,
      durationMinutes: 60,
      mode: 'remote',
      participants: 3,
      summary: 'Séance de référence pour le banc de mesure.',
    });
    stmts.push(
      db
        .prepare(
          'INSERT INTO sessions (id, kind, territory_id, partner_id, date, month, duration_minutes, data, body_hash, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .bind(`s${s}`, kind, `t${t}`, partnerId, date, date.slice(0, 7), 60, data, 'seed', now, ADMIN),
    );
    await flush();
  }
  await flush(true);
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
