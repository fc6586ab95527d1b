// A sheet staff can sort and a dashboard that counts right. The harness sorts as Sheets does
// (the filter's range only, whole rows within it, the header left in place); the add-on's
// filter spans staff's columns, so a sort keeps every note on its session through new
// sessions, corrections, deletions and a resynchronisation; a deleted session's row kept for
// its notes no longer counts in the dashboard.
import { describe, expect, it } from 'vitest';
import type { Result } from '../../addon/api';
import { createFakes } from '../../harness/fakes';
import { ADMIN } from '../../harness/local-worker';
import { type AddonRuntime, loadAddon } from '../../harness/runtime';
import { consultantWithTerritory, readTab, sessionInput, useAddonWorker } from './fixtures';

describe('the harness sorts as Sheets does', () => {
  const fakes = createFakes('/nonexistent');
  const sheet = fakes.spreadsheet.insertSheet('Tri');
  const fill = () => {
    sheet.clear();
    if (sheet.getFilter()) sheet.getFilter()!.remove();
    sheet.getRange(1, 1, 5, 3).setValues([
      ['Date', 'Texte', 'Note'],
      ['12/03/2025', 'b', 'note b'],
      ['', 'vide', 'note vide'],
      ['01/02/2025', 'a', 'note a'],
      ['05/05/2025', 'c', 'note c'],
    ]);
    sheet.getRange(2, 4).setFormula('=LEN(B2)&$B$1');
  };
  const column = (c: number) => sheet.getRange(2, c, 4, 1).getDisplayValues().flat();

  it('moves whole rows inside the filter, keeps the header, puts empty keys last either way', () => {
    fill();
    sheet.getRange(1, 1, 1000, 4).createFilter().sort(1, false);
    expect(column(2)).toEqual(['c', 'b', 'a', 'vide']);
    expect(column(3)).toEqual(['note c', 'note b', 'note a', 'note vide']);
    expect(sheet.getRange(1, 1).getDisplayValues()).toEqual([['Date']]);
    // A formula moves with its row; its relative references follow, anchored ones stay.
    expect(sheet.getRange(3, 4).getFormulas()).toEqual([['=LEN(B3)&$B$1']]);
    sheet.getFilter()!.sort(2, true);
    expect(column(2)).toEqual(['a', 'b', 'c', 'vide']);
  });

  it('leaves the columns outside the filter where they are (what detached staff notes)', () => {
    fill();
    sheet.getRange(1, 1, 1000, 2).createFilter().sort(1, true);
    expect(column(2)).toEqual(['a', 'b', 'c', 'vide']);
    expect(column(3)).toEqual(['note b', 'note vide', 'note a', 'note c']);
  });
});

const CLAIRE = 'claire.tri@amo.example';
const env = useAddonWorker({ consultants: [CLAIRE] });

const ok = (res: unknown) => {
  expect((res as Result<unknown>).ok, JSON.stringify(res)).toBe(true);
  return (res as { data: unknown }).data;
};
/** The Séances tab's rows, with the note staff wrote in their own column, by session id. */
const notesById = (rt: AddonRuntime) =>
  Object.fromEntries(readTab(rt.fakes.state, 'Séances').rows.map((r) => [r.Identifiant, r['Note ADEME']]));

