// Every environment variable is declared once, in wrangler.toml ([vars] and the secrets it
// requires); the README's configuration table, .dev.vars.example and worker/env.ts must agree.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { unstable_readConfig } from 'wrangler';

const config = unstable_readConfig({ config: 'wrangler.toml' });
const vars = Object.keys(config.vars);
const secrets = config.secrets?.required ?? [];

/** The README's « Configuration » table: each row's names and its kind (var, vars, secret). */
function readmeTable() {
  const section = readFileSync('README.md', 'utf8').split('\n## Configuration\n')[1]?.split('\n## ')[0] ?? '';
  return section
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => {
      const [, names = '', kind = ''] = line.split('|');
      return { names: [...names.matchAll(/`([A-Z][A-Z0-9_]*)`/g)].map((m) => m[1] ?? ''), kind: kind.trim() };
    });
}

describe('configuration declared once', () => {
  it('wrangler.toml declares the variables and the secrets', () => {
    expect(vars).toContain('AUTH_MODE');
    expect(secrets.sort()).toEqual(['DOCUMENT_LINK_SECRET', 'GOOGLE_SERVICE_ACCOUNT_KEY']);
  });

  it('the README table lists exactly the declared names, each with its kind', () => {
    const all = readmeTable();
    // Besides the variables, the table names bindings (an R2 bucket): declared in wrangler.toml too.
    const bindings = all.filter((r) => r.kind.includes('binding')).flatMap((r) => r.names);
    const declaredBindings = [...config.r2_buckets, ...config.d1_databases].map((b) => b.binding);
    for (const name of bindings) expect(declaredBindings, name).toContain(name);
    const rows = all.filter((r) => !r.kind.includes('binding'));
    const listed = rows.flatMap((r) => r.names);
    expect(listed.length).toBe(new Set(listed).size);
    expect([...listed].sort()).toEqual([...vars, ...secrets].sort());
    for (const row of rows)
      for (const name of row.names) expect(row.kind.startsWith('secret'), name).toBe(secrets.includes(name));
  });

  it('.dev.vars.example names only declared variables', () => {
    const names = [...readFileSync('.dev.vars.example', 'utf8').matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map(
      (m) => m[1],
    );
    expect(names.length).toBeGreaterThan(2);
    for (const name of names) expect([...vars, ...secrets], name).toContain(name);
  });

  it('worker/env.ts adds only test switches, never a declared name', () => {
    const own = [...readFileSync('worker/env.ts', 'utf8').matchAll(/^\s+([A-Z][A-Z0-9_]*)\??:/gm)].map(
      (m) => m[1],
    );
    expect(own).toEqual(['TEST_CHECK_ANSWERS']);
    const types = readFileSync('worker/worker-configuration.d.ts', 'utf8');
    for (const name of [...vars, ...secrets]) expect(types, name).toMatch(new RegExp(`\\b${name}: string;`));
  });
});
