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

/** Code.js in a fresh V8 context, onOpen run with the role the menu last knew (none: not signed in yet). */
function opened(role: 'admin' | 'consultant' | 'viewer' | null, authMode?: string) {
  const fakes = createFakes(dir);
  const context = vm.createContext({ ...fakes.globals });
  new vm.Script(code, { filename: 'Code.js' }).runInContext(context);
  const url = 'https://veli.example.org';
  if (role) fakes.props.user.setProperty(`veli:menu-role:${url}:`, role);
  context.__event = authMode ? { authMode } : undefined;
  vm.runInContext('onOpen(__event)', context);
  const menu = fakes.ui.menus.get('VELI VELO')!;
  return { fakes, context, menu, labels: menu.map((i) => i?.label ?? '—') };
}

describe('Code.js', () => {
  it('builds the French menu under Extensions from the sidebar table, by role', () => {
    const admin = opened('admin');
    expect(admin.labels).toEqual([
      'Journal de séance',
      'Verrous',
      'Indicateurs',
      'Atelier collectif',
      'Fiche action',
      'Diagnostic du territoire',
      '—',
      'Quotas et alertes',
      'Synthèses du programme',
      'Générer un document',
      'Historique de la ligne sélectionnée',
      '—',
      'Importer un onglet existant',
      'Membres',
      'Paramètres',
      'Resynchroniser les onglets',
      'Exporter les données (CSV)',
      'Diagnostic de l’installation',
    ]);
    const consultant = opened('consultant').labels;
    expect(consultant).toEqual([...admin.labels.slice(0, 12), 'Importer un onglet existant', 'Mon compte']);
    // A viewer reads: no form to fill, no settings to change.
    expect(opened('viewer').labels).toEqual([
      'Quotas et alertes',
      'Historique de la ligne sélectionnée',
      '—',
      'Mon compte',
      'Exporter les données (CSV)',
    ]);
    // Role not known (first opening, or AuthMode.NONE: no properties): what every role has.
    const unknown = [
      'Quotas et alertes',
      'Historique de la ligne sélectionnée',
      '—',
      'Afficher toutes mes commandes',
    ];
    expect(opened(null).labels).toEqual(unknown);
    expect(opened('admin', 'NONE').labels).toEqual(unknown);
  });
});

describe('Code.js entry points', () => {
  it('declares at top level every menu item’s function, each sidebar item opening its template and title', () => {
    const declared = topLevelFunctions(code);
    const { fakes, context, menu } = opened('admin');
    const items = [...menu, ...opened('consultant').menu, ...opened(null).menu].filter((i) => i !== null);
    for (const { fn, label } of items) {
      expect(declared, fn).toContain(fn);
      expect(typeof context[fn]).toBe('function');
      if (!fn.startsWith('show')) continue;
      vm.runInContext(`${fn}()`, context);
      const title = fakes.ui.sidebar?.getTitle();
      expect(label.startsWith(title ?? '?'), `${fn}: ${title}`).toBe(true);
      const html = fakes.ui.sidebar!.getContent();
      expect(html).toMatch(/^<!DOCTYPE html><html lang="fr">/);
      const boot = JSON.parse(/window\.__VELI__=(.*?);<\/script>/.exec(html)![1]!);
      // No worker here: the context is an error the sidebar shows, never a blank page.
      expect(boot).toMatchObject({ workerUrl: 'https://veli.example.org', context: { ok: false } });
    }
  });

  it('declares at top level every function the sidebars call', () => {
    const calls = sidebarCalls();
    expect(calls.length).toBeGreaterThanOrEqual(12);
    expect(calls).toContain('submitSession');
    const declared = topLevelFunctions(code);
    expect(calls.filter((c) => !declared.includes(c))).toEqual([]);
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
    expect(files.length).toBe(13);
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
