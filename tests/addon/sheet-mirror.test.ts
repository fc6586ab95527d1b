// Mirroring into tabs, over the SpreadsheetApp fake: rows matched by id, staff columns kept,
// formats that keep codes and user text as written, dates as dates, layout (header, filter,
// warning-only protection, colours), links, and one read per tab.
import { beforeEach, describe, expect, it } from 'vitest';
import type { BlockerRecord, DocumentRecord, TerritoryRecord } from '../../addon/api';
import {
  job,
  MANAGED_NOTE,
  mirrorTabs,
  type Names,
  PROTECTION,
  REMOVED_MARK,
} from '../../addon/sheet-mirror';
import { BLOCKERS, DOCUMENTS, TERRITORIES } from '../../addon/tabs';
import { createFakes, type Fakes } from '../../harness/fakes';

let fakes: Fakes;
beforeEach(() => {
  fakes = createFakes('/nonexistent');
  Object.assign(globalThis, fakes.globals);
});

const names: Names = {
  territory: (id) => (id ? ({ 't-albi': 'Albi Agglomération' }[id] ?? id) : ''),
  partner: (id) => (id ? ({ 'p-poste': 'La Poste' }[id] ?? id) : ''),
  person: (email) => (email ? ({ 'claire.martin@amo.example': 'Claire Martin' }[email] ?? email) : ''),
};
/** Who wrote a record and when, as the worker answers it. */
const AUTHORED = {
  createdAt: '2025-03-10T08:00:00.000Z',
  createdBy: 'claire.martin@amo.example',
  updatedAt: '2025-03-10T08:00:00.000Z',
  updatedBy: 'claire.martin@amo.example',
  version: 1,
};
const blocker = (id: string, over: Partial<BlockerRecord> = {}): BlockerRecord => ({
  ...AUTHORED,
  id,
  territoryId: 't-albi',
  partnerId: 'p-poste',
  category: 'parking',
  title: `Stationnement ${id}`,
  description: 'Pas de places abritées pour les vélos cargos.',
  owner: 'territory',
  status: 'open',
  updatedAt: '2025-03-12T09:30:00.000Z',
  ...over,
});
const mirror = (...jobs: Parameters<typeof mirrorTabs>[0]) => fakes.execute(() => mirrorTabs(jobs, names));
const tab = (name = 'Verrous') => fakes.spreadsheet.getSheetByName(name)!;
/** Rows as staff see them, by header. */
const rows = (name = 'Verrous') => {
  const [headers = [], ...rest] = tab(name).displayGrid();
  return rest.map((r) => Object.fromEntries(headers.map((h, i) => [h, r[i] ?? ''])));
};

describe('a mirrored tab', () => {
  it('reads like staff’s own sheet: names, French labels, Paris dates, the id last', () => {
    mirror(job(BLOCKERS, [blocker('b-1')]));
    const [headers] = tab().displayGrid();
    expect(headers?.at(-1)).toBe('Identifiant');
    expect(rows()[0]).toMatchObject({
      Territoire: 'Albi Agglomération',
      Partenaire: 'La Poste',
      Catégorie: 'Stationnement',
      Statut: 'Ouvert',
      'Mis à jour le': '12/03/2025 10:30',
      Identifiant: 'b-1',
    });
  });

  it('has a bold frozen header with a note, a filter, a warning-only protection and status colours', () => {
    mirror(job(BLOCKERS, [blocker('b-1')]));
    const sheet = tab();
    const width = BLOCKERS.columns.length + 1;
    expect(sheet.getFrozenRows()).toBe(1);
    expect(sheet.style(1, 1)?.bold).toBe(true);
    expect(sheet.getRange(1, 1).getNote()).toBe(MANAGED_NOTE);
    // The filter spans staff's columns too: a sort from it moves whole rows.
    expect(sheet.getFilter()?.getRange().getNumColumns()).toBe(sheet.getMaxColumns());
    const [protection] = sheet.getProtections('RANGE');
    expect(protection?.getDescription()).toBe(PROTECTION);
    expect(protection?.isWarningOnly()).toBe(true);
    expect(protection?.getRange().getNumColumns()).toBe(width);
    const colours = sheet
      .getConditionalFormatRules()
      .map((r) => r.getBooleanCondition().getCriteriaValues()[0]);
    expect(colours).toEqual(['Ouvert', 'En cours', 'Levé', 'Abandonné']);
  });

  it('replaces the protection an earlier version described with a plain space, never adding a second one', () => {
    mirror(job(BLOCKERS, [blocker('b-1')]));
    const [first] = tab().getProtections('RANGE');
    first!.setDescription('VELI VELO : colonnes tenues par le module');
    mirror(job(BLOCKERS, [blocker('b-2')], { layout: true }));
    expect(
      tab()
        .getProtections('RANGE')
        .map((p) => p.getDescription()),
    ).toEqual([PROTECTION]);
  });
});

