// The built add-on as Apps Script will see it: real top-level declarations for every menu
// item and every function a sidebar calls, a bundle that runs in a fresh global scope, and
// self-contained sidebars within their size goals.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakes } from '../../harness/fakes';
import { buildAddonTo } from '../../harness/local-worker';
import { topLevelFunctions } from '../../harness/runtime';

const SIDEBARS = join(import.meta.dirname, '../../addon/sidebars');
let dir: string;
let code: string;

/** Every `call('name', …)` in the sidebars' sources. */
function sidebarCalls(): string[] {
  const names = new Set<string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (e.name.endsWith('.ts'))
        for (const m of readFileSync(join(d, e.name), 'utf8').matchAll(/\bcall\(\s*'([A-Za-z]+)'/g))
          names.add(m[1]!);
    }
  };
  walk(SIDEBARS);
  return [...names].sort();
}

beforeAll(() => {
  dir = buildAddonTo('https://veli.example.org');
  code = readFileSync(join(dir, 'Code.js'), 'utf8');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Code.js', () => {
  it('runs in a fresh vm context and builds the French menu under Extensions', () => {
    const fakes = createFakes(dir);
    const context = vm.createContext({ ...fakes.globals });
    new vm.Script(code, { filename: 'Code.js' }).runInContext(context);
    vm.runInContext('onOpen()', context);
    const items = fakes.ui.menus.get('VELI VELO')!.filter((i) => i !== null);
    expect(items.map((i) => i.label)).toEqual([
      'Journal de séance',
      'Verrous',
      'Indicateurs',
      'Atelier collectif',
      'Fiche action',
      'Diagnostic du territoire',
      'Quotas et alertes',
      'Générer un document',
      'Importer un onglet existant',
      'Resynchroniser les onglets (administrateurs)',
      'Exporter les données (CSV)',
      'Diagnostic de l’installation (administrateurs)',
      'Paramètres',
    ]);
    const declared = topLevelFunctions(code);
    for (const { fn } of items) {
      expect(declared).toContain(fn);
      expect(typeof context[fn]).toBe('function');
    }
  });

  it('declares at top level every function the sidebars call', () => {
    const calls = sidebarCalls();
    expect(calls.length).toBeGreaterThanOrEqual(12);
    expect(calls).toContain('submitSession');
    const declared = topLevelFunctions(code);
    expect(calls.filter((c) => !declared.includes(c))).toEqual([]);
  });

  it('opens each sidebar from its built template, its context printed in (an error here: no worker)', () => {
    const fakes = createFakes(dir);
    const context = vm.createContext({ ...fakes.globals });
    new vm.Script(code).runInContext(context);
    vm.runInContext('onOpen()', context);
    for (const item of fakes.ui.menus.get('VELI VELO')!) {
      if (!item?.fn.startsWith('show')) continue;
      vm.runInContext(`${item.fn}()`, context);
      expect(fakes.ui.sidebar?.getTitle()).toBe(item.label);
      const html = fakes.ui.sidebar!.getContent();
      expect(html).toMatch(/^<!DOCTYPE html><html lang="fr">/);
      const boot = JSON.parse(/window\.__VELI__=(.*?);<\/script>/.exec(html)![1]!);
      expect(boot).toMatchObject({ workerUrl: 'https://veli.example.org', context: { ok: false } });
    }
  });
});

describe('the manifest', () => {
  it('bakes the worker address in and allows only it in the manifest', () => {
    expect(code).toContain('"https://veli.example.org"');
    const manifest = JSON.parse(readFileSync(join(dir, 'appsscript.json'), 'utf8'));
    expect(manifest.runtimeVersion).toBe('V8');
    expect(manifest.urlFetchWhitelist).toEqual(['https://veli.example.org/']);
    expect(code).toContain('["https://veli.example.org/"]');
    expect(manifest.oauthScopes).toContain('https://www.googleapis.com/auth/spreadsheets.currentonly');
    expect(manifest.oauthScopes).not.toContain('https://www.googleapis.com/auth/spreadsheets');
  });
});

describe('sidebars', () => {
  it('are self-contained: no external script, style or font', () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.html'));
    expect(files.length).toBe(10);
    for (const f of files) {
      const html = readFileSync(join(dir, f), 'utf8');
      expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=|@import/i);
      // One scriptlet, the context; one script for it and one for the bundle.
      expect(html.match(/<\?/g)).toEqual(['<?']);
      expect(html).toContain('<script>window.__VELI__=<?!= boot ?>;</script>');
      expect(html.match(/<\/script>/g)?.length).toBe(2);
    }
  });

  it('stay within the size goals (add-on ≤ 60 KB, each sidebar ≤ 40 KB gzip)', () => {
    expect(gzipSync(code).length).toBeLessThanOrEqual(60 * 1024);
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.html')))
      expect(gzipSync(readFileSync(join(dir, f))).length, f).toBeLessThanOrEqual(40 * 1024);
  });
});
