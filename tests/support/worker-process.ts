// Runs the real worker with `wrangler dev --local` on a free port, its D1 in a temporary
// directory with the migrations applied, in dev auth mode. For Node e2e tests.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const WRANGLER_ENV = { ...process.env, WRANGLER_SEND_METRICS: 'false', WRANGLER_LOG: 'error' };

export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });

export async function startLocalWorker(admin: string) {
  const dir = mkdtempSync(join(tmpdir(), 'veli-e2e-'));
  const migrate = spawnSync(
    'npx',
    ['wrangler', 'd1', 'migrations', 'apply', 'DB', '--local', '--persist-to', dir],
    {
      env: WRANGLER_ENV,
      encoding: 'utf8',
    },
  );
  if (migrate.status !== 0) throw new Error(`migrations failed: ${migrate.stderr}`);
  const [port, inspector] = [await freePort(), await freePort()];
  const child: ChildProcess = spawn(
    'npx',
    [
      'wrangler',
      'dev',
      '--local',
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      '--inspector-port',
      String(inspector),
      '--persist-to',
      dir,
      '--var',
      'AUTH_MODE:dev',
      '--var',
      `ADMIN_EMAILS:${admin}`,
      // The fixtures write hundreds of records in seconds; the write limit is tested elsewhere.
      '--var',
      'RATE_LIMIT_PER_MINUTE:100000',
      '--var',
      `PUBLIC_URL:http://127.0.0.1:${port}`,
    ],
    { stdio: ['ignore', 'ignore', 'inherit'], env: WRANGLER_ENV, detached: true },
  );
  const base = `http://127.0.0.1:${port}`;
  const stop = () => {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      if ((await fetch(`${base}/v1/health`)).ok) return { base, stop };
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  stop();
  throw new Error('wrangler dev did not start');
}

/**
 * A JSON client acting as `as` (dev identity header). `wrangler dev` occasionally restarts
 * its runtime under load and answers 503 "restarted mid-request": such a request is sent
 * again, which is safe because every body the tests send carries its own `id` (a replay).
 */
export function apiClient(base: string, as: string) {
  return async (method: string, path: string, body?: unknown) => {
    let res: Response;
    for (let attempt = 0; ; attempt++) {
      res = await fetch(base + path, {
        method,
        headers: { 'x-dev-user': as, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      if (res.status !== 503 || attempt >= 2) break;
      await res.text();
      await new Promise((r) => setTimeout(r, 500));
    }
    const text = await res.text();
    // biome-ignore lint/suspicious/noExplicitAny: JSON bodies of many shapes, asserted field by field.
    let parsed: any = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // HTML or empty: keep the text
    }
    return { status: res.status, body: parsed };
  };
}
