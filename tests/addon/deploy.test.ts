// `npm run deploy:addon`: push, a new version, the deployment moved to it — with a stand-in for
// clasp (Google is unreachable), and the refusals that keep a broken add-on from shipping.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAddonTo } from '../../harness/local-worker';

const ROOT = join(import.meta.dirname, '../..');
let work: string;
let httpsBuild: string;
let loopbackBuild: string;

/** A clasp that writes down what it was asked and answers like clasp 3. */
const FAKE_CLASP = `
const { appendFileSync } = require('node:fs');
appendFileSync(process.env.CLASP_LOG, JSON.stringify({ args: process.argv.slice(2), cwd: process.cwd() }) + '\\n');
if (process.argv[2] === 'create-version') console.log('Created version 7');
`;

function deploy(build: string, config: object, ...args: string[]) {
  const log = join(work, `log-${Math.random().toString(36).slice(2)}.jsonl`);
  const configFile = join(work, 'clasp.json');
  writeFileSync(configFile, JSON.stringify(config));
  const res = spawnSync('node', ['scripts/push-addon.mjs', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: {
      ...process.env,
      CLASP_BIN: join(work, 'clasp.cjs'),
      CLASP_LOG: log,
      VELI_ADDON_OUT: build,
      VELI_CLASP_CONFIG: configFile,
    },
  });
  let calls: { args: string[]; cwd: string }[] = [];
  try {
    calls = readFileSync(log, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
  } catch {
    // clasp was never called
  }
  return { status: res.status, stderr: res.stderr, calls };
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'veli-deploy-'));
  writeFileSync(join(work, 'clasp.cjs'), FAKE_CLASP);
  httpsBuild = buildAddonTo('https://veli.ademe-occitanie.example/');
  loopbackBuild = buildAddonTo('http://127.0.0.1:9999');
});
afterAll(() => {
  for (const d of [work, httpsBuild, loopbackBuild]) rmSync(d, { recursive: true, force: true });
});

describe('deploy:addon', () => {
  it('pushes, creates a version and moves the deployment to it', () => {
    const r = deploy(
      httpsBuild,
      { scriptId: 'script-123', deploymentId: 'AKfy-dep', rootDir: '.' },
      'deploy',
      'prod',
    );
    expect(r.status, r.stderr).toBe(0);
    expect(r.calls.map((c) => c.args[0])).toEqual(['push', 'create-version', 'update-deployment']);
    expect(r.calls[0]!.args).toEqual(['push', '--force']);
    expect(r.calls[2]!.args.slice(0, 4)).toEqual(['update-deployment', 'AKfy-dep', '--versionNumber', '7']);
    expect(r.calls.every((c) => c.cwd === httpsBuild)).toBe(true);
    expect(JSON.parse(readFileSync(join(httpsBuild, '.clasp.json'), 'utf8'))).toEqual({
      scriptId: 'script-123',
      rootDir: '.',
    });
  });

  it('refuses an allowlist Google would refuse, before any call', () => {
    const r = deploy(loopbackBuild, { scriptId: 'script-123' }, 'deploy');
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('urlFetchWhitelist entries must be https');
    expect(r.calls).toEqual([]);
  });

  it('refuses the placeholder script id, and only pushes for push:addon', () => {
    expect(deploy(httpsBuild, { scriptId: 'REPLACE_WITH_THE_DEV_SCRIPT_ID' }, 'push').stderr).toContain(
      'Put the dev script id',
    );
    const r = deploy(loopbackBuild, { scriptId: 'script-dev' }, 'push');
    expect(r.calls.map((c) => c.args[0])).toEqual(['push']);
  });

  it('pins clasp: a devDependency at an exact version, never fetched at run time', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.devDependencies['@google/clasp']).toMatch(/^\d+\.\d+\.\d+$/);
    expect(readFileSync(join(ROOT, 'scripts/push-addon.mjs'), 'utf8')).not.toContain('--yes');
    const installed = JSON.parse(readFileSync(join(ROOT, 'node_modules/@google/clasp/package.json'), 'utf8'));
    expect(installed.version).toBe(pkg.devDependencies['@google/clasp']);
  });
});
