// The built add-on in the harness against a real local worker (wrangler dev, fresh D1): one
// UrlFetchApp call per action, one read per tab touched and one batch of writes, bad input
// stopped before any call, a lost answer retried or recovered, refusals that say what to do,
// sidebars that open with their user's context, documents filed with their links.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Result, SidebarContext } from '../../addon/api';
import type { SidebarBoot } from '../../addon/menu';
import { REMOVED_MARK } from '../../addon/sheet-mirror';
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
    expect(requests(rt)).toEqual([
      '/v1/snapshot?parts=me,programme,people,quotas,workshops,actions,documents',
    ]);
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
      '/v1/snapshot?parts=territories,partners,sessions,blockers,indicators,workshops,actions,quotas,alerts,documents,people,me,programme',
    ]);
    // Who the user is came with it, and is cached: the next resync asks for the lists alone
    // (and who has a name, for « Saisie par »).
    rt.fakes.fetchLog.length = 0;
    rt.run('resyncTabs');
    expect(requests(rt)).toEqual([
      '/v1/snapshot?parts=territories,partners,sessions,blockers,indicators,workshops,actions,quotas,alerts,documents,people',
    ]);
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

describe('menus by role (GET /v1/me, remembered for the next opening)', () => {
  const labels = (rt: AddonRuntime) =>
    (rt.fakes.ui.menus.get('VELI VELO') ?? []).flatMap((i) => (i ? [i.label] : []));
  const COMMON = [
    'Quotas et alertes',
    'Historique de la ligne sélectionnée',
    'Afficher toutes mes commandes',
  ];

  it('starts with the common items, then follows the role the server gives, and keeps it at the next opening', () => {
    const viewer = addon(VIEWER);
    expect(labels(viewer)).toEqual(COMMON);
    viewer.run('showQuotas');
    expect(labels(viewer)).toEqual([
      'Quotas et alertes',
      'Historique de la ligne sélectionnée',
      'Mon compte',
      'Exporter les données (CSV)',
    ]);
    viewer.run('onOpen');
    expect(labels(viewer)).not.toContain('Journal de séance');
    expect(labels(viewer)).not.toContain('Paramètres');
    const consultant = addon(CONSULTANT);
    consultant.run('refreshMenu');
    expect(labels(consultant)).toContain('Journal de séance');
    expect(labels(consultant)).not.toContain('Membres');
    expect(labels(consultant)).not.toContain('Resynchroniser les onglets');
    expect(consultant.fakes.spreadsheet.toasts.at(-1)?.message).toMatch(
      /^Menu à jour pour votre rôle\s: Consultant/,
    );
    const admin = addon(ADMIN);
    admin.run('refreshMenu');
    expect(labels(admin)).toEqual(
      expect.arrayContaining(['Membres', 'Paramètres', 'Resynchroniser les onglets']),
    );
  });

  it('gives a viewer who opens the settings the page without the server form', () => {
    const viewer = addon(VIEWER);
    viewer.run('showParametres');
    const b = boot(viewer);
    expect(b.sidebar).toBe('parametres');
    // The page decides from the role inlined here (the Chromium e2e checks there is no form).
    expect((b.context as { ok: true; data: SidebarContext }).data.me.role).toBe('viewer');
  });
});

/** This file creates more territories than the preset's ten. */
async function roomForTerritories() {
  const api = env.worker.api(ADMIN);
  const { assessment: _a, ...p } = (await api('GET', '/v1/programme')).body as Record<string, unknown>;
  expect((await api('PUT', '/v1/programme', { ...p, maxTerritories: 40 })).status).toBe(200);
}

describe('Historique', () => {
  beforeAll(roomForTerritories);
  it('shows the history of the selected row, its actors named, and nothing for a row without a record', async () => {
    const t = await territory('31555');
    await env.worker.api(ADMIN)('POST', '/v1/members', {
      email: CONSULTANT,
      role: 'consultant',
      name: 'Claire Martin',
    });
    const rt = addon();
    const s = session(t);
    expect((rt.run('submitSession', s) as Result<unknown>).ok).toBe(true);
    await env.worker.api(ADMIN)('PATCH', `/v1/sessions/${s.id}`, { participants: 9 });
    const admin = addon(ADMIN);
    admin.run('resyncTabs');
    const line = rows(admin, 'Séances').findIndex((r) => r.Identifiant === s.id) + 2;
    expect(rows(admin, 'Séances')[line - 2]?.['Saisie par']).toBe('Claire Martin');
    admin.fakes.state.user(ADMIN).selection = { sheet: 'Séances', row: line, col: 3 };
    admin.run('showHistorique');
    const row = boot(admin).row as { entity: string; id: string };
    expect(row).toMatchObject({ entity: 'session', id: s.id, tab: 'Séances' });
    const history = admin.run('loadHistory', row.entity, row.id) as Result<{
      entries: { action: string; actor: string }[];
      people: Record<string, string>;
    }>;
    expect(history.ok && history.data.entries.map((e) => e.action)).toEqual(['create', 'update']);
    expect(history.ok && history.data.people[CONSULTANT]).toBe('Claire Martin');
    admin.fakes.state.user(ADMIN).selection = { sheet: 'Séances', row: 1, col: 1 };
    admin.run('showHistorique');
    expect(boot(admin).row).toMatchObject({
      error: expect.stringMatching(/^Sélectionnez d’abord une ligne/),
    });
  });
});

