// @ts-check
// The one way to run the worker locally (npm start, Node/e2e tests, the harness, the bench):
// wrangler's production bundle (`wrangler deploy --dry-run`) run in workerd through
// Miniflare's API, at the version wrangler itself uses (declared in package.json, so npm
// dedupes it). Miniflare starts workerd as a direct child and `dispose()` stops it: no
// process group, no process-tree walk. The D1 migrations are applied by this helper, through
// Miniflare's D1 binding, and recorded in wrangler's own `d1_migrations` table, so that a
// folder it persisted stays usable by `wrangler d1 … --local --persist-to`.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Log, LogLevel, Miniflare } from 'miniflare';
import { unstable_readConfig, unstable_splitSqlQuery } from 'wrangler';
import { freePort, ROOT, run, WRANGLER_ENV } from './lib.mjs';

/** @typedef {Awaited<ReturnType<Miniflare['getD1Database']>>} D1 The D1 binding, seen from Node. */

export const ADMIN = 'admin@ademe.example';
/** Local runs write hundreds of records in seconds; production keeps its default limit. */
export const LOCAL_VARS = { AUTH_MODE: 'dev', ADMIN_EMAILS: ADMIN, RATE_LIMIT_PER_MINUTE: '100000' };
/** What the tests add: every success answer checked against its declared schema (worker/http/answer-check.ts). */
export const TEST_VARS = { TEST_CHECK_ANSWERS: 'true' };

/** wrangler's CLI entry (its `bin`, which the package's `exports` do not list). */
const WRANGLER_BIN = join(
  dirname(createRequire(import.meta.url).resolve('wrangler/package.json')),
  'bin/wrangler.js',
);

/**
 * The project's wrangler CLI (a declared dependency), run with this Node.
 * @param {string[]} args
 * @param {import('node:child_process').SpawnSyncOptions} [opts]
 */
export function wrangler(args, opts = {}) {
  return run(process.execPath, [WRANGLER_BIN, ...args], { cwd: ROOT, ...opts });
}

/** What `bundleWorker` keeps of wrangler's output beside the bundle (its dry-run summary). */
export const BUNDLE_LOG = 'wrangler.log';

/**
 * The worker as production deploys it, bundled by wrangler (`deploy --dry-run`) into `outdir`
 * (a fresh temporary folder when none is given), what wrangler printed kept beside it in
 * `BUNDLE_LOG`. Returns the folder.
 * @param {string} [outdir]
 */
export function bundleWorker(outdir) {
  const dir = outdir ?? mkdtempSync(join(tmpdir(), 'veli-worker-'));
  const { stdout } = wrangler(['deploy', '--dry-run', '--outdir', dir], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...WRANGLER_ENV, WRANGLER_LOG: 'log' },
  });
  writeFileSync(join(dir, BUNDLE_LOG), stdout);
  return dir;
}

/**
 * Applies the migrations of wrangler.toml's `migrations_dir` not yet recorded in
 * `d1_migrations` (the table and columns `wrangler d1 migrations apply` uses), in name order.
 * Returns the names applied.
 * @param {D1} db
 * @param {string} dir
 */
export async function applyMigrations(db, dir) {
  await db
    .prepare(
      `CREATE TABLE IF NOT EXISTS d1_migrations (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT UNIQUE,
       applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL)`,
    )
    .run();
  const done = new Set((await db.prepare('SELECT name FROM d1_migrations').all()).results.map((r) => r.name));
  const pending = readdirSync(dir)
    .filter((f) => f.endsWith('.sql') && !done.has(f))
    .sort();
  for (const name of pending) {
    const queries = unstable_splitSqlQuery(readFileSync(join(dir, name), 'utf8'));
    // One batch per migration: all of it or none of it, as wrangler applies them.
    await db.batch([
      ...queries.map((q) => db.prepare(q)),
      db.prepare('INSERT INTO d1_migrations (name) VALUES (?)').bind(name),
    ]);
  }
  return pending;
}

/**
 * @typedef {object} WorkerOptions
 * @property {number} [port] HTTP port (0 or absent: any free port).
 * @property {number} [inspectorPort] DevTools inspector port; absent: no inspector.
 * @property {string} [persistTo] State folder, laid out as `wrangler dev --persist-to` does;
 *   absent: D1 lives in memory and is gone when the worker stops.
 * @property {Record<string, string>} [vars] Variables over wrangler.toml's `[vars]`.
 * @property {string} [bundleDir] A folder holding wrangler's bundle (`index.js`); absent: bundled now.
 * @property {string} [main] The entry module inside `bundleDir` (default `index.js`).
 * @property {boolean} [quiet] Drop the worker's console output.
 */

/**
 * The `.js`/`.mjs` files of a bundle folder, as Miniflare's module manifest.
 * @param {string} dir
 */
const esModules = (dir) =>
  Object.fromEntries(
    readdirSync(dir)
      .filter((f) => /\.m?js$/.test(f))
      .map((f) => [f, { type: /** @type {const} */ ('esm'), contents: readFileSync(join(dir, f), 'utf8') }]),
  );

