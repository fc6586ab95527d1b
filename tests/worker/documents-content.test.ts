// What each deliverable says, from an in-memory record: the date it is frozen at, the
// calendar, quotas in the tender's units, one CO₂ figure, reports identical to the sheets.
import { describe, expect, it } from 'vitest';
import { frTypo } from '../../shared/i18n/typography';
import { hasNestedParens } from '../../shared/i18n/wording';
import { PROGRAMME_PRESET } from '../../shared/programme/preset';
import { buildActionSheet, REPRODUCIBILITY_METHOD } from '../../worker/documents/action-sheet';
import { recordAsOf, withQuotas } from '../../worker/documents/as-of';
import { milestoneRows } from '../../worker/documents/calendar';
import { co2Range, IMPACT_CO2, kmTotal } from '../../worker/documents/co2';
import type { Block, DocumentModel } from '../../worker/documents/model';
import { buildProgressReport } from '../../worker/documents/progress-report';
import type { IndicatorRec, ProgrammeRecord, SessionRec } from '../../worker/documents/record';
import { EMPTY_CELL, renderHtml, TONE } from '../../worker/documents/render';
import { quotaText } from '../../worker/documents/summary-progress';
import { fitTerritorySummary, SUMMARY_HEADINGS } from '../../worker/documents/territory-summary';
import { buildWorkshopSheet, workshopSession } from '../../worker/documents/workshop-sheet';
import { bigRecord, sampleWorkshop } from './documents-big-record';
import { plain } from './plain';

const NB = '\u00A0';
const ed = { date: '2026-01-15', version: 2, generatedBy: 'claire@amo.example, consultant (AMO)' };

/** Every string a reader sees in a document model, joined, no-break spaces read as spaces. */
function text(doc: DocumentModel): string {
  const block = (b: Block): string[] => {
    switch (b.kind) {
      case 'p':
      case 'note':
        return [b.text];
      case 'list':
        return [...b.items];
      case 'fields':
        return b.rows.flat();
      case 'table':
        return [...b.columns, ...b.rows.flat(), b.rest ?? ''];
      case 'bars':
        return [b.caption, ...b.rows.flatMap((r) => [r.label, r.text, r.status ?? ''])];
      case 'links':
        return b.items.map((i) => i.text);
    }
  };
  return plain(doc.sections.flatMap((s) => [s.heading, ...s.blocks.flatMap(block)]).join('\n'));
}

const km = (id: string, partnerId: string, start: string, end: string, value: number): IndicatorRec => ({
  id,
  territoryId: 'terr-big',
  partnerId,
  indicator: 'km',
  unit: 'km',
  periodStart: start,
  periodEnd: end,
  value,
});

/** A small programme: one territory, its partners, sessions spread over 2025. */
function record(extra: Partial<ProgrammeRecord> = {}): ProgrammeRecord {
  const { record: r } = bigRecord({ sessions: 0, blockers: 0, indicators: 0, textChars: 300 });
  const sessions: SessionRec[] = [
    { kind: 'ademe-kickoff', date: '2025-02-12', durationMinutes: 90 },
    { kind: 'copil', date: '2025-02-25', durationMinutes: 120 },
    { kind: 'territory-interview', territoryId: 'terr-big', date: '2025-05-06', durationMinutes: 90 },
    { kind: 'diagnostic', territoryId: 'terr-big', date: '2025-03-04', durationMinutes: 420 },
    { kind: 'diagnostic', territoryId: 'terr-big', date: '2025-04-08', durationMinutes: 420 },
    { kind: 'diagnostic', territoryId: 'terr-big', date: '2025-09-02', durationMinutes: 420 },
    { kind: 'collective-support', territoryId: 'terr-big', date: '2025-06-10', durationMinutes: 120 },
    {
      kind: 'partner-support',
      territoryId: 'terr-big',
      partnerId: 'p1',
      date: '2025-10-01',
      durationMinutes: 120,
    },
  ];
  return withQuotas({ ...r, sessions, ...extra });
}

/** Two km periods, a blocker created before the cut-off and lifted after it, one created after. */
const overTime = () =>
  record({
    indicators: [
      km('k1', 'p1', '2025-01-01', '2025-03-31', 300),
      km('k2', 'p1', '2025-04-01', '2025-06-30', 500),
    ],
    blockers: [
      {
        id: 'b1',
        territoryId: 'terr-big',
        category: 'parking',
        title: 'Stationnement',
        description: 'Pas d’abri.',
        owner: 'territory',
        status: 'resolved',
        solution: 'Abri financé.',
        createdAt: '2025-03-01T09:00:00.000Z',
        updatedAt: '2025-09-01T09:00:00.000Z',
      },
      {
        id: 'b2',
        territoryId: 'terr-big',
        category: 'cost',
        title: 'Coût',
        description: 'Trop cher.',
        owner: 'partner',
        status: 'open',
        createdAt: '2025-07-01T09:00:00.000Z',
        updatedAt: '2025-07-01T09:00:00.000Z',
      },
    ],
    history: {
      blockers: new Map([
        [
          'b1',
          [
            { at: '2025-03-01T09:00:00.000Z', data: { status: 'open' as const, solution: undefined } },
            {
              at: '2025-09-01T09:00:00.000Z',
              data: { status: 'resolved' as const, solution: 'Abri financé.' },
            },
          ],
        ],
      ]),
      actions: new Map(),
    },
  });

