// Small helpers shared by the start, seed and bench scripts (Node only).
import { spawn, spawnSync } from 'node:child_process';

export const WRANGLER_ENV = {
  ...process.env,
  WRANGLER_SEND_METRICS: 'false',
  WRANGLER_LOG: process.env.WRANGLER_LOG ?? 'warn',
};

export function run(cmd, args, opts = {}) {
  const res = spawnSync(cmd, args, { stdio: 'inherit', env: WRANGLER_ENV, ...opts });
  if (res.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${res.status}`);
}

/** Starts `wrangler dev` locally in dev auth mode and resolves once /v1/health answers. */
export async function startWorker({
  port = 8787,
  admin = 'admin@ademe.example',
  persistTo,
  extraVars = [],
} = {}) {
  const args = [
    'wrangler',
    'dev',
    '--local',
    '--ip',
    '127.0.0.1',
    '--port',
    String(port),
    '--var',
    'AUTH_MODE:dev',
    '--var',
    `ADMIN_EMAILS:${admin}`,
    // The demo seed posts ~230 writes in seconds; production keeps the default of 60 a minute.
    '--var',
    'RATE_LIMIT_PER_MINUTE:100000',
    ...extraVars.flatMap((v) => ['--var', v]),
  ];
  if (persistTo) args.push('--persist-to', persistTo);
  // Its own process group, so that stopping it also stops wrangler's workerd grandchildren.
  const child = spawn('npx', args, {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: WRANGLER_ENV,
    detached: true,
  });
  const stop = () => {
    try {
      if (child.pid && child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  process.on('exit', stop);
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${base}/v1/health`);
      if (res.ok) return { child, base, stop };
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  stop();
  throw new Error('wrangler dev did not answer within 60 s');
}

export function client(base, as) {
  return async (method, path, body) => {
    const res = await fetch(base + path, {
      method,
      headers: { 'x-dev-user': as, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
}
