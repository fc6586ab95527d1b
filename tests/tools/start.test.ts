// `npm start` (scripts/start.mjs) on free ports, in its own process group, stopped the way
// timeout, systemd and docker stop things (SIGTERM to the group) and the way Ctrl-C does
// (SIGINT): afterwards no port is served and no process of the group (workerd included) is
// left. A second start on the same D1 folder seeds nothing new.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { constants, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../../scripts/lib.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const persistTo = mkdtempSync(join(tmpdir(), 'veli-start-'));
const started: ChildProcess[] = [];

afterAll(() => {
  for (const child of started) if (child.exitCode === null && child.pid) groupKill(child.pid, 'SIGKILL');
  rmSync(persistTo, { recursive: true, force: true });
});

function groupKill(pgid: number, signal: NodeJS.Signals | 0) {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false; // ESRCH: no process left in the group
  }
}

const portIsFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });

async function startApp(ports: { PORT: number; HARNESS_PORT: number; INSPECTOR_PORT: number }) {
  // The run's one worker bundle (tests/support/worker-bundle.global.ts): npm start skips its build.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PERSIST_TO: persistTo,
    WRANGLER_LOG: 'error',
    VELI_WORKER_BUNDLE: inject('workerBundle'),
  };
  for (const [k, v] of Object.entries(ports)) env[k] = String(v);
  const child = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: ROOT,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let out = '';
  child.stdout?.on('data', (d) => {
    out += d;
  });
  child.stderr?.on('data', (d) => {
    out += d;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const deadline = Date.now() + 240_000;
  while (!out.includes('Ctrl-C stops everything.')) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`npm start did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return { child, pgid: child.pid!, exited, output: () => out };
}

async function stopsEverything(signal: NodeJS.Signals) {
  const ports = { PORT: await freePort(), HARNESS_PORT: await freePort(), INSPECTOR_PORT: await freePort() };
  const app = await startApp(ports);
  const base = `http://127.0.0.1:${ports.PORT}`;
  expect((await fetch(`${base}/v1/health`)).status).toBe(200);
  expect((await fetch(`http://127.0.0.1:${ports.HARNESS_PORT}/`)).status).toBe(200);
  expect(await portIsFree(ports.INSPECTOR_PORT)).toBe(false);
  expect(groupKill(app.pgid, signal)).toBe(true);
  // 128 + the signal's number: the shell's convention for a process a signal stopped.
  expect(await app.exited).toBe(128 + constants.signals[signal]);
  // Give the group's last processes a moment to be reaped, then nothing may be left.
  for (let i = 0; i < 50 && groupKill(app.pgid, 0); i++) await new Promise((r) => setTimeout(r, 100));
  expect(groupKill(app.pgid, 0), 'a process of npm start (workerd?) is still alive').toBe(false);
  for (const port of Object.values(ports)) expect(await portIsFree(port), `port ${port}`).toBe(true);
  return app.output();
}

describe('npm start', () => {
  it('stops the worker, workerd and the harness on SIGTERM to its process group', async () => {
    const out = await stopsEverything('SIGTERM');
    expect(out).toMatch(/Demo: {5}10 territoires, \d+ séances/);
    expect(Number(out.match(/\((\d+) enregistrements créés/)?.[1])).toBeGreaterThan(200);
  }, 300_000);

  it('stops everything on SIGINT (Ctrl-C); a second start on the same D1 adds nothing', async () => {
    const out = await stopsEverything('SIGINT');
    expect(out).toMatch(/\(0 enregistrements créés, \d+ déjà présents\)/);
  }, 300_000);
});