describe('sorting, then writing', () => {
  it('keeps every staff note on its session through a sort, new sessions, a correction, a deletion and a resync', async () => {
    const w = await consultantWithTerritory(env, CLAIRE, { name: 'Rodez Agglomération', insee: '12202' });
    const [t, state, claire] = [w.territory, w.state, w.addon];
    const days = ['2025-03-12', '2025-10-01', '2025-05-20', '2025-02-14', '2025-07-08'];
    const sessions = days.map((date) => sessionInput(t.id, { date, durationMinutes: 30 }));
    for (const s of sessions) ok(claire.run('submitSession', s));
    const sheet = state.spreadsheet.getSheetByName('Séances')!;
    const noteCol = sheet.getLastColumn() + 2;
    sheet.getRange(1, noteCol).setValue('Note ADEME');
    const expected: Record<string, string> = {};
    readTab(state, 'Séances').rows.forEach((r, i) => {
      expected[r.Identifiant!] = `Vu en COPIL : séance du ${r.Date}`;
      sheet.getRange(i + 2, noteCol).setValue(expected[r.Identifiant!]);
    });
    // Staff sort the tab by date, newest first, from the add-on's filter.
    sheet.getFilter()!.sort(1, false);
    expect(readTab(state, 'Séances').rows.map((r) => r.Date)).toEqual([
      '01/10/2025',
      '08/07/2025',
      '20/05/2025',
      '12/03/2025',
      '14/02/2025',
    ]);
    expect(notesById(claire)).toEqual(expected);
    const late = sessionInput(t.id, { date: '2025-11-03', durationMinutes: 45 });
    ok(claire.run('submitSession', late));
    const loaded = ok(claire.run('loadSession', sessions[2]!.id)) as { version: string };
    ok(claire.run('updateSession', sessions[2]!.id, { durationMinutes: 60 }, loaded.version));
    const gone = ok(claire.run('loadSession', sessions[0]!.id)) as { version: string };
    ok(claire.run('deleteSession', sessions[0]!.id, gone.version));
    const admin = loadAddon({ dir: env.dir, workerUrl: env.url, devUser: ADMIN, state });
    admin.run('resyncTabs');
    const after = notesById(claire);
    for (const [id, note] of Object.entries(expected))
      expect(after[id === sessions[0]!.id ? `${id} (supprimé)` : id], id).toBe(note);
    expect(after[late.id]).toBe('');
    const corrected = readTab(state, 'Séances').rows.find((r) => r.Identifiant === sessions[2]!.id);
    expect(corrected).toMatchObject({ 'Durée (min)': '60', 'Note ADEME': expected[sessions[2]!.id] });
  }, 120_000);
});

describe('the dashboard counts live rows only', () => {
  it('no longer counts a deleted session whose row is kept for its notes', async () => {
    const w = await consultantWithTerritory(env, CLAIRE, { name: 'Alès Agglomération', insee: '30007' });
    const [t, state, claire] = [w.territory, w.state, w.addon];
    const december = Array.from({ length: 7 }, (_, i) =>
      sessionInput(t.id, { date: `2025-12-${String(3 + i).padStart(2, '0')}`, durationMinutes: 60 }),
    );
    for (const s of december) ok(claire.run('submitSession', s));
    const sheet = state.spreadsheet.getSheetByName('Séances')!;
    const noteCol = sheet.getLastColumn() + 1;
    sheet.getRange(1, noteCol).setValue('Commentaire');
    const line = readTab(state, 'Séances').rows.findIndex((r) => r.Identifiant === december[0]!.id) + 2;
    sheet.getRange(line, noteCol).setValue('À garder');
    const admin = loadAddon({ dir: env.dir, workerUrl: env.url, devUser: ADMIN, state });
    admin.run('resyncTabs');
    const month = () => {
      const grid = state.spreadsheet.getSheetByName('Tableau de bord')!.displayGrid();
      return grid.find((r) => r[0] === 'décembre 2025')!.slice(1, 3);
    };
    expect(month()).toEqual(['7', '7,0']);
    for (const s of december.slice(0, 2)) {
      const v = ok(claire.run('loadSession', s.id)) as { version: string };
      ok(claire.run('deleteSession', s.id, v.version));
    }
    // The annotated one stays, greyed; neither counts any more, as the record says.
    expect(
      readTab(state, 'Séances').rows.filter((r) => r.Identifiant?.startsWith(december[0]!.id)),
    ).toHaveLength(1);
    expect(month()).toEqual(['5', '5,0']);
    admin.run('resyncTabs');
    expect(month()).toEqual(['5', '5,0']);
  }, 120_000);
});
