// Nothing lost in the sheet: the built add-on in the harness, two users running it at the same
// moment (one worker thread each, one shared spreadsheet and document lock), a staff column
// added by hand, and what setValues makes of codes and dates. Against a real local worker.
import { describe, expect, it } from 'vitest';
import type { Result } from '../../addon/api';
import { FakeRange, type GoogleState } from '../../harness/fakes';
import { ADMIN } from '../../harness/local-worker';
import { loadAddon } from '../../harness/runtime';
import type { UserThread } from '../../harness/threads';
import { createTerritory, readTab, sessionInput, uid, useAddonWorker } from './fixtures';

const CLAIRE = 'claire.integrity@amo.example';
const JULIEN = 'julien.integrity@amo.example';
const VIEWER = 'lecteur.integrity@ademe.example';
const env = useAddonWorker({ consultants: [CLAIRE, JULIEN], viewers: [VIEWER] });

const territory = (insee: string, consultant: string, name = `Territoire ${uid('n')}`) =>
  createTerritory(env.worker.api, { id: uid('t'), name, insee, consultant });
const session = (territoryId: string, over: Record<string, unknown> = {}) =>
  sessionInput(territoryId, {
    durationMinutes: 20,
    participants: 3,
    summary: 'Diagnostic des usages.',
    ...over,
  });

const table = readTab;
const ids = (state: GoogleState, tab: string) =>
  table(state, tab)
    .rows.map((r) => r.Identifiant)
    .filter(Boolean);

const user = env.open;

/**
 * Claire and Julien in one spreadsheet, each in a territory of their own, the Séances tab
 * created by a first session of Claire's (as it is once the programme has started).
 */
async function twoConsultants(insees: [string, string]) {
  const state = env.spreadsheet();
  const [a, b] = [await user(state, CLAIRE), await user(state, JULIEN)];
  const ta = await territory(insees[0], CLAIRE);
  const tb = await territory(insees[1], JULIEN);
  expect(((await a.run('submitSession', session(ta.id))) as Result<unknown>).ok).toBe(true);
  return { state, a, b, ta: ta.id, tb: tb.id };
}

describe('two users writing at the same moment', () => {
  it('keeps every row when two consultants log 60 sessions each in parallel', async () => {
    const { state, a, b, ta, tb } = await twoConsultants(['81004', '46042']);
    const log = async (u: UserThread, t: string) => {
      for (let i = 0; i < 60; i++) {
        const res = (await u.run('submitSession', session(t))) as Result<unknown>;
        expect(res.ok, JSON.stringify(res)).toBe(true);
      }
    };
    await Promise.all([log(a, ta), log(b, tb)]);
    expect(ids(state, 'Séances')).toHaveLength(121);
    expect(new Set(ids(state, 'Séances')).size).toBe(121);
  }, 180_000);

  it('makes the second writer wait for the first one’s read-modify-write of the same tab', async () => {
    const { state, a, b, ta, tb } = await twoConsultants(['12202', '11069']);
    // Claire's execution stops right after reading Séances until Julien has read it too (or
    // 1.5 s passed): without a lock both read the same rows and the last write drops a row.
    let released: () => void = () => undefined;
    const julienRead = new Promise<void>((r) => {
      released = r;
    });
    let claireHeld = false;
    state.callHook = (who, method, target) => {
      if (method !== 'getValues' || !(target instanceof FakeRange) || target.sheet.getName() !== 'Séances')
        return;
      if (who === CLAIRE && !claireHeld) {
        claireHeld = true;
        return Promise.race([julienRead, new Promise<void>((r) => setTimeout(r, 1500))]);
      }
      if (who === JULIEN) released();
      return undefined;
    };
    const [sa, sb] = [session(ta), session(tb)];
    await Promise.all([a.run('submitSession', sa), b.run('submitSession', sb)]);
    expect(claireHeld).toBe(true);
    expect(ids(state, 'Séances')).toEqual(expect.arrayContaining([sa.id, sb.id]));
    expect(ids(state, 'Séances')).toHaveLength(3);
  }, 60_000);
});

describe('columns staff add by hand', () => {
  it('survive a resynchronisation and later upserts, on the row of their record', async () => {
    const t = await territory('31555', CLAIRE);
    const rt = loadAddon({ dir: env.dir, workerUrl: env.url, devUser: CLAIRE });
    const first = session(t.id);
    const second = session(t.id);
    for (const s of [first, second]) expect((rt.run('submitSession', s) as Result<unknown>).ok).toBe(true);
    const sheet = rt.fakes.spreadsheet.getSheetByName('Séances')!;
    const width = sheet.getLastColumn();
    const idColumn = table(rt.fakes.state, 'Séances').headers.indexOf('Identifiant') + 1;
    const row = sheet
      .getRange(1, idColumn, sheet.getLastRow(), 1)
      .getValues()
      .findIndex((r) => r[0] === first.id);
    // A staff member adds a column to the right and comments the first session.
    sheet.getRange(1, width + 1, 1, 1).setValue('Commentaire ADEME');
    sheet.getRange(row + 1, width + 1, 1, 1).setValue('À présenter au COPIL de juin');
    rt.setUser(ADMIN);
    rt.run('resyncTabs');
    rt.setUser(CLAIRE);
    rt.run('submitSession', session(t.id));
    const rows = table(rt.fakes.state, 'Séances').rows;
    expect(table(rt.fakes.state, 'Séances').headers).toContain('Commentaire ADEME');
    expect(rows.find((r) => r.Identifiant === first.id)?.['Commentaire ADEME']).toBe(
      'À présenter au COPIL de juin',
    );
    expect(rows.find((r) => r.Identifiant === second.id)?.['Commentaire ADEME']).toBe('');
  });

  it('resynchronisation is for admins: a viewer’s attempt changes nothing', async () => {
    const rt = loadAddon({ dir: env.dir, workerUrl: env.url, devUser: VIEWER });
    rt.run('onOpen');
    rt.run('resyncTabs');
    expect(rt.fakes.spreadsheet.getSheetByName('Séances')).toBeNull();
    expect(rt.fakes.spreadsheet.toasts.at(-1)?.message).toMatch(/administrateurs/);
  });
});

describe('what staff read in the tabs', () => {
  it('keeps an INSEE code’s leading zero, names territories, writes dates as dates', async () => {
    const foix = await territory('09122', CLAIRE, 'Pays de Foix-Varilhes');
    const rt = loadAddon({ dir: env.dir, workerUrl: env.url, devUser: CLAIRE });
    const s = session(foix.id, { date: '2025-12-10', durationMinutes: 180 });
    expect((rt.run('submitSession', s) as Result<unknown>).ok).toBe(true);
    rt.setUser(ADMIN);
    rt.run('resyncTabs');
    const line = table(rt.fakes.state, 'Territoires').rows.find((r) => r.Identifiant === foix.id);
    expect(line?.['Code INSEE']).toBe('09122');
    const seance = table(rt.fakes.state, 'Séances').rows.find((r) => r.Identifiant === s.id);
    expect(seance?.Territoire).toBe('Pays de Foix-Varilhes');
    expect(seance?.Date).toBe('10/12/2025');
    expect(seance?.['Saisie le']).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    const sheet = rt.fakes.spreadsheet.getSheetByName('Séances')!;
    const col = table(rt.fakes.state, 'Séances').headers.indexOf('Date') + 1;
    expect(sheet.getRange(2, col, 1, 1).getValue()).toBeInstanceOf(Date);
  });
});
