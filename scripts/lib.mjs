// @ts-check
// Small helpers shared by the scripts, the harness and the Node tests (Node only, no heavy
// imports: push-addon and the seed load this too).
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

export const WRANGLER_ENV = {
  ...process.env,
  WRANGLER_SEND_METRICS: 'false',
  WRANGLER_LOG: process.env.WRANGLER_LOG ?? 'warn',
};

/**
 * Runs a command, inheriting the terminal unless `opts` says otherwise; throws when it fails.
 * Returns what it printed where `opts` pipes it.
 * @param {string} cmd
 * @param {string[]} args
 * @param {import('node:child_process').SpawnSyncOptions} [opts]
 */
export function run(cmd, args, opts = {}) {
  const res = spawnSync(cmd, args, { stdio: 'inherit', env: WRANGLER_ENV, ...opts });
  if (res.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${res.status}`);
  return { stdout: String(res.stdout ?? '') };
}

/**
 * A port nobody listens on right now, on the loopback interface.
 * @returns {Promise<number>}
 */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * A JSON client acting as `as` (the dev identity header). Bodies that are not JSON (HTML,
 * plain text) come back as text.
 * @param {string} base
 * @param {string} as
 */
export function client(base, as) {
  /**
   * @param {string} method
   * @param {string} path
   * @param {unknown} [body]
   * @returns {Promise<{ status: number; body: any }>} any: JSON bodies of many shapes, read field by field
   */
  return async (method, path, body) => {
    const res = await fetch(base + path, {
      method,
      headers: { 'x-dev-user': as, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : null,
    });
    const text = await res.text();
    try {
      return { status: res.status, body: text ? JSON.parse(text) : null };
    } catch {
      return { status: res.status, body: text };
    }
  };
}