describe('as of a date', () => {
  it('keeps sessions held, periods closed and records created by then, blockers as they stood', () => {
    const r = overTime();
    const a = recordAsOf(r, '2025-04-30');
    expect(a.sessions.map((s) => s.date)).toEqual(['2025-02-12', '2025-02-25', '2025-03-04', '2025-04-08']);
    expect(a.indicators.map((i) => i.id)).toEqual(['k1']);
    expect(a.blockers).toHaveLength(1);
    expect(a.blockers[0]).toMatchObject({ id: 'b1', status: 'open' });
    expect(a.blockers[0]?.solution).toBeUndefined();
    // Quotas follow: two diagnostic days then, three now.
    const diag = (x: ProgrammeRecord) =>
      x.territoryQuotas.get('terr-big')?.find((q) => q.key === 'diagnostic');
    expect(quotaText(diag(a)!, 420)).toBe(`2${NB}j sur 4`);
    expect(quotaText(diag(r)!, 420)).toBe(`3${NB}j sur 4`);
  });

  it('the summary says what it covers and shows nothing later', () => {
    const r = record();
    const [t] = r.territories;
    const doc = fitTerritorySummary(r, t!, { ...ed, asOf: '2025-04-30' }).doc;
    const all = text(doc);
    expect(all).toContain(`Situation arrêtée au 30 avril 2025`);
    expect(all).toContain(`2 séances tenues au 30 avril 2025`);
    expect(all).toContain(`2 j sur 4`);
    expect(doc.identification).toMatchObject({
      asOf: '2025-04-30',
      generatedOn: '2026-01-15',
      status: 'draft',
    });
  });
});

describe('the calendar', () => {
  it('each milestone done (on time or late), late or upcoming, from the record', () => {
    const r = record();
    const rows = new Map(milestoneRows(r, '2025-06-15', 'terr-big').map((m) => [m.milestone.key, m]));
    expect(rows.get('launch')).toMatchObject({ state: 'done', on: '2025-02-25' });
    // Interview held on 6 May, after the end-of-April milestone.
    expect(rows.get('territory-contacts')).toMatchObject({ state: 'done-late', on: '2025-05-06' });
    // One COPIL held, the second was due by the end of May.
    expect(rows.get('copil-phase-2')).toMatchObject({ state: 'late', progress: 'COPIL non tenu' });
    expect(rows.get('virtual-event')?.state).toBe('upcoming');
    expect(rows.get('partner-actions')?.state).toBe('upcoming');
    const later = new Map(milestoneRows(r, '2025-10-15', 'terr-big').map((m) => [m.milestone.key, m]));
    expect(later.get('partner-actions')).toMatchObject({
      state: 'in-progress',
      progress: `1${NB}partenaire accompagné sur 3`,
    });
  });
});

describe('CO₂ avoided: one figure, kilometres per period', () => {
  it('does not add up overlapping periods: a cumulative reading replaces the partial ones', () => {
    const total = kmTotal([
      km('a', 'p1', '2025-01-01', '2025-03-31', 300),
      km('b', 'p1', '2025-01-01', '2025-06-30', 800),
      km('c', 'p1', '2025-07-01', '2025-09-30', 400),
    ]);
    expect(total).toMatchObject({ km: 1200, overlapping: 1 });
  });

  it('the range goes from an electric car to a thermal car, with the VELI’s factor', () => {
    const r = co2Range(1000, 'e-bike');
    expect(r.low).toBeCloseTo(IMPACT_CO2.car.electric - IMPACT_CO2.veli['e-bike'], 6);
    expect(r.high).toBeCloseTo(IMPACT_CO2.car.thermal - IMPACT_CO2.veli['e-bike'], 6);
  });

  it('hand-typed « CO₂ évité » values never print as a second figure', () => {
    const co2: IndicatorRec = {
      ...km('x', 'p1', '2025-01-01', '2025-03-31', 9999),
      indicator: 'co2-avoided-kg',
      unit: 'kg',
    };
    const r = record({ indicators: [km('k1', 'p1', '2025-01-01', '2025-03-31', 1000), co2] });
    const all = text(fitTerritorySummary(r, r.territories[0]!, ed).doc);
    expect(all).not.toContain('9 999');
    expect(all).toContain('valeur « CO₂ évité » saisie à la main n’est pas reprise');
    expect(all).toMatch(/53 à 128 kg CO₂e/);
    expect(all).toContain('consultées le 29 novembre 2026');
  });
});

