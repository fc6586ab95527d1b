// The consistency checks of a deliverable (issue 17): each rule, with a record that triggers
// it and one that does not; and the warnings as a generation answers them (201).
import { describe, expect, it } from 'vitest';
import { withQuotas } from '../../worker/documents/as-of';
import { checkConsistency, listedActors, type Scope } from '../../worker/documents/consistency';
import type { DocumentModel } from '../../worker/documents/model';
import { buildProgressReport } from '../../worker/documents/progress-report';
import type { ActionRec, BlockerRec, ProgrammeRecord, WorkshopRec } from '../../worker/documents/record';
import { fitTerritorySummary } from '../../worker/documents/territory-summary';
import { bigRecord, sampleWorkshop } from './documents-big-record';
import { documentCount, generate } from './documents-fixtures';
import { call, makeTerritoryWithPartner } from './helpers';
import { plain } from './plain';

const ed = { date: '2026-01-15', version: 1 };
const EMPTY_DOC: DocumentModel = {
  type: 'action-sheet',
  title: 'x',
  date: ed.date,
  version: 1,
  sections: [],
};
const none: Scope = { territories: [], blockers: [], workshops: [], actions: [] };

function base(): ProgrammeRecord {
  const { record } = bigRecord({ sessions: 0, blockers: 0, indicators: 0, textChars: 300 });
  return withQuotas({ ...record, actions: [], blockers: [], indicators: [], workshops: [] });
}

const action = (extra: Partial<ActionRec> = {}): ActionRec => ({
  id: 'a1',
  partnerId: 'p1',
  territoryId: 'terr-big',
  title: 'Vélos cargos pour les tournées',
  description: 'Trois vélos cargos.',
  actors: 'La mairie, le loueur, l’assureur et l’EHPAD',
  implementationDelay: '3 mois',
  blockers: 'Assurance.',
  reproducibility: { ease: 2, duplicationPotential: 2, actorsInvolved: 4 },
  ...extra,
});

const blocker = (extra: Partial<BlockerRec> = {}): BlockerRec => ({
  id: 'b1',
  territoryId: 'terr-big',
  partnerId: 'p1',
  category: 'insurance',
  title: 'Assurance des vélos prêtés',
  description: 'Aucun assureur.',
  owner: 'partner',
  status: 'open',
  updatedAt: '2025-10-01T10:00:00.000Z',
  ...extra,
});

const workshop = (extra: Partial<WorkshopRec> = {}): WorkshopRec => ({
  ...sampleWorkshop,
  keyFigures: [{ label: 'Territoires représentés', value: '6' }],
  participatingTerritoryIds: ['terr-big', 't2', 't3', 't4', 't5', 't6'],
  ...extra,
});

const usage = { id: 'i1', territoryId: 'terr-big', partnerId: 'p1', indicator: 'usage-rate' as const };
const results = [
  { ...usage, unit: '%', periodStart: '2025-10-01', periodEnd: '2025-12-31', value: 49 },
  {
    ...usage,
    id: 'i2',
    indicator: 'km' as const,
    unit: 'km',
    periodStart: '2025-10-01',
    periodEnd: '2025-12-31',
    value: 660,
  },
];

const check = (r: Partial<ProgrammeRecord>, scope: Partial<Scope>, doc = EMPTY_DOC) =>
  checkConsistency(withQuotas({ ...base(), ...r }), { ...none, ...scope }, doc);
const codes = (ws: { code: string }[]) => ws.map((w) => w.code);

describe('consistency rules — each one triggered by its record, silent otherwise', () => {
  it('an action « Prévue » with results (T4 2025: 49 %, 660 km)', () => {
    const [w] = check({ actions: [action({ status: 'planned' })], indicators: results }, { actions: ['a1'] });
    expect(w).toMatchObject({
      code: 'action-status-results',
      subject: { type: 'action', id: 'a1' },
      field: 'status',
    });
    expect(plain(w!.message)).toContain(
      '« Prévue » alors que des résultats sont saisis (T4 2025 : taux d’utilisation 49 %, kilomètres parcourus en VELI 660 km)',
    );
    expect(
      check({ actions: [action({ status: 'in-progress' })], indicators: results }, { actions: ['a1'] }),
    ).toEqual([]);
    expect(check({ actions: [action({ status: 'planned' })] }, { actions: ['a1'] })).toEqual([]);
  });
});

