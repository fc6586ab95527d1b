// The built add-on in the harness against a real local worker (wrangler dev, fresh D1): one
// UrlFetchApp call per action, one read per tab touched and one batch of writes, bad input
// stopped before any call, a lost answer retried or recovered, refusals that say what to do,
// sidebars that open with their user's context, documents filed with their links.
import { describe, expect, it } from 'vitest';
import type { Result, SidebarContext } from '../../addon/api';
import type { SidebarBoot } from '../../addon/menu';
import { ADMIN } from '../../harness/local-worker';
import { type AddonRuntime, loadAddon } from '../../harness/runtime';
import { createTerritory, sessionInput, uid, useAddonWorker } from './fixtures';

const CONSULTANT = 'consultante@amo.example';
const OTHER = 'autre@amo.example';
const VIEWER = 'lecteur.harness@ademe.example';
const env = useAddonWorker({ consultants: [CONSULTANT, OTHER], viewers: [VIEWER] });

async function territory(insee: string, consultant = CONSULTANT) {
  const id = uid('t');
  await createTerritory(env.worker.api, { id, name: `Territoire ${id}`, insee, consultant });
  return id;
}

const addon = (user: string | null = CONSULTANT): AddonRuntime => {
  const rt = loadAddon({ dir: env.dir, workerUrl: env.url, devUser: user });
  rt.run('onOpen');
  return rt;
};
const session = sessionInput;
/** The paths and queries the add-on asked for, decoded. */
const requests = (rt: AddonRuntime) =>
  rt.fakes.fetchLog.map((f) => decodeURIComponent(new URL(f.url).pathname + new URL(f.url).search));
const calls = (rt: AddonRuntime) =>
  rt.fakes.fetchLog.map((f) => `${f.method} ${new URL(f.url).pathname} ${f.status}`);
/** A tab as staff read it: display values by header. */
const rows = (rt: AddonRuntime, tab: string) => {
  const [headers = [], ...rest] = rt.fakes.spreadsheet.getSheetByName(tab)?.displayGrid() ?? [];
  return rest.map((r) => Object.fromEntries(headers.map((h, i) => [h, r[i] ?? ''])));
};
/** The context inlined in the sidebar the add-on just built. */
function boot(rt: AddonRuntime): SidebarBoot {
  const html = rt.fakes.ui.sidebar!.getContent();
  const json = /window\.__VELI__=(.*?);<\/script>/.exec(html)![1]!;
  return JSON.parse(json) as SidebarBoot;
}

describe('logging a session', () => {
  it('makes one worker call, one read per tab touched and one batch of writes', async () => {
    const t = await territory('81004');
    const rt = addon();
    expect((rt.run('submitSession', session(t)) as Result<unknown>).ok).toBe(true);
    rt.fakes.fetchLog.length = 0;
    rt.fakes.spreadsheet.resetCounts();
    const s = session(t);
    const res = rt.run('submitSession', s) as Result<{ quota: { used: number } }>;
    expect(res.ok).toBe(true);
    expect(calls(rt)).toEqual(['POST /v1/sessions 201']);
    const counts = rt.fakes.spreadsheet.counts();
    expect([counts.Séances?.getValues, counts.Quotas?.getValues]).toEqual([1, 1]);
    expect(rt.fakes.spreadsheet.commits).toBe(1);
    expect(rows(rt, 'Séances').map((r) => r.Identifiant)).toContain(s.id);
    const quota = rows(rt, 'Quotas').filter((r) => r.Identifiant === `diagnostic|${t}`);
    expect(quota.map((r) => [r.Unité, r.Utilisé, r.Limite, r.Restant])).toEqual([
      ['jours', '0,9', '4', '3,1'],
    ]);
  });

  it('stops bad input before any call, with the schemas’ French messages', async () => {
    const t = await territory('11069');
    const rt = addon();
    const res = rt.run('submitSession', session(t, { durationMinutes: 0, summary: '' })) as Result<unknown>;
    expect(res).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(!res.ok && res.error.issues).toEqual(
      expect.arrayContaining([
        { path: 'durationMinutes', message: 'La valeur doit être au moins 1.' },
        { path: 'summary', message: 'Ce champ est obligatoire.' },
      ]),
    );
    expect(rt.fakes.fetchLog).toHaveLength(0);
    expect(rt.fakes.spreadsheet.getSheetByName('Séances')).toBeNull();
  });

  it('retries a lost answer with the same id: one row, counted once', async () => {
    const t = await territory('32013');
    const rt = addon();
    const s = session(t, { kind: 'territory-interview', durationMinutes: 60 });
    rt.fakes.faults.dropNextResponses = 1;
    expect(rt.run('submitSession', s)).toMatchObject({ ok: false, error: { code: 'NETWORK' } });
    const retried = rt.run('submitSession', s) as Result<{ quota: { used: number; status: string } }>;
    expect(retried.ok && retried.data.quota).toMatchObject({ used: 1, status: 'reached' });
    expect(rt.fakes.fetchLog.map((f) => f.status)).toEqual(['network-error', 200]);
    expect(rows(rt, 'Séances').filter((r) => r.Identifiant === s.id)).toHaveLength(1);
  });
});

