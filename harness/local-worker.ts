// A throwaway local worker for tests and benchmarks: free port, fresh D1 in a temp folder,
// migrations applied first, AUTH_MODE=dev. And a fresh add-on build in its own folder.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { client, run, startWorker } from '../scripts/lib.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const ADMIN = 'admin@ademe.example';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** The process and all its descendants: npx does not pass SIGTERM on to wrangler and workerd. */
function descendants(pid: number): number[] {
  const table = execFileSync('ps', ['-eo', 'pid=,ppid='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((l) => l.trim().split(/\s+/).map(Number) as [number, number]);
  const out: number[] = [];
  const walk = (p: number) => {
    for (const [c, parent] of table)
      if (parent === p) {
        out.push(c);
        walk(c);
      }
  };
  walk(pid);
  return out;
}

async function killTree(pid: number | undefined) {
  if (!pid) return;
  const all = [pid, ...descendants(pid)];
  for (const p of all) {
    try {
      process.kill(p, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  const alive = (p: number) => {
    try {
      process.kill(p, 0);
      return true;
    } catch {
      return false;
    }
  };
  for (let i = 0; i < 50 && all.some(alive); i++) await new Promise((r) => setTimeout(r, 100));
  for (const p of all.filter(alive)) process.kill(p, 'SIGKILL');
}

export async function startLocalWorker() {
  const persistTo = mkdtempSync(join(tmpdir(), 'veli-addon-d1-'));
  run('npx', ['wrangler', 'd1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persistTo], {
    cwd: ROOT,
    stdio: 'ignore',
  });
  const { child, base } = await startWorker({ port: await freePort(), admin: ADMIN, persistTo });
  return {
    base,
    api: (as: string) => client(base, as),
    stop: async () => {
      await killTree(child.pid);
      rmSync(persistTo, { recursive: true, force: true });
    },
  };
}

/** Builds the add-on into a fresh folder (concurrent test files never share dist/). */
export function buildAddonTo(workerUrl?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'veli-addon-build-'));
  execFileSync('node', ['scripts/build-addon.mjs'], {
    cwd: ROOT,
    env: { ...process.env, VELI_ADDON_OUT: dir, ...(workerUrl ? { VELI_WORKER_URL: workerUrl } : {}) },
    stdio: 'ignore',
  });
  return dir;
}