describe('consistency rules — a solution written while its blocker is open', () => {
  it('solutions written while the blocker is still « Ouvert » (on the sheet, on the blocker)', () => {
    const onSheet = check(
      { actions: [action({ solutions: 'Contrat d’assurance flotte.' })], blockers: [blocker()] },
      { actions: ['a1'] },
    );
    expect(onSheet).toMatchObject([
      { code: 'solution-open-blocker', subject: { type: 'blocker', id: 'b1' } },
    ]);
    expect(plain(onSheet[0]!.message)).toContain(
      'le verrou « Assurance des vélos prêtés » est toujours « Ouvert »',
    );
    const onBlocker = check({ blockers: [blocker({ solution: 'Contrat flotte.' })] }, { blockers: ['b1'] });
    expect(codes(onBlocker)).toEqual(['solution-open-blocker']);
    // Lifted or in progress: consistent.
    expect(
      check(
        { actions: [action({ solutions: 'Contrat.' })], blockers: [blocker({ status: 'in-progress' })] },
        { actions: ['a1'], blockers: ['b1'] },
      ),
    ).toEqual([]);
    expect(
      check({ blockers: [blocker({ status: 'resolved', solution: 'Contrat.' })] }, { blockers: ['b1'] }),
    ).toEqual([]);
  });
});

describe('consistency rules — a workshop’s mode and format, its figures and territories', () => {
  it('a workshop « À distance » whose format is an éductour on the ground', () => {
    const session = {
      kind: 'workshop' as const,
      territoryId: 'terr-big',
      date: '2025-05-20',
      durationMinutes: 180,
    };
    const remote = check(
      { workshops: [workshop()], sessions: [{ ...session, mode: 'remote' }] },
      { workshops: ['w1'] },
    );
    expect(remote).toMatchObject([{ code: 'workshop-mode-format', subject: { type: 'workshop', id: 'w1' } }]);
    expect(plain(remote[0]!.message)).toContain(
      '« Éductour (sur le terrain) » alors que sa séance du journal est « À distance »',
    );
    expect(
      check({ workshops: [workshop()], sessions: [{ ...session, mode: 'on-site' }] }, { workshops: ['w1'] }),
    ).toEqual([]);
    expect(
      check(
        { workshops: [workshop({ format: 'webinar' })], sessions: [{ ...session, mode: 'remote' }] },
        { workshops: ['w1'] },
      ),
    ).toEqual([]);
  });

  it('a key figure of 8 territories beside 6 participating ones', () => {
    const eight = check(
      { workshops: [workshop({ keyFigures: [{ label: 'Territoires représentés', value: '8' }] })] },
      { workshops: ['w1'] },
    );
    expect(eight).toMatchObject([{ code: 'workshop-figures-territories', field: 'keyFigures' }]);
    expect(plain(eight[0]!.message)).toContain('« Territoires représentés : 8 »');
    expect(plain(eight[0]!.message)).toContain('6 territoires participants');
    expect(check({ workshops: [workshop()] }, { workshops: ['w1'] })).toEqual([]);
  });
});

describe('consistency rules — an action’s actors and their count', () => {
  it('4 actors listed, 6 counted for reproducibility', () => {
    const six = check(
      { actions: [action({ reproducibility: { ease: 2, duplicationPotential: 2, actorsInvolved: 6 } })] },
      { actions: ['a1'] },
    );
    expect(six).toMatchObject([{ code: 'action-actors-count', field: 'reproducibility.actorsInvolved' }]);
    expect(plain(six[0]!.message)).toContain(
      'liste 4 acteurs (La mairie, le loueur, l’assureur et l’EHPAD) mais en compte 6',
    );
    expect(check({ actions: [action()] }, { actions: ['a1'] })).toEqual([]);
    // Prose is not a list: nothing to count.
    expect(
      listedActors(
        'La mairie pilote le projet avec ses services techniques qui entretiennent les vélos cargos et suivent leur usage, mois après mois, sur tout le territoire.',
      ),
    ).toBeNull();
  });
});