describe('refusals', () => {
  it('refuses over quota naming the territory and what remains, on the field that decides', async () => {
    const t = await territory('12202');
    const rt = addon();
    rt.run('showJournal'); // the context names the territory
    expect((rt.run('submitSession', session(t, { kind: 'territory-interview' })) as Result<unknown>).ok).toBe(
      true,
    );
    const over = rt.run('submitSession', session(t, { kind: 'territory-interview' })) as Result<unknown>;
    expect(over).toMatchObject({ ok: false, error: { code: 'QUOTA_EXCEEDED' } });
    if (over.ok) return;
    expect(over.error.message).toBe(
      `Quota atteint pour «\u00a0Territoire ${t}\u00a0»\u00a0: Entretien individuel avec le territoire — il reste 0\u00a0séance sur 1\u00a0séance\u202f; cette séance en demande 1\u00a0séance. Un administrateur peut déroger avec un motif.`,
    );
    expect(over.error.issues).toEqual([{ path: 'kind', message: over.error.message }]);
    const forbidden = addon(OTHER).run('submitSession', session(t)) as Result<unknown>;
    expect(forbidden).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('without a dev identity sends the Google identity token, which a dev worker refuses', () => {
    const rt = addon(null);
    const res = rt.run('loadContext', 'journal') as Result<unknown>;
    expect(res).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(rt.fakes.fetchLog[0]?.devUser).toBeUndefined();
  });
});

describe('sidebars that know their user', () => {
  it('open with the user’s territories inlined: one snapshot request with who they are, then none from the cache', async () => {
    const mine = await territory('46102');
    await territory('65440', OTHER);
    const rt = addon();
    rt.run('showJournal');
    expect(requests(rt)).toEqual(['/v1/snapshot?parts=me,programme,quotas,workshops,actions,documents']);
    const ctx = boot(rt).context as { ok: true; data: SidebarContext };
    expect(ctx.data.me).toMatchObject({ email: CONSULTANT, role: 'consultant' });
    expect(ctx.data.me.territories?.map((x) => x.id)).toContain(mine);
    expect(
      ctx.data.me.territories?.every((x) => ctx.data.report.territories.some((r) => r.territoryId === x.id)),
    ).toBe(true);
    expect(
      ctx.data.today >= ctx.data.programme.startDate && ctx.data.today <= ctx.data.programme.endDate,
    ).toBe(true);
    rt.fakes.fetchLog.length = 0;
    rt.run('showDiagnostic');
    expect(rt.fakes.fetchLog).toHaveLength(0);
    expect(boot(rt).sidebar).toBe('diagnostic');
  });

  it('tell a viewer they read only, and keep the override for admins', () => {
    const viewer = addon(VIEWER);
    viewer.run('showJournal');
    expect((boot(viewer).context as { ok: true; data: SidebarContext }).data.me.role).toBe('viewer');
    const html = viewer.fakes.ui.sidebar!.getContent();
    expect(html).not.toContain('<?');
    expect(html).toContain('window.__VELI__={');
  });
});

describe('blockers', () => {
  it('creates a blocker, refuses to resolve it without a solution, then resolves it in place', async () => {
    const t = await territory('11076');
    const rt = addon();
    const id = uid('b');
    const created = rt.run('submitBlocker', {
      id,
      territoryId: t,
      category: 'parking',
      title: '=stationnement',
      description: 'Pas de stationnement sécurisé.',
      owner: 'territory',
    }) as Result<unknown>;
    expect(created.ok).toBe(true);
    expect(rt.run('updateBlocker', id, { status: 'resolved' })).toMatchObject({ ok: false });
    expect(rt.run('updateBlocker', id, { status: 'resolved', solution: 'Box vélos en gare.' })).toMatchObject(
      {
        ok: true,
        data: { status: 'resolved' },
      },
    );
    const line = rows(rt, 'Verrous').filter((r) => r.Identifiant === id);
    expect(line.map((r) => [r.Intitulé, r.Statut])).toEqual([['=stationnement', 'Levé']]);
  });
});

describe('one request per screen', () => {
  it('loads quotas and alerts with one request and rewrites their two tabs', async () => {
    const t = await territory('81065');
    const rt = addon();
    const res = rt.run('loadQuotasAndAlerts') as Result<{
      quotas: { territories: { territoryId: string }[] };
    }>;
    expect(res.ok && res.data.quotas.territories.map((x) => x.territoryId)).toContain(t);
    expect(rt.fakes.fetchLog.map((f) => new URL(f.url).search)).toEqual(['?parts=quotas,alerts,reminders']);
    expect(Object.keys(rt.fakes.spreadsheet.counts())).toEqual(expect.arrayContaining(['Quotas', 'Alertes']));
  });

  it('generates a summary with one request, then files its link in Documents and on the territory’s row', async () => {
    const t = await territory('31555');
    const admin = addon(ADMIN);
    admin.run('resyncTabs');
    admin.fakes.fetchLog.length = 0;
    const res = admin.run('generateDocument', { type: 'territory-summary', territoryId: t }) as Result<{
      id: string;
      pages: number;
      url: string;
      version: number;
    }>;
    expect(res.ok, JSON.stringify(res)).toBe(true);
    if (!res.ok) return;
    expect(calls(admin)).toEqual(['POST /v1/documents 201']);
    const filed = admin.run('fileDocument', res.data) as Result<{ tabs: string[] }>;
    expect(filed).toMatchObject({ ok: true, data: { tabs: ['Documents', 'Territoires'] } });
    expect(admin.fakes.fetchLog).toHaveLength(1);
    expect(rows(admin, 'Documents').find((r) => r.Identifiant === res.data.id)).toMatchObject({
      Type: 'Synthèse territoriale',
      Version: String(res.data.version),
    });
    const sheet = admin.fakes.spreadsheet.getSheetByName('Territoires')!;
    const line = rows(admin, 'Territoires').findIndex((r) => r.Identifiant === t) + 2;
    const col = Object.keys(rows(admin, 'Territoires')[0]!).indexOf('Synthèse territoriale') + 1;
    expect(sheet.getRange(line, col).getRichTextValues()[0]![0]!.getLinkUrl()).toBe(res.data.url);
  });
});

describe('resynchronisation', () => {
  it('rebuilds every tab and the dashboard from one snapshot request, for admins', () => {
    const rt = addon(ADMIN);
    rt.run('resyncTabs');
    expect(requests(rt)).toEqual([
      '/v1/snapshot?parts=territories,partners,sessions,blockers,indicators,workshops,actions,quotas,alerts,documents,me,programme',
    ]);
    // Who the user is came with it, and is cached: the next resync asks for the lists alone.
    rt.fakes.fetchLog.length = 0;
    rt.run('resyncTabs');
    expect(requests(rt)).toEqual(['/v1/snapshot']);
    const names = rt.fakes.spreadsheet.getSheets().map((s) => s.getName());
    expect(names[0]).toBe('Tableau de bord');
    expect(names).toEqual(
      expect.arrayContaining(['Territoires', 'Séances', 'Quotas', 'Alertes', 'Documents']),
    );
    const dashboard = rt.fakes.spreadsheet.getSheetByName('Tableau de bord')!;
    expect(dashboard.getCharts().map((c) => c.getOptions().get('title'))).toEqual([
      'Part des quotas utilisée par territoire',
      'Séances par mois',
      'Verrous par catégorie et par statut',
      'Alertes ouvertes par gravité',
    ]);
    expect(
      dashboard
        .displayGrid()
        .flat()
        .filter((v) => v.startsWith('#')),
    ).toEqual([]);
    expect(rt.fakes.spreadsheet.toasts.at(-1)?.message).toMatch(
      /^Onglets resynchronisés\u00a0: 10\u00a0onglets, \d+\u00a0lignes\.$/,
    );
  });
});

describe('settings', () => {
  it('accepts only an address the manifest allows, and only from an admin of that worker', () => {
    const consultant = addon();
    expect(consultant.run('saveSettings', { workerUrl: env.url })).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'Action réservée aux administrateurs ADEME.' },
    });
    const elsewhere = consultant.run('saveSettings', {
      workerUrl: 'https://veli.example.org/',
    }) as Result<unknown>;
    expect(elsewhere).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(!elsewhere.ok && elsewhere.error.issues?.[0]?.message).toContain('urlFetchWhitelist');
    expect(consultant.fakes.fetchLog.some((f) => f.url.startsWith('https://veli.example.org'))).toBe(false);
    const admin = addon(ADMIN);
    const saved = admin.run('saveSettings', { workerUrl: `${env.url}/` }) as Result<{
      workerUrl: string;
    }>;
    expect(saved).toMatchObject({ ok: true, data: { workerUrl: env.url, me: { role: 'admin' } } });
  });
});