describe('writing a mirrored tab', () => {
  it('replaces the row of a known id and appends new ids, never duplicating', () => {
    mirror(job(BLOCKERS, [blocker('b-1'), blocker('b-2')]));
    mirror(
      job(BLOCKERS, [blocker('b-2', { status: 'resolved', solution: 'Arceaux posés' }), blocker('b-3')]),
    );
    mirror(job(BLOCKERS, [blocker('b-2', { status: 'resolved', solution: 'Arceaux posés' })]));
    expect(rows().map((r) => r.Identifiant)).toEqual(['b-1', 'b-2', 'b-3']);
    expect(rows()[1]).toMatchObject({ Statut: 'Levé', Solution: 'Arceaux posés' });
  });

  it('reads each tab once and writes nothing beyond its own columns', () => {
    mirror(job(BLOCKERS, [blocker('b-1')]));
    const sheet = tab();
    const staff = BLOCKERS.columns.length + 2;
    sheet.getRange(1, staff).setValue('Commentaire ADEME');
    sheet.getRange(2, staff).setFormula('=LEN(A2)');
    fakes.spreadsheet.resetCounts();
    mirror(job(BLOCKERS, [blocker('b-1', { title: 'Renommé' }), blocker('b-2'), blocker('b-3')]));
    expect(fakes.spreadsheet.counts().Verrous).toMatchObject({ getValues: 1 });
    expect(sheet.getRange(2, staff).getFormulas()).toEqual([['=LEN(A2)']]);
    expect(rows().map((r) => r['Commentaire ADEME'])).toEqual([7, '', ''].map(String));
  });
});

describe('text as typed', () => {
  it('keeps text starting with = + - @ as text, also when the row is rewritten later', () => {
    const risky = [
      '=IMPORTXML("http://evil.example","//a")',
      '+33 6 12 34 56 78',
      '-- à revoir',
      '@claire',
      '1/2',
      '0042',
    ];
    mirror(
      job(
        BLOCKERS,
        risky.map((t, i) => blocker(`b-${i}`, { title: t })),
      ),
    );
    mirror(job(BLOCKERS, [blocker('b-9')])); // re-reads and rewrites the risky rows
    expect(
      rows()
        .slice(0, risky.length)
        .map((r) => r.Intitulé),
    ).toEqual(risky);
    const sheet = tab();
    const formulas = sheet.getRange(1, 1, sheet.getLastRow(), sheet.getLastColumn()).getFormulas();
    expect(formulas.flat().filter(Boolean)).toEqual([]);
  });

  it('the fake parses typed text like Sheets, so the tests above can fail', () => {
    const sheet = fakes.spreadsheet.insertSheet('Brouillon');
    sheet.getRange(1, 1, 1, 4).setValues([['=1+1', "'=1+1", '09122', '10/12/2025']]);
    expect(sheet.getRange(1, 1, 1, 2).getFormulas()).toEqual([['=1+1', '']]);
    expect(sheet.getRange(1, 3).getValue()).toBe(9122);
    expect(sheet.getRange(1, 4).getValue()).toBeInstanceOf(Date);
    sheet.getRange(2, 1).setNumberFormat('@').setValue('09122');
    expect(sheet.getRange(2, 1).getValue()).toBe('09122');
  });
});

