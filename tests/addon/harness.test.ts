// The built add-on in the harness against a real local worker (wrangler dev, fresh D1):
// one UrlFetchApp call per action, one read and one write per tab touched, bad input
// stopped before any call, a lost answer retried with the same id counted once, the
// worker's refusals shown in French, and a resynchronisation that rebuilds the tabs.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../addon/api';
import { ADMIN, buildAddonTo, startLocalWorker } from '../../harness/local-worker';
import { type AddonRuntime, loadAddon } from '../../harness/runtime';
import { stopSyncFetch } from '../../harness/sync-fetch';

const CONSULTANT = 'consultante@amo.example';
const OTHER = 'autre@amo.example';
let worker: Awaited<ReturnType<typeof startLocalWorker>>;
let dir: string;
let n = 0;
const uid = (p: string) => `${p}-${Date.now().toString(36)}-${++n}`;

async function territory(insee: string, consultant = CONSULTANT) {
  const id = uid('t');
  const res = await worker.api(ADMIN)('POST', '/v1/territories', {
    id,
    name: `Territoire ${id}`,
    legalForm: 'ca',
    centralCityInsee: insee,
    consultants: [consultant],
  });
  expect(res.status).toBe(201);
  return id;
}

const addon = (user: string | null = CONSULTANT): AddonRuntime => {
  const rt = loadAddon({ dir, workerUrl: worker.base, devUser: user });
  rt.run('onOpen');
  return rt;
};
const session = (territoryId: string, over: Record<string, unknown> = {}) => ({
  id: uid('s'),
  kind: 'diagnostic',
  territoryId,
  date: '2025-03-12',
  durationMinutes: 180,
  mode: 'remote',
  participants: 4,
  summary: 'Diagnostic des usages et des flottes.',
  ...over,
});
/** Tabs read or written since the last reset, with their range calls. */
const touched = (rt: AddonRuntime) =>
  Object.fromEntries(
    Object.entries(rt.fakes.spreadsheet.counts()).filter(([, c]) => c.getValues + c.setValues > 0),
  );
const rows = (rt: AddonRuntime, tab: string) =>
  rt.fakes.spreadsheet.getSheetByName(tab)?.grid().slice(1) ?? [];