describe('consistency rules — the final COPIL, empty sections, a territory without assessment', () => {
  it('final COPIL minutes while 2 COPILs of 3 are held', () => {
    const copil = { kind: 'copil' as const, date: '2025-03-01', durationMinutes: 120 };
    const assessment = { finalCopilMinutes: 'Le COPIL final valide le bilan.' };
    const early = check(
      { assessment, sessions: [copil, { ...copil, date: '2025-09-01' }] },
      { finalCopil: true },
    );
    expect(early).toMatchObject([{ code: 'final-copil-early', subject: { type: 'programme-assessment' } }]);
    expect(plain(early[0]!.message)).toContain('2 COPIL sur 3 sont tenus');
    const held = [copil, { ...copil, date: '2025-09-01' }, { ...copil, date: '2026-03-10' }];
    expect(check({ assessment, sessions: held }, { finalCopil: true })).toEqual([]);
  });

  it('empty sections: a synthesis nobody wrote; nothing once it is written', () => {
    const r = base();
    const missing = checkConsistency(r, { ...none }, buildProgressReport(r, '2', ed));
    expect(missing).toMatchObject([
      { code: 'empty-section', subject: { type: 'programme-assessment' }, field: 'report2Lessons' },
    ]);
    const written = { ...r, assessment: { report2Lessons: 'Les ateliers sur le terrain convainquent.' } };
    expect(checkConsistency(written, { ...none }, buildProgressReport(written, '2', ed))).toEqual([]);
  });

  it('a territory without its assessment in report 1 (named once, not section by section)', () => {
    const r = base();
    const unwritten = { ...r, territories: r.territories.map((t) => ({ ...t, assessment: null })) };
    const scope = { ...none, territories: unwritten.territories.map((t) => t.id), assessments: true };
    const ws = checkConsistency(unwritten, scope, buildProgressReport(unwritten, '1', ed));
    expect(ws.filter((w) => w.code === 'territory-without-assessment')).toHaveLength(1);
    expect(ws.filter((w) => w.code === 'empty-section' && w.subject.type === 'territory')).toEqual([]);
    const full = { ...r, assessment: { report1Synthesis: 'Synthèse.' } };
    const written = checkConsistency(full, { ...scope }, buildProgressReport(full, '1', ed));
    expect(codes(written)).not.toContain('territory-without-assessment');
  });
});

describe('consistency rules — condensed text', () => {
  it('a text the fitter condensed, named with its lengths; none when it fits whole', () => {
    const { record, territory } = bigRecord({ sessions: 60, blockers: 40, indicators: 50, textChars: 5000 });
    const fit = fitTerritorySummary(record, territory, ed);
    const ws = checkConsistency(record, none, fit.doc).filter((w) => w.code === 'shortened-text');
    expect(ws.length).toBe(fit.shortened.length);
    expect(ws[0]).toMatchObject({ subject: { type: 'territory', id: territory.id } });
    expect(plain(ws[0]!.message)).toMatch(/est abrégé de 5 000 à \d[\d ]* caractères/);
    const small = bigRecord({ sessions: 2, blockers: 2, indicators: 2, textChars: 200 });
    const whole = fitTerritorySummary(small.record, small.territory, ed);
    expect(
      checkConsistency(small.record, none, whole.doc).filter((w) => w.code === 'shortened-text'),
    ).toEqual([]);
  });
});

describe('warnings in the answer of a generation', () => {
  it('a 201 carries the warnings of the record it was built from, with the record to fix', async () => {
    const { territory, consultant, partner } = await makeTerritoryWithPartner();
    const created = await call('POST', '/v1/actions', {
      as: consultant,
      body: {
        partnerId: partner.id,
        title: 'Prêt de vélos cargos',
        description: 'Trois vélos cargos prêtés aux agents.',
        actors: 'La mairie, le loueur, l’assureur et l’EHPAD',
        implementationDelay: '3 mois',
        blockers: 'Assurance.',
        reproducibility: { ease: 2, duplicationPotential: 2, actorsInvolved: 6 },
      },
    });
    expect(created.status).toBe(201);
    const before = await documentCount();
    const doc = await generate(consultant, { type: 'action-sheet', actionId: created.body.id });
    expect(await documentCount()).toBe(before + 1);
    expect(doc.warnings).toEqual([
      expect.objectContaining({
        code: 'action-actors-count',
        subject: { type: 'action', id: created.body.id },
      }),
    ]);
    expect(doc.shortened).toEqual([]);
    expect(territory.id).toBeTruthy();
  });
});
