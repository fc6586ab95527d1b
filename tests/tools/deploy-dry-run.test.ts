import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

describe('wrangler deploy --dry-run', () => {
  it('builds the production bundle from wrangler.toml', () => {
    const out = mkdtempSync(join(tmpdir(), 'veli-dry-run-'));
    try {
      const log = execFileSync('npx', ['wrangler', 'deploy', '--dry-run', '--outdir', out], {
        encoding: 'utf8',
        env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
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
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
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