const territory = (id: string, insee: string): TerritoryRecord => ({
  ...AUTHORED,
  id,
  name: `Territoire ${id}`,
  legalForm: 'ca',
  centralCityInsee: insee,
  consultants: ['claire.martin@amo.example'],
  contacts: [],
  centralCity: { insee, name: `Ville ${insee}`, population: 9000, departement: insee.slice(0, 2) },
  assessment: null,
});

const foixSummary: DocumentRecord = {
  ...AUTHORED,
  id: 'd-1',
  pagesCountedBy: 'estimate',
  subject: 'territory-summary:t-foix',
  type: 'territory-summary',
  title: 'Synthèse territoriale — Foix',
  pages: 3,
  version: 2,
  url: 'https://veli.example.org/v1/documents/d-1/html',
  territoryId: 't-foix',
  status: 'draft',
  asOf: null,
  warnings: [],
  shortened: [],
  sharedWith: [],
};

describe('codes, links and removals', () => {
  it('keeps an INSEE code’s leading zero and links a summary on its territory’s row', () => {
    mirror(job(TERRITORIES, [territory('t-foix', '09122'), territory('t-albi', '81004')]));
    expect(rows('Territoires').map((r) => r['Code INSEE'])).toEqual(['09122', '81004']);
    const doc = foixSummary;
    const link = { text: doc.title, url: doc.url };
    mirror(
      job(DOCUMENTS, [doc]),
      job(TERRITORIES, [], { links: [{ id: 't-foix', header: 'Synthèse territoriale', link }] }),
    );
    const col = TERRITORIES.columns.findIndex((c) => c.header === 'Synthèse territoriale') + 1;
    const cell = tab('Territoires').getRange(2, col).getRichTextValues()[0]![0]!;
    expect([cell.getText(), cell.getLinkUrl()]).toEqual([doc.title, doc.url]);
    const title = tab('Documents').getRange(2, 1).getRichTextValues()[0]![0]!;
    expect(title.getLinkUrl()).toBe(doc.url);
    expect(rows('Documents')[0]).toMatchObject({ Type: 'Synthèse territoriale', Pages: '3', Version: '2' });
    // Saving the assessment later rewrites the row but leaves its link alone.
    mirror(
      job(TERRITORIES, [
        {
          ...territory('t-foix', '09122'),
          assessment: { findings: 'Constat.', stakes: 'Enjeux.', recommendations: 'Reco.' },
        },
      ]),
    );
    expect(tab('Territoires').getRange(2, col).getRichTextValues()[0]![0]!.getLinkUrl()).toBe(doc.url);
  });
});

describe('records gone and rows running out', () => {
  it('removes the rows of records gone, except rows staff wrote beside', () => {
    mirror(job(BLOCKERS, [blocker('b-1'), blocker('b-2'), blocker('b-3')]));
    const staff = BLOCKERS.columns.length + 2;
    tab().getRange(3, staff).setValue('Vu en COPIL');
    const summary = mirror(job(BLOCKERS, [blocker('b-3')], { replaceAll: true }));
    // b-2's row stays for the note beside it, its id marked so that counts leave it out.
    expect(rows().map((r) => r.Identifiant)).toEqual([`b-2${REMOVED_MARK}`, 'b-3']);
    expect(summary.Verrous).toEqual({ rows: 2, annotated: 1 });
    mirror(job(BLOCKERS, [blocker('b-3')], { replaceAll: true }));
    expect(rows().map((r) => r.Identifiant)).toEqual([`b-2${REMOVED_MARK}`, 'b-3']);
    mirror(job(BLOCKERS, [], { gone: ['b-3'] }));
    expect(rows().map((r) => r.Identifiant)).toEqual([`b-2${REMOVED_MARK}`]);
  });

  it('grows the sheet when rows run out, the protection and filter growing with it', () => {
    mirror(job(BLOCKERS, [blocker('b-first')]));
    const many = Array.from({ length: 1200 }, (_, i) => blocker(`b-${i}`));
    mirror(job(BLOCKERS, many));
    const sheet = tab();
    expect(sheet.getMaxRows()).toBeGreaterThan(1201);
    expect(rows()).toHaveLength(1201);
    const protection = sheet.getProtections('RANGE')[0]!.getRange();
    expect(protection.getLastRow()).toBe(sheet.getMaxRows());
  });
});