/**
 * The worker's bindings: its vars as text, the D1 database, and the R2 buckets of wrangler.toml
 * (the nightly backups' bucket, persisted beside D1).
 * @param {ReturnType<typeof unstable_readConfig>} config
 * @param {ReturnType<typeof unstable_readConfig>['d1_databases'][number]} d1 its D1 database
 * @param {Record<string, string>} vars
 */
function bindings(config, d1, vars) {
  return {
    ...Object.fromEntries(Object.entries(vars).map(([k, value]) => [k, { type: 'text', value }])),
    [d1.binding]: { type: 'd1', id: d1.database_id ?? d1.binding },
    ...Object.fromEntries(
      (config.r2_buckets ?? []).map((/** @type {{ binding: string; bucket_name?: string }} */ b) => [
        b.binding,
        { type: 'r2', name: b.bucket_name ?? b.binding },
      ]),
    ),
  };
}

/**
 * Starts the worker with its D1 migrated; resolves once it serves.
 * @param {WorkerOptions} [options]
 */
export async function startWorker(options = {}) {
  const config = unstable_readConfig({ config: join(ROOT, 'wrangler.toml') });
  const d1 = config.d1_databases[0];
  if (!d1) throw new Error('wrangler.toml declares no D1 database');
  const ownBundle = !options.bundleDir;
  const bundleDir = options.bundleDir ?? bundleWorker();
  // The worker builds document links from PUBLIC_URL, never from a request's Host: known
  // before it starts, so the port is chosen here.
  const port = options.port || (await freePort());
  const publicUrl = { PUBLIC_URL: `http://127.0.0.1:${port}` };
  const main = options.main ?? 'index.js';
  const vars = {
    .../** @type {Record<string, string>} */ (config.vars),
    ...LOCAL_VARS,
    ...publicUrl,
    ...options.vars,
  };
  const mf = new Miniflare({
    host: '127.0.0.1',
    port,
    ...(options.inspectorPort ? { inspectorPort: options.inspectorPort } : {}),
    // Laid out as `wrangler dev --persist-to` lays it out (D1 under v3/d1).
    ...(options.persistTo ? { resourcePersistencePath: join(options.persistTo, 'v3') } : {}),
    // No network here: the `Request.cf` placeholder instead of fetching Cloudflare's.
    cf: false,
    log: new Log(LogLevel.WARN),
    ...(options.quiet ? { handleStructuredLogs: () => {} } : {}),
    workers: [
      {
        config: {
          name: config.name ?? 'worker',
          compatibilityDate: config.compatibility_date ?? '2026-04-01',
          compatibilityFlags: config.compatibility_flags,
          // wrangler's bundle: ES modules (index.js, and the bench's own entry beside it).
          manifest: { mainModule: main, modulesRoot: bundleDir, modules: esModules(bundleDir) },
          env: bindings(config, d1, vars),
        },
      },
    ],
  });
  const stop = async () => {
    await mf.dispose();
    if (ownBundle) rmSync(bundleDir, { recursive: true, force: true });
  };
  // A worker that fails to start or to migrate leaves neither workerd nor its bundle behind.
  const started = await (async () => {
    const url = await mf.ready;
    const db = await mf.getD1Database(d1.binding);
    return { url, db, migrations: await applyMigrations(db, join(ROOT, d1.migrations_dir ?? 'migrations')) };
  })().catch(async (e) => {
    await stop();
    throw e;
  });
  const { url, db, migrations } = started;
  const base = url.origin;
  return { mf, db, base, port: Number(url.port), bundleDir, migrations, stop };
}

/**
 * `wrangler dev` itself, for the checks that must pass through its proxy (an unread refused
 * body once left it hanging for the next request, which workerd alone does not show). Its
 * own process group, stopped as a group; D1 migrated by wrangler in a temporary folder.
 * @param {{ vars?: Record<string, string> }} [options]
 */
export async function startWranglerDev(options = {}) {
  const persistTo = mkdtempSync(join(tmpdir(), 'veli-wrangler-dev-'));
  wrangler(['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persistTo], { stdio: 'ignore' });
  const port = await freePort();
  const vars = Object.entries({ ...LOCAL_VARS, ...options.vars }).flatMap(([k, v]) => ['--var', `${k}:${v}`]);
  const args = ['dev', '--local', '--ip', '127.0.0.1', '--port', String(port), '--persist-to', persistTo];
  const child = spawn(
    process.execPath,
    [WRANGLER_BIN, ...args, '--inspector-port', String(await freePort()), ...vars],
    {
      cwd: ROOT,
      env: WRANGLER_ENV,
      stdio: 'ignore',
      detached: true,
    },
  );
  const stop = () => {
    try {
      if (child.pid && child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    rmSync(persistTo, { recursive: true, force: true });
  };
  const base = `http://127.0.0.1:${port}`;
  for (const deadline = Date.now() + 90_000; Date.now() < deadline; ) {
    if (child.exitCode !== null) break;
    if (
      await fetch(`${base}/v1/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { base, stop };
    await new Promise((r) => setTimeout(r, 300));
  }
  stop();
  throw new Error('wrangler dev did not start');
}