beforeAll(async () => {
  worker = await startLocalWorker();
  dir = buildAddonTo();
  const admin = worker.api(ADMIN);
  for (const email of [CONSULTANT, OTHER]) await admin('POST', '/v1/members', { email, role: 'consultant' });
}, 120_000);
afterAll(async () => {
  await stopSyncFetch();
  await worker?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('logging a session', () => {
  it('makes one worker call, then one read and one write on Séances and on Quotas', async () => {
    const t = await territory('81004');
    const rt = addon();
    const s = session(t);
    const res = rt.run('submitSession', s) as Result<{ quota: { used: number; remaining: number } }>;
    expect(res.ok).toBe(true);
    expect(rt.fakes.fetchLog.map((f) => `${f.method} ${new URL(f.url).pathname} ${f.status}`)).toEqual([
      'POST /v1/sessions 201',
    ]);
    const counts = rt.fakes.spreadsheet.counts();
    expect(counts.Séances).toEqual({ getValues: 0, setValues: 1 }); // a new tab has nothing to read
    expect(counts.Quotas).toEqual({ getValues: 0, setValues: 1 });
    rt.fakes.spreadsheet.resetCounts();
    rt.run('submitSession', session(t));
    expect(rt.fakes.spreadsheet.counts().Séances).toEqual({ getValues: 1, setValues: 1 });
    expect(rt.fakes.spreadsheet.counts().Quotas).toEqual({ getValues: 1, setValues: 1 });
    expect(rows(rt, 'Séances').map((r) => r[0])).toContain(s.id);
    const quota = rows(rt, 'Quotas').filter((r) => r[0] === `diagnostic|${t}`);
    expect(quota).toHaveLength(1);
    expect(quota[0]?.slice(5, 8)).toEqual([360, 1680, 1320]);
  });

  it('stops bad input before any call, with the schemas’ French messages', async () => {
    const t = await territory('11069');
    const rt = addon();
    const res = rt.run('submitSession', session(t, { durationMinutes: 0, summary: '' })) as Result<unknown>;
    expect(res).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    if (res.ok) return;
    expect(res.error.issues).toEqual(
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
    const lost = rt.run('submitSession', s) as Result<unknown>;
    expect(lost).toMatchObject({ ok: false, error: { code: 'NETWORK' } });
    const retried = rt.run('submitSession', s) as Result<{ quota: { used: number; status: string } }>;
    expect(retried.ok && retried.data.quota).toMatchObject({ used: 1, status: 'reached' });
    expect(rt.fakes.fetchLog.map((f) => f.status)).toEqual(['network-error', 200]);
    expect(rows(rt, 'Séances').filter((r) => r[0] === s.id)).toHaveLength(1);
    const sessions = await worker.api(ADMIN)('GET', `/v1/sessions?territoryId=${t}`);
    expect((sessions.body as { sessions: unknown[] }).sessions).toHaveLength(1);
  });

  it('shows the worker’s refusals as they come: quota, territory of another consultant', async () => {
    const t = await territory('12202');
    const rt = addon();
    expect((rt.run('submitSession', session(t, { kind: 'territory-interview' })) as Result<unknown>).ok).toBe(
      true,
    );
    const over = rt.run('submitSession', session(t, { kind: 'territory-interview' })) as Result<unknown>;
    expect(over).toMatchObject({ ok: false, error: { code: 'QUOTA_EXCEEDED' } });
    expect(!over.ok && over.error.message).toMatch(
      /^Quota dépassé\s: Entretien individuel avec le territoire/,
    );
    const other = addon(OTHER);
    const forbidden = other.run('submitSession', session(t)) as Result<unknown>;
    expect(forbidden).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(!forbidden.ok && forbidden.error.message).toContain('Vous n’êtes pas consultant du territoire');
    expect(other.fakes.spreadsheet.getSheetByName('Séances')).toBeNull();
  });

  it('without a dev identity sends the Google identity token, which a dev worker refuses', () => {
    const rt = addon(null);
    const res = rt.run('loadContext') as Result<unknown>;
    expect(res).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(rt.fakes.fetchLog[0]?.devUser).toBeUndefined();
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
    const resolved = rt.run('updateBlocker', id, { status: 'resolved', solution: 'Box vélos en gare.' });
    expect(resolved).toMatchObject({ ok: true, data: { status: 'resolved' } });
    const line = rows(rt, 'Verrous').filter((r) => r[0] === id);
    expect(line).toHaveLength(1);
    expect(line[0]?.[4]).toBe('=stationnement');
    expect(line[0]?.[8]).toBe('Levé');
  });
});

describe('resynchronisation', () => {
  it('rebuilds every tab from one snapshot request, dropping lines the worker does not have', async () => {
    const t = await territory('46102');
    const rt = addon();
    rt.run('submitSession', session(t));
    const seances = rt.fakes.spreadsheet.getSheetByName('Séances')!;
    seances.getRange(seances.getLastRow() + 1, 1, 1, 2).setValues([['fantome', '2025-01-01']]);
    rt.fakes.fetchLog.length = 0;
    rt.fakes.spreadsheet.resetCounts();
    rt.run('resyncTabs');
    expect(rt.fakes.fetchLog.map((f) => `${f.method} ${new URL(f.url).pathname} ${f.status}`)).toEqual([
      'GET /v1/snapshot 200',
    ]);
    const tabs = [
      'Territoires',
      'Partenaires',
      'Séances',
      'Verrous',
      'Indicateurs',
      'Ateliers',
      'Actions',
      'Quotas',
      'Alertes',
      'Documents',
    ];
    expect(rt.fakes.spreadsheet.getSheets().map((s) => s.getName())).toEqual(expect.arrayContaining(tabs));
    // Each tab replaced wholesale: one write, no read.
    const counts = rt.fakes.spreadsheet.counts();
    for (const tab of tabs) expect(counts[tab], tab).toEqual({ getValues: 0, setValues: 1 });
    expect(rows(rt, 'Séances').map((r) => r[0])).not.toContain('fantome');
    const all = await worker.api(ADMIN)('GET', '/v1/sessions');
    expect(rows(rt, 'Séances')).toHaveLength((all.body as { sessions: unknown[] }).sessions.length);
    expect(rows(rt, 'Territoires').map((r) => r[0])).toContain(t);
    expect(rt.fakes.spreadsheet.toasts.at(-1)?.message).toMatch(/^Onglets reconstruits : \d+ ligne\(s\)\.$/);
  });
});

describe('one request per screen', () => {
  it('loads quotas and alerts with one request and rewrites their two tabs once each', async () => {
    const t = await territory('81065');
    const rt = addon();
    const res = rt.run('loadQuotasAndAlerts') as Result<{
      quotas: { territories: { territoryId: string }[] };
      alerts: unknown[];
    }>;
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.data.quotas.territories.map((x) => x.territoryId)).toContain(t);
    expect(Array.isArray(res.data.alerts)).toBe(true);
    expect(
      rt.fakes.fetchLog.map((f) => `${f.method} ${new URL(f.url).pathname}${new URL(f.url).search}`),
    ).toEqual(['GET /v1/snapshot?parts=quotas,alerts']);
    expect(touched(rt)).toEqual({
      Quotas: { getValues: 0, setValues: 1 },
      Alertes: { getValues: 0, setValues: 1 },
    });
    expect(rows(rt, 'Quotas').some((r) => r[0] === `diagnostic|${t}`)).toBe(true);
  });

  it('generates a territory summary with one request and files it in the Documents tab', async () => {
    const t = await territory('31555');
    const rt = addon();
    const res = rt.run('generateDocument', { type: 'territory-summary', territoryId: t }) as Result<{
      id: string;
      pages: number;
      url: string;
    }>;
    expect(res.ok, JSON.stringify(res)).toBe(true);
    if (!res.ok) return;
    expect(res.data.pages).toBeGreaterThanOrEqual(1);
    expect(res.data.pages).toBeLessThan(5);
    expect(
      rt.fakes.fetchLog.map((f) => `${f.method.toUpperCase()} ${new URL(f.url).pathname} ${f.status}`),
    ).toEqual(['POST /v1/documents 201']);
    expect(rows(rt, 'Documents').some((r) => r[0] === res.data.id)).toBe(true);
    const html = await fetch(new URL(res.data.url, worker.base), { headers: { 'x-dev-user': CONSULTANT } });
    expect(html.status).toBe(200);
    expect(await html.text()).toContain('Synthèse territoriale');
  });

  it('lists the document choices with one request and writes no tab', async () => {
    const t = await territory('31555');
    const rt = addon();
    const res = rt.run('loadDocumentChoices') as Result<{ territories: { id: string; name: string }[] }>;
    expect(res.ok && res.data.territories).toContainEqual({ id: t, name: `Territoire ${t}` });
    expect(rt.fakes.fetchLog.map((f) => new URL(f.url).search)).toEqual([
      '?parts=territories,workshops,actions',
    ]);
    expect(touched(rt)).toEqual({});
  });
});

describe('settings', () => {
  it('lets only an admin of the target worker change the worker address', () => {
    const consultant = addon();
    const refused = consultant.run('saveSettings', { workerUrl: worker.base }) as Result<unknown>;
    expect(refused).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'Action réservée aux administrateurs ADEME.' },
    });
    const insecure = consultant.run('saveSettings', {
      workerUrl: 'http://veli.example.org/',
    }) as Result<unknown>;
    expect(insecure).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    const admin = addon(ADMIN);
    admin.fakes.props.document.deleteProperty('VELI_WORKER_URL');
    const saved = admin.run('saveSettings', { workerUrl: `${worker.base}/` }) as Result<{
      workerUrl: string;
    }>;
    expect(saved).toMatchObject({ ok: true, data: { workerUrl: worker.base, me: { role: 'admin' } } });
    expect(admin.fakes.props.document.getProperty('VELI_WORKER_URL')).toBe(worker.base);
    expect(admin.run('loadSettings')).toMatchObject({ ok: true, data: { me: { email: ADMIN } } });
  });
});
