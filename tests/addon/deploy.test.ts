// `npm run deploy:addon`: a standalone project checked, push, a new version, the deployment moved
// to it, the Marketplace step printed, a rollback — with a stand-in for clasp (Google is
// unreachable, no network), and the refusals that keep a broken or bound add-on from shipping.
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

/**
 * A clasp that writes down what it was asked and answers like clasp 3: the signed-in account's
 * standalone projects (Drive files; a bound script is not one), versions 1 to 6, the deployment
 * on version 6, and « Created version 7 ».
 */
const FAKE_CLASP = `
const { appendFileSync } = require('node:fs');
const args = process.argv.slice(2);
appendFileSync(process.env.CLASP_LOG, JSON.stringify({ args, cwd: process.cwd() }) + '\\n');
const cmd = args.filter((a) => a !== '--json')[0];
if (cmd === 'list-scripts') console.log(JSON.stringify([{ id: 'script-123', name: 'VELI VELO Occitanie' }, { id: 'script-dev', name: 'VELI VELO (test)' }]));
if (cmd === 'list-versions') console.log(JSON.stringify([6, 5, 4, 3, 2, 1].map((n) => ({ versionNumber: n, description: 'v' + n }))));
if (cmd === 'list-deployments') console.log(JSON.stringify([{ deploymentId: 'AKfy-head' }, { deploymentId: 'AKfy-dep', versionNumber: 6 }]));
if (cmd === 'create-version') console.log('Created version 7');
`;
const READS = ['list-scripts', 'list-versions', 'list-deployments'];
const writes = (calls: { args: string[] }[]) =>
  calls.map((c) => c.args.filter((a) => a !== '--json')[0]).filter((c) => !READS.includes(c ?? ''));

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
  return { status: res.status, stdout: res.stdout, stderr: res.stderr, calls };
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
    expect(r.calls[0]!.args).toEqual(['--json', 'list-scripts']);
    expect(writes(r.calls)).toEqual(['push', 'create-version', 'update-deployment']);
    const w = r.calls.filter((c) => !c.args.includes('--json'));
    expect(w[0]!.args).toEqual(['push', '--force']);
    expect(w[2]!.args.slice(0, 4)).toEqual(['update-deployment', 'AKfy-dep', '--versionNumber', '7']);
    expect(r.stdout).toContain('Standalone Apps Script project « VELI VELO Occitanie » (script-123)');
    expect(r.stdout).toContain('Version 7 created');
    expect(r.stdout).toContain('Script ID script-123; Script version 7.');
    expect(r.stdout).toContain('Rollback: npm run deploy:addon -- rollback prod --to 6');
    expect(r.calls.every((c) => c.cwd === httpsBuild)).toBe(true);
    expect(JSON.parse(readFileSync(join(httpsBuild, '.clasp.json'), 'utf8'))).toEqual({
      scriptId: 'script-123',
      rootDir: '.',
    });
  });

  it('dry run: shows the standalone project, the version it would create and the Marketplace steps, writing nothing', () => {
    const r = deploy(
      httpsBuild,
      { scriptId: 'script-123', deploymentId: 'AKfy-dep', projectId: 'veli-velo-occitanie' },
      'deploy',
      'prod',
      '--dry-run',
    );
    expect(r.status, r.stderr).toBe(0);
    expect(writes(r.calls)).toEqual([]);
    expect(r.stdout).toContain('Standalone Apps Script project « VELI VELO Occitanie » (script-123)');
    expect(r.stdout).toContain('create version 7');
    expect(r.stdout).toContain('move deployment AKfy-dep from version 6 to 7');
    expect(r.stdout).toContain('googleapps_sdk?project=veli-velo-occitanie ▸ App Configuration');
    expect(r.stdout).toContain(
      '« Editor add-on », Sheets extension ticked; Script ID script-123; Script version 7 (once created).',
    );
  });
});

describe('deploy:addon: never a bound script, and a real rollback', () => {
  it('refuses a bound script: one that names a container, or that is not a standalone Drive project', () => {
    const named = deploy(httpsBuild, { scriptId: 'script-123', parentId: 'sheet-1' }, 'deploy');
    expect(named.status).not.toBe(0);
    expect(named.stderr).toContain('a bound script is editable by every editor of its spreadsheet');
    expect(named.calls).toEqual([]);
    const bound = deploy(httpsBuild, { scriptId: 'script-bound-to-a-sheet' }, 'deploy');
    expect(bound.status).not.toBe(0);
    expect(bound.stderr).toContain('is not among the standalone projects');
    expect(writes(bound.calls)).toEqual([]);
  });

  it('rolls back: the deployment to the previous version, and the Marketplace version to set back', () => {
    const r = deploy(httpsBuild, { scriptId: 'script-123', deploymentId: 'AKfy-dep' }, 'rollback', 'prod');
    expect(r.status, r.stderr).toBe(0);
    const w = r.calls.filter((c) => !c.args.includes('--json'));
    expect(w.map((c) => c.args.slice(0, 4))).toEqual([
      ['update-deployment', 'AKfy-dep', '--versionNumber', '5'],
    ]);
    expect(r.stdout).toContain('back on version 5');
    expect(r.stdout).toContain('Script version 5.');
    const to = deploy(
      httpsBuild,
      { scriptId: 'script-123', deploymentId: 'AKfy-dep' },
      'rollback',
      '--to',
      '3',
      '--dry-run',
    );
    expect(writes(to.calls)).toEqual([]);
    expect(to.stdout).toContain('from version 6 back to 3');
    expect(
      deploy(httpsBuild, { scriptId: 'script-123', deploymentId: 'AKfy-dep' }, 'rollback', '--to', '9')
        .stderr,
    ).toContain('No version 9');
  });
});

describe('deploy:addon: refusals and the pinned clasp', () => {
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
    expect(writes(r.calls)).toEqual(['push']);
  });

  it('pins clasp: a devDependency at an exact version, never fetched at run time', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.devDependencies['@google/clasp']).toMatch(/^\d+\.\d+\.\d+$/);
    expect(readFileSync(join(ROOT, 'scripts/push-addon.mjs'), 'utf8')).not.toContain('--yes');
    const installed = JSON.parse(readFileSync(join(ROOT, 'node_modules/@google/clasp/package.json'), 'utf8'));
    expect(installed.version).toBe(pkg.devDependencies['@google/clasp']);
  });
});
