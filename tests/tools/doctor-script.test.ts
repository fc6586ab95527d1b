// `npm run doctor`: the script against a stand-in of the worker's route that records what it
// was sent (the route itself is tested in tests/worker/ops-doctor.test.ts).
import { spawn } from 'node:child_process';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let base = '';
const seen: IncomingHttpHeaders[] = [];
let answer: { status: number; body: unknown } = { status: 200, body: {} };
const server = createServer((req, res) => {
  seen.push(req.headers);
  res.writeHead(req.url === '/v1/admin/doctor' ? answer.status : 404, { 'content-type': 'application/json' });
  res.end(JSON.stringify(answer.body));
});

beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

function doctor(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
    const child = spawn(process.execPath, ['scripts/doctor.mjs', ...args], {
      env: { ...process.env, ...env },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

const CHECKS = [
  { name: 'database', ok: true, detail: 'La base répond.' },
  {
    name: 'secrets',
    ok: false,
    detail: 'Secrets absents : DOCUMENT_LINK_SECRET.',
    fix: 'npx wrangler secret put DOCUMENT_LINK_SECRET',
  },
];

describe('npm run doctor', () => {
  it('prints each check, the fix of a red one, the layout ratio, and exits 1 when one fails', async () => {
    answer = { status: 200, body: { ok: false, checks: CHECKS, layoutRatio: 1.12 } };
    const r = await doctor(['--url', `${base}/`, '--dev-user', 'admin@ademe.example']);
    expect(r.code).toBe(1);
    expect(seen.at(-1)?.['x-dev-user']).toBe('admin@ademe.example');
    expect(r.out).toContain('✔ database — La base répond.');
    expect(r.out).toContain(
      '✘ secrets — Secrets absents : DOCUMENT_LINK_SECRET.\n    → À faire : npx wrangler secret put DOCUMENT_LINK_SECRET',
    );
    expect(r.out).toContain('Mise en page Google ÷ estimation locale : 1,12');
    expect(r.out).toContain('1 vérification au vert sur 2.');
  });

  it('sends a production ID token from VELI_ID_TOKEN as a bearer, never prints it, and exits 0 when all is green', async () => {
    answer = { status: 200, body: { ok: true, checks: [CHECKS[0]], layoutRatio: null } };
    const r = await doctor(['--url', base], { VELI_ID_TOKEN: 'eyJ.secret.token' });
    expect(r.code).toBe(0);
    expect(seen.at(-1)?.authorization).toBe('Bearer eyJ.secret.token');
    expect(seen.at(-1)?.['x-dev-user']).toBeUndefined();
    expect(r.out + r.err).not.toContain('eyJ.secret.token');
  });

  it('says why it could not ask (no identity, refused, no answer) and exits 2', async () => {
    expect((await doctor(['--url', base])).code).toBe(2);
    answer = {
      status: 403,
      body: {
        error: { code: 'FORBIDDEN', message: 'Ces données sont réservées aux administrateurs ADEME.' },
      },
    };
    const refused = await doctor(['--url', base, '--dev-user', 'x@y.z']);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain(
      'Diagnostic refusé (HTTP 403) : Ces données sont réservées aux administrateurs ADEME.',
    );
    const down = await doctor(['--url', 'http://127.0.0.1:1', '--dev-user', 'x@y.z']);
    expect(down.code).toBe(2);
    expect(down.err).toMatch(/ne répond pas/);
  });
});