describe('reports', () => {
  it('report 1 opens with the people’s synthesis, then each territory’s summary as generated alone, the calendar once', () => {
    const { record: big, territory } = bigRecord({
      sessions: 60,
      blockers: 40,
      indicators: 50,
      textChars: 5000,
    });
    const r = {
      ...big,
      assessment: { report1Synthesis: 'Les dix territoires partagent un verrou : le stationnement.' },
    };
    const alone = fitTerritorySummary(r, territory, ed).doc;
    const report = buildProgressReport(r, '1', ed);
    const start = report.sections.findIndex((s) => s.heading === alone.title);
    const own = alone.sections.filter((s) => s.heading !== SUMMARY_HEADINGS.calendar);
    const inReport = report.sections.slice(start + 1, start + 1 + own.length);
    expect(inReport.map((s) => ({ ...s, level: 2 }))).toEqual(own.map((s) => ({ ...s, level: 2 })));
    const headings = report.sections.map((s) => s.heading);
    expect(headings.slice(0, 4)).toEqual([
      'Objet du rapport',
      'Sommaire',
      'Synthèse du programme',
      'Constats croisés, verrous communs et recommandations à l’ADEME',
    ]);
    expect(report.sections[3]!.blocks).toEqual([{ kind: 'p', text: frTypo(r.assessment.report1Synthesis) }]);
    expect(headings.filter((h) => h === SUMMARY_HEADINGS.calendar)).toHaveLength(1);
    // The contents link every level-2 section.
    const contents = report.sections[1]!.blocks[0]!;
    expect(contents.kind).toBe('links');
    if (contents.kind === 'links')
      expect(contents.items.map((i) => i.text)).toEqual(
        report.sections
          .slice(2)
          .filter((s) => s.level === 2)
          .map((s) => s.heading),
      );
  });

  it('the final report totals the programme and states the reproducibility method once', () => {
    const { record: r } = bigRecord({ sessions: 60, blockers: 40, indicators: 50, textChars: 300 });
    const doc = buildProgressReport(r, 'final', ed);
    const all = text(doc);
    expect(all).toContain(`60 séances, soit 90 h d’accompagnement`);
    expect(all).toContain('Verrous levés');
    expect(all).toContain(`10 sur 40 (10 levés, 10 en cours, 10 ouverts, 10 abandonnés)`);
    expect(all.split(REPRODUCIBILITY_METHOD)).toHaveLength(2);
    expect(doc.sections.some((s) => s.heading === 'Regard critique du prestataire')).toBe(true);
  });
});

const workshop = sampleWorkshop;

describe('sheets', () => {
  it('a workshop sheet reads its session (host territory): date, duration, mode', () => {
    const session: SessionRec = {
      kind: 'workshop',
      territoryId: 'terr-big',
      date: '2025-05-21',
      durationMinutes: 210,
      mode: 'on-site',
    };
    const r = record({ sessions: [session], workshops: [workshop] });
    expect(workshopSession(r.sessions, workshop)).toBe(session);
    const all = text(buildWorkshopSheet(r, workshop, ed));
    expect(all).toContain(`21 mai 2025`);
    expect(all).toContain(`3 h 30`);
    expect(all).toContain('Sur place');
    expect(all).toContain('Éductour (sur le terrain)');
    expect(all).toContain('Abri en gare');
    const alone = text(buildWorkshopSheet(record({ workshops: [workshop] }), workshop, ed));
    expect(alone).toContain('la séance de l’atelier n’est pas encore consignée dans le journal');
    expect(alone).not.toMatch(/quota/i);
  });

  it('an action sheet has status, dates, results against target and the scoring method', () => {
    const { record: r } = bigRecord({ sessions: 4, blockers: 4, indicators: 10, textChars: 300 });
    const action = {
      ...r.actions[0]!,
      status: 'in-progress' as const,
      startDate: '2025-09-01',
      vehicleType: 'e-bike' as const,
    };
    const doc = buildActionSheet({ ...r, actions: [action] }, action, ed);
    const all = text(doc);
    expect(all).toContain('En cours');
    expect(all).toContain(`début le 1er septembre 2025`);
    expect(all).toMatch(/\(atteinte\)|\(non atteinte\)/);
    expect(all).toContain('Vélo à assistance électrique');
    expect(all).toContain(REPRODUCIBILITY_METHOD);
    expect(doc.identification).toMatchObject({
      authority: PROGRAMME_PRESET.authority,
      consultation: 'Consultation n° 2024001672',
      author: 'Désigné à la soumission',
      generatedBy: ed.generatedBy,
      version: 2,
    });
  });

  it('headings of the summary are all there even for an empty territory', () => {
    const r = record();
    const doc = fitTerritorySummary(r, r.territories[0]!, ed).doc;
    for (const h of Object.values(SUMMARY_HEADINGS)) expect(doc.sections.map((s) => s.heading)).toContain(h);
  });
});

