// `wrangler deploy --dry-run` as production builds the worker: the run's one bundle
// (tests/support/worker-bundle.global.ts runs exactly that command once for every Node test)
// and what wrangler printed while making it.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, inject, it } from 'vitest';
import { BUNDLE_LOG } from '../../scripts/local-worker.mjs';

describe('wrangler deploy --dry-run', () => {
  it('builds the production bundle from wrangler.toml', () => {
    const out = inject('workerBundle');
    const log = readFileSync(join(out, BUNDLE_LOG), 'utf8');
    expect(log).toMatch(/--dry-run: exiting now/);
    expect(log).toMatch(/env\.DB \(veli-velo\)/);
    expect(log).toMatch(/env\.BACKUPS \(veli-velo-backups\)/);
    const bundle = join(out, 'index.js');
    expect(existsSync(bundle)).toBe(true);
    const code = readFileSync(bundle);
    expect(statSync(bundle).size).toBeGreaterThan(50_000);
    // The commune table is inside, the 8 MB source list is not.
    expect(code.includes('Toulouse')).toBe(true);
    expect(gzipSync(code).length).toBeLessThan(1_000_000);
  });

  it('the committed production configuration never enables the dev identity seam', () => {
    const toml = readFileSync('wrangler.toml', 'utf8');
    expect(toml).toMatch(/^AUTH_MODE = "google"$/m);
    expect(toml).not.toMatch(/AUTH_MODE\s*=\s*"dev"/);
  });

  it('declares what running it needs: the cron the doctor reports, the R2 backups, Workers Logs', () => {
    const toml = readFileSync('wrangler.toml', 'utf8');
    const crons = /^crons = \["([^"]+)"\]$/m.exec(toml)?.[1];
    expect(crons).toBeTruthy();
    // A worker cannot read its own triggers: NIGHTLY_CRON repeats them for the doctor.
    expect(/^NIGHTLY_CRON = "([^"]+)"$/m.exec(toml)?.[1]).toBe(crons);
    expect(toml).toMatch(/\[\[r2_buckets\]\]\nbinding = "BACKUPS"\nbucket_name = "veli-velo-backups"/);
    expect(toml).toMatch(/\[observability\]\nenabled = true/);
  });
});
