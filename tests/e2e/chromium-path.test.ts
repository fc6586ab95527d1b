// Which Chromium the browser tests launch: CHROMIUM_PATH first, else the PATH.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chromiumPath } from '../support/chromium';

const dir = mkdtempSync(join(tmpdir(), 'veli-chromium-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('chromiumPath', () => {
  it('takes CHROMIUM_PATH over the PATH', () => {
    expect(chromiumPath({ CHROMIUM_PATH: '/opt/chrome/chrome', PATH: '/usr/bin' })).toBe(
      '/opt/chrome/chrome',
    );
  });

  it('finds an executable chromium on the PATH, skipping a folder without one', () => {
    const bin = join(dir, 'chromium');
    writeFileSync(bin, '#!/bin/sh\n');
    chmodSync(bin, 0o755);
    expect(chromiumPath({ PATH: [join(dir, 'nothing-here'), dir].join(':') })).toBe(bin);
  });

  it('says how to get one when there is none', () => {
    expect(() => chromiumPath({ PATH: join(dir, 'nothing-here') })).toThrow(/CHROMIUM_PATH/);
  });
});