describe('wording of every deliverable (issue 17)', () => {
  it('no parentheses inside parentheses, no quota bookkeeping, no capital after a generated colon', () => {
    const { record: r } = bigRecord({ sessions: 60, blockers: 12, indicators: 20, textChars: 400 });
    const partners = r.partners.map((p) => ({ ...p, kind: 'care' as const, name: `EHPAD ${p.name}` }));
    const actions = r.actions.map((a) => ({ ...a, vehicleType: 'other-veli' as const }));
    const rec = { ...r, partners, actions };
    const docs = [
      ...(['1', '2', 'final'] as const).map((n) => buildProgressReport(rec, n, ed)),
      fitTerritorySummary(rec, rec.territories[0]!, ed).doc,
      buildActionSheet(rec, actions[0]!, ed),
      buildWorkshopSheet(record({ workshops: [workshop] }), workshop, ed),
    ];
    for (const doc of docs) {
      const all = text(doc);
      for (const line of all.split('\n')) expect(hasNestedParens(line), line).toBe(false);
      expect(all).not.toMatch(/\bquota/i);
      expect(all).not.toMatch(/\(Structure d’accueil \(/);
      expect(all).not.toMatch(/autre veli/);
    }
    const sheet = buildActionSheet(rec, actions[0]!, ed);
    expect(plain(sheet.subtitle ?? '')).toContain('Action d’EHPAD');
    expect(text(sheet)).toContain('autre VELI');
  });
});

describe('figures read without colour (issue 17, accessible documents)', () => {
  const luminance = (hex: string) => {
    const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255);
    const lin = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
    return 0.2126 * lin(r!) + 0.7152 * lin(g!) + 0.0722 * lin(b!);
  };
  const ratio = (a: string, b: string) => {
    const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
    return (x! + 0.05) / (y! + 0.05);
  };

  it('every tone stands 3:1 from an empty cell and the page, the status tones differ in lightness', () => {
    for (const colour of Object.values(TONE)) {
      expect(ratio(colour, EMPTY_CELL)).toBeGreaterThanOrEqual(3);
      expect(ratio(colour, '#ffffff')).toBeGreaterThanOrEqual(3);
    }
    const status = [TONE.ok, TONE.warning, TONE.reached, TONE.exceeded];
    for (let i = 0; i < status.length; i++)
      for (let j = i + 1; j < status.length; j++)
        expect(ratio(status[i]!, status[j]!)).toBeGreaterThanOrEqual(1.5);
  });

  it('a row with a long text may break across pages, as Google Docs lets rows do; short rows stay whole', () => {
    const page = renderHtml({
      type: 'territory-summary',
      title: 'Essai',
      date: '2026-01-15',
      version: 1,
      sections: [
        {
          heading: 'Partenaires',
          level: 2,
          blocks: [
            {
              kind: 'table',
              columns: ['Partenaire', 'Cas d’usage'],
              rows: [
                ['Court', 'Une phrase.'],
                ['Long', 'Une phrase assez longue pour remplir une page. '.repeat(20)],
              ],
            },
          ],
        },
      ],
    });
    const rows = [...page.matchAll(/<tr(?: class="(\w+)")?>/g)].map((m) => m[1] ?? '');
    expect(rows).toEqual(['', '', 'long']);
    expect(page).toMatch(/tr \{ break-inside: avoid;[^}]*\}\s*tr\.long \{ break-inside: auto;/);
  });

  it('each bar says its status in words, each figure is numbered and has a legend', () => {
    const { record: r, territory } = bigRecord({ sessions: 20, blockers: 2, indicators: 2, textChars: 200 });
    const page = renderHtml(fitTerritorySummary(r, territory, ed).doc);
    expect(page).toMatch(/<p class="caption" id="fig-1">Figure 1 — /);
    expect(page).toContain('aria-labelledby="fig-1"');
    expect(page).toMatch(/<p class="legend">Légende\u00A0: <span class="swatch-\w+">■<\/span> /);
    expect(page).toMatch(/<td class="w\d+"[^>]*>(en cours|réalisé|presque terminé|non commencé)<\/td><\/tr>/);
  });
});