describe('Historique of a deleted record', () => {
  beforeAll(roomForTerritories);
  it('shows the history of a row kept for staff’s notes once its record is gone', async () => {
    const t = await territory('31557');
    const rt = addon();
    const s = session(t);
    expect((rt.run('submitSession', s) as Result<unknown>).ok).toBe(true);
    const loaded = rt.run('loadSession', s.id) as Result<{ version: string }>;
    const sheet = rt.fakes.spreadsheet.getSheetByName('Séances')!;
    const free = sheet.getLastColumn() + 1;
    sheet.getRange(1, free).setValue('Commentaire ADEME');
    sheet.getRange(rows(rt, 'Séances').findIndex((r) => r.Identifiant === s.id) + 2, free).setValue('Gardé');
    const version = loaded.ok ? loaded.data.version : '';
    expect((rt.run('deleteSession', s.id, version) as Result<unknown>).ok).toBe(true);
    const line = rows(rt, 'Séances').findIndex((r) => r.Identifiant === `${s.id}${REMOVED_MARK}`) + 2;
    expect(line).toBeGreaterThan(1);
    rt.fakes.state.user(CONSULTANT).selection = { sheet: 'Séances', row: line, col: 3 };
    rt.run('showHistorique');
    const row = boot(rt).row as { entity: string; id: string };
    expect(row).toMatchObject({ entity: 'session', id: s.id, tab: 'Séances' });
    const history = rt.run('loadHistory', row.entity, row.id) as Result<{ entries: { action: string }[] }>;
    expect(history.ok && history.data.entries.map((e) => e.action)).toEqual(['create', 'delete']);
  });
});

describe('Membres, and a deletion’s quota', () => {
  beforeAll(roomForTerritories);

  it('adds, renames and removes a member, and sets a territory’s consultants, in one request each', async () => {
    const t = await territory('82121');
    const admin = addon(ADMIN);
    const email = `${uid('nouveau')}@amo.example`;
    admin.fakes.fetchLog.length = 0;
    const added = admin.run('saveMember', { email, role: 'consultant', name: 'Nina Nouvelle' }) as Result<{
      name: string;
    }>;
    expect(added).toMatchObject({ ok: true, data: { name: 'Nina Nouvelle' } });
    const listed = admin.run('loadMembers') as Result<{
      members: { email: string; version?: number }[];
      territories: { id: string; consultants: string[]; version: number | null }[];
    }>;
    if (!listed.ok) throw new Error(JSON.stringify(listed));
    // Both lists in one snapshot request.
    expect(requests(admin).slice(1)).toEqual(['/v1/snapshot?parts=members,territories']);
    const territoryRow = listed.data.territories.find((x) => x.id === t)!;
    const saved = admin.run(
      'saveConsultants',
      t,
      [...territoryRow.consultants, email],
      String(territoryRow.version),
    ) as Result<{
      consultants: string[];
    }>;
    expect(saved.ok && saved.data.consultants).toContain(email);
    const stale = admin.run('saveConsultants', t, [], String(territoryRow.version)) as Result<unknown>;
    expect(stale).toMatchObject({ ok: false, error: { code: 'PRECONDITION_FAILED' } });
    const viewerRole = admin.run('saveMember', { email, role: 'viewer' }, null) as Result<unknown>;
    expect(viewerRole).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const member = listed.data.members.find((m) => m.email === email)!;
    expect(admin.run('saveMember', { email, role: 'viewer' }, String(member.version))).toMatchObject({
      ok: true,
    });
    expect(admin.run('removeMember', email)).toMatchObject({ ok: true, data: { deleted: true } });
    const consultant = addon(CONSULTANT);
    expect(consultant.run('loadMembers')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('answers a deletion with the freed quota, for the quota line', async () => {
    const t = await territory('09122');
    const rt = addon();
    const s = { ...session(t), kind: 'collective-support', durationMinutes: 120 };
    const made = rt.run('submitSession', s) as Result<{
      quota: { used: number };
      session: { version: number };
    }>;
    if (!made.ok) throw new Error(JSON.stringify(made));
    const gone = rt.run('deleteSession', s.id, String(made.data.session.version ?? 1)) as Result<{
      quota?: { used: number };
    }>;
    expect(gone.ok && gone.data.quota?.used).toBe(made.data.quota.used - 1);
  });
});
