// The territory summary's fitter: nothing is cut inside a sentence, recommendations never,
// lists are condensed with honest counts, and what cannot fit is named.
import { describe, expect, it } from 'vitest';
import { SUMMARY_FIELD_BUDGETS } from '../../shared/documents/budgets';
import { STRENGTH_STEPS, SUMMARY_MAX_PAGES, TIGHTEST } from '../../worker/documents/budget';
import type { Block, DocumentModel, FieldOverflow } from '../../worker/documents/model';
import { estimatePages } from '../../worker/documents/pages';
import { keepSentences } from '../../worker/documents/prose';
import type { ProgrammeRecord, TerritoryRec } from '../../worker/documents/record';
import { statusCounts } from '../../worker/documents/summary-progress';
import {
  buildTerritorySummary,
  fitTerritorySummary,
  SEARCH_PRECISION,
  SUMMARY_HEADINGS,
} from '../../worker/documents/territory-summary';
import { bigRecord, longText } from './documents-big-record';

const ed = { date: '2026-01-15', version: 3 };

const section = (doc: DocumentModel, heading: string) => {
  const s = doc.sections.find((x) => x.heading === heading);
  if (!s) throw new Error(`no section ${heading}`);
  return s;
};
const firstTable = (blocks: readonly Block[]) => {
  const t = blocks.find((b) => b.kind === 'table');
  if (t?.kind !== 'table') throw new Error('no table');
  return t;
};
const paragraph = (doc: DocumentModel, heading: string) => {
  const [p] = section(doc, heading).blocks;
  if (p?.kind !== 'p') throw new Error(`no paragraph under ${heading}`);
  return p;
};

/** One sentence of exactly `n` characters: nothing may shorten it. */
const oneSentence = (n: number, word = 'mobilité') => {
  const words = `${word} `.repeat(Math.ceil(n / (word.length + 1)));
  return `${words
    .slice(0, n - 1)
    .trimEnd()
    .padEnd(n - 1, 'x')}.`;
};

/** The brief's stress territory: 3 partners with long use cases, 5,000-character constat and
 * enjeux, 3,000-character recommendations, 40 blockers, 60 sessions. */
function stress() {
  return bigRecord({
    sessions: 60,
    blockers: 40,
    indicators: 50,
    textChars: 5000,
    recommendationsChars: 3000,
  });
}

describe('keepSentences', () => {
  it('keeps whole sentences within the allowance and says how much it kept', () => {
    const text =
      'Première phrase courte. Deuxième phrase un peu plus longue ! Troisième phrase qui dépasse largement.';
    const k = keepSentences(text, 70);
    expect(k.text).toBe('Première phrase courte. Deuxième phrase un peu plus longue ! […]');
    expect(k.shortened).toEqual({
      kept: 'Première phrase courte. Deuxième phrase un peu plus longue !'.length,
      total: text.length,
    });
  });
  it('never cuts inside a sentence: a first sentence longer than the allowance stays whole', () => {
    const long = `${oneSentence(400)} Suite.`;
    const k = keepSentences(long, 100);
    expect(k.text).toBe(`${oneSentence(400)} […]`);
    expect(k.shortened?.kept).toBe(400);
  });
  it('leaves a text within the allowance, or without allowance, untouched', () => {
    expect(keepSentences('Court.', 50)).toEqual({ text: 'Court.' });
    expect(keepSentences(longText(5000))).toEqual({ text: longText(5000).trim() });
  });
});

describe('territory summary — the stress territory', () => {
  const { record, territory } = stress();

  it('fits under the page limit by the estimate, recommendations whole, the rest shortened at sentence ends', () => {
    const fit = fitTerritorySummary(record, territory, ed);
    expect(fit.fits).toBe(true);
    expect(fit.overflow).toEqual([]);
    expect(fit.estimatedPages).toBeLessThanOrEqual(SUMMARY_MAX_PAGES);
    expect(estimatePages(fit.doc)).toBe(fit.estimatedPages);
    const recs = paragraph(fit.doc, SUMMARY_HEADINGS.recommendations);
    expect(recs.text).toBe(territory.assessment!.recommendations.trim());
    expect(recs.shortened).toBeUndefined();
    for (const h of [SUMMARY_HEADINGS.findings, SUMMARY_HEADINGS.stakes]) {
      const p = paragraph(fit.doc, h);
      expect(p.shortened?.total).toBe(5000);
      // What was kept ends with a whole sentence of the original, then the mark.
      expect(p.text).toMatch(/\. \[…\]$/);
      expect(territory.assessment!.findings.concat(territory.assessment!.stakes)).toContain(
        p.text.replace(' […]', ''),
      );
    }
  });

  it.each([0, 0.25, 0.5, 0.75, 1])(
    'condensed at strength %s, it shows or counts every blocker, lifted ones first',
    (strength) => {
      const doc = buildTerritorySummary(record, territory, ed, strength);
      const table = firstTable(section(doc, SUMMARY_HEADINGS.blockers).blocks);
      const rest = Number(/^(\d+)\u00A0autres verrous non détaillés/.exec(table.rest ?? '')?.[1] ?? 0);
      expect(table.rows.length + rest).toBe(40);
      expect(table.rows[0]?.[3]).toBe('Levé');
      const statuses = table.rows.map((r) => r[3]);
      expect(statuses.indexOf('Levé')).toBeLessThan(Math.max(0, statuses.lastIndexOf('Ouvert')) + 1);
      if (table.rows.some((r) => r.some((c) => c.includes('[…]'))))
        expect(table.rest).toContain('Textes abrégés');
      expect(paragraph(doc, SUMMARY_HEADINGS.recommendations).text.length).toBe(3000);
    },
  );

  it('a tighter allowance on request takes a stronger condensation', () => {
    const fit = fitTerritorySummary(record, territory, ed);
    expect(fit.level).toBeGreaterThan(0);
    // The smallest strength that fits (to the search's precision): a step less does not.
    const less = buildTerritorySummary(
      record,
      territory,
      ed,
      (fit.level - SEARCH_PRECISION) / STRENGTH_STEPS,
    );
    expect(estimatePages(less)).toBeGreaterThan(SUMMARY_MAX_PAGES);
    const tighter = fitTerritorySummary(record, territory, ed, fit.level + 1, 3);
    expect(tighter.level).toBeGreaterThan(fit.level);
  });
});

/** Every prose field at its published budget, as one sentence nothing can shorten. */
function atBudget(lists: 'usual' | 'longest') {
  const usual = lists === 'usual';
  const { record, territory } = bigRecord({
    sessions: 60,
    blockers: usual ? 12 : 40,
    indicators: usual ? 36 : 50,
    textChars: usual ? 300 : 5000,
  });
  const b = SUMMARY_FIELD_BUDGETS;
  const text = (n: number, seed: string) => (usual ? oneSentence(n, seed) : longText(n, seed));
  const partners = record.partners.map((p) => ({
    ...p,
    useCase: { ...p.useCase, description: longText(usual ? 400 : 5000, 'Le cas') },
  }));
  const t: TerritoryRec = {
    ...territory,
    contacts: Array.from({ length: usual ? 4 : 20 }, (_, i) => ({
      name: `Contact ${i + 1} du territoire`,
      role: 'Chargée de mission mobilité et urbanisme',
    })),
    assessment: {
      findings: text(b.findings, 'constat'),
      stakes: text(b.stakes, 'enjeu'),
      recommendations: oneSentence(b.recommendations, 'recommandation'),
      needs: text(b.needs, 'besoin'),
      infrastructure: text(b.infrastructure, 'voirie'),
      complementarities: text(b.complementarities, 'train'),
      planningDocuments: Array.from({ length: usual ? 5 : 20 }, (_, i) => ({
        kind: 'plui' as const,
        title: `PLUi n° ${i + 1}`,
        status: 'in-revision' as const,
        revisionDate: '2026-06-30',
        veliIntegration: longText(usual ? 250 : 5000, `Le PLUi ${i + 1}`),
      })),
    },
  };
  return { record: { ...record, partners, territories: [t] }, territory: t };
}

describe('territory summary — the published field budgets are a guarantee', () => {
  it('every prose field at its budget, each one unshortenable sentence, lists at their usual size: fits', () => {
    const { record, territory } = atBudget('usual');
    const fit = fitTerritorySummary(record, territory, ed);
    expect(fit.fits, JSON.stringify(fit.overflow)).toBe(true);
    expect(fit.estimatedPages).toBeLessThanOrEqual(SUMMARY_MAX_PAGES);
    expect(paragraph(fit.doc, SUMMARY_HEADINGS.recommendations).text.length).toBe(
      SUMMARY_FIELD_BUDGETS.recommendations,
    );
  });
  it('fields at budget in ordinary sentences with the longest lists (20 contacts and documents, 40 blockers): fits', () => {
    const { record, territory } = atBudget('longest');
    const fit = fitTerritorySummary(record, territory, ed);
    expect(fit.fits, JSON.stringify(fit.overflow)).toBe(true);
  });
});

/** The record with each named field shortened by what the fitter asked (its end cut off). */
function applyOverflow(record: ProgrammeRecord, territory: TerritoryRec, overflow: readonly FieldOverflow[]) {
  const cut = (path: string, text: string) => {
    const o = overflow.find((x) => x.field === path);
    return o ? text.slice(0, text.length - o.shortenBy) : text;
  };
  const a = territory.assessment!;
  const t: TerritoryRec = {
    ...territory,
    assessment: {
      ...a,
      findings: cut('assessment.findings', a.findings),
      stakes: cut('assessment.stakes', a.stakes),
      recommendations: cut('assessment.recommendations', a.recommendations),
    },
  };
  const partners = record.partners.map((p) => ({
    ...p,
    useCase: {
      ...p.useCase,
      description: cut(`partners.${p.id}.useCase.description`, p.useCase.description),
    },
  }));
  const blockers = record.blockers.map((b) => ({
    ...b,
    description: cut(`blockers.${b.id}.description`, b.description),
    solution: cut(`blockers.${b.id}.solution`, b.solution ?? ''),
  }));
  return { record: { ...record, partners, blockers, territories: [t] }, territory: t };
}

describe('territory summary — what cannot fit is named', () => {
  const { record, territory } = stress();
  const withRecs = (n: number): TerritoryRec => ({
    ...territory,
    assessment: { ...territory.assessment!, recommendations: oneSentence(n, 'recommandation') },
  });

  it('recommendations too long for any budget: fits false, the field named with what to remove', () => {
    const t = withRecs(16_000);
    const fit = fitTerritorySummary({ ...record, territories: [t] }, t, ed);
    expect(fit.fits).toBe(false);
    expect(fit.estimatedPages).toBeGreaterThan(SUMMARY_MAX_PAGES);
    const [first] = fit.overflow;
    expect(first).toMatchObject({
      field: 'assessment.recommendations',
      label: 'Recommandations',
      length: 16_000,
    });
    expect(first!.shortenBy).toBeGreaterThan(0);
    // Never cut, even when it does not fit.
    expect(paragraph(fit.doc, SUMMARY_HEADINGS.recommendations).text.length).toBe(16_000);
    // Shortened as asked, it fits.
    const fixed = withRecs(16_000 - first!.shortenBy);
    const again = fitTerritorySummary({ ...record, territories: [fixed] }, fixed, ed);
    expect(again.fits).toBe(true);
  });

  it('a smaller page allowance (Google counted 5) names fields for that allowance', () => {
    const fit = fitTerritorySummary(record, territory, ed, STRENGTH_STEPS, 3);
    expect(fit.fits).toBe(false);
    expect(fit.overflow.length).toBeGreaterThan(0);
    for (const o of fit.overflow) {
      expect(o.shortenBy).toBeGreaterThan(0);
      expect(o.shortenBy).toBeLessThanOrEqual(o.length);
      expect(o.label).not.toBe('');
    }
    // Shortened as asked, every named field gives a summary within that allowance.
    const shortened = applyOverflow(record, territory, fit.overflow);
    const again = fitTerritorySummary(shortened.record, shortened.territory, ed, 0, 3);
    expect(again.fits).toBe(true);
  });

  it('an allowance the lists alone exceed names no field: no text is to blame', () => {
    const fit = fitTerritorySummary(record, territory, ed, 0, 1);
    expect(fit).toMatchObject({ fits: false, overflow: [] });
  });
});

describe('French counts', () => {
  it('lifted first, plurals and agreement right', () => {
    const list = (s: string, n: number) => Array.from({ length: n }, () => ({ status: s as 'open' }));
    expect(statusCounts([...list('in-progress', 1), ...list('open', 1)])).toBe(
      '1\u00A0en cours, 1\u00A0ouvert',
    );
    expect(statusCounts([...list('open', 2), ...list('resolved', 3), ...list('abandoned', 1)])).toBe(
      '3\u00A0levés, 2\u00A0ouverts, 1\u00A0abandonné',
    );
  });
});

describe('a small record', () => {
  it('is not shortened at all', () => {
    const small = bigRecord({ sessions: 2, blockers: 2, indicators: 3, textChars: 200 });
    const fit = fitTerritorySummary(small.record, small.territory, ed);
    expect(fit.level).toBe(0);
    expect(fit.shortened).toEqual([]);
    const blocks = fit.doc.sections.flatMap((s) => s.blocks);
    expect(blocks.some((b) => b.kind === 'p' && b.shortened)).toBe(false);
    expect(blocks.some((b) => b.kind === 'table' && b.rest)).toBe(false);
  });
});

describe('the fitter condenses only as far as the page limit requires (issue 17)', () => {
  /** Every prose field at twice its published budget, in ordinary sentences, usual lists. */
  function twiceTheBudgets() {
    const { record, territory } = atBudget('usual');
    const b = SUMMARY_FIELD_BUDGETS;
    const t: TerritoryRec = {
      ...territory,
      assessment: {
        ...territory.assessment!,
        findings: longText(2 * b.findings, 'Le constat'),
        stakes: longText(2 * b.stakes, 'L’enjeu'),
        needs: longText(2 * b.needs, 'Le besoin'),
        infrastructure: longText(2 * b.infrastructure, 'La voirie'),
        complementarities: longText(2 * b.complementarities, 'Le train'),
      },
    };
    return { record: { ...record, territories: [t] }, territory: t };
  }

  it('texts at twice the budgets: the smallest condensation that fits, the rest of the page used', () => {
    const { record, territory } = twiceTheBudgets();
    const fit = fitTerritorySummary(record, territory, ed);
    expect(fit.fits).toBe(true);
    expect(fit.level).toBeGreaterThan(0);
    // Minimal: a step less condensed no longer fits.
    expect(
      estimatePages(
        buildTerritorySummary(record, territory, ed, (fit.level - SEARCH_PRECISION) / STRENGTH_STEPS),
      ),
    ).toBeGreaterThan(SUMMARY_MAX_PAGES);
    // Each text keeps most of itself: no text is cut to one sentence when pages are free.
    // The lists reached their tightest before any prose was cut (the second half of the scale).
    expect(fit.level).toBeGreaterThanOrEqual(STRENGTH_STEPS / 2);
    // The longest texts lose the most; none is cut below the tightest allowance.
    const findings = fit.shortened.find((s) => s.field === 'assessment.findings')!;
    const complementarities = fit.shortened.find((s) => s.field === 'assessment.complementarities');
    expect(findings.from - findings.to).toBeGreaterThan(
      complementarities ? complementarities.from - complementarities.to : 0,
    );
    for (const s of fit.shortened.filter(
      (x) => x.field.startsWith('assessment.') && !x.field.includes('planning'),
    ))
      expect(s.to).toBeGreaterThanOrEqual(TIGHTEST.prose * 0.8);
    // What was condensed is said, field by field, in characters.
    for (const s of fit.shortened) {
      expect(s.from).toBeGreaterThan(s.to);
      expect(s.label).not.toBe('');
    }
  });
});

describe('the fitter condenses lists before prose', () => {
  it('lists condense before the prose: no text is cut while a list can still give room', () => {
    for (const { record, territory } of [atBudget('usual'), atBudget('longest'), stress()]) {
      const fit = fitTerritorySummary(record, territory, ed);
      const prose = fit.shortened.filter((s) => /^assessment\.|useCase/.test(s.field));
      if (prose.length) expect(fit.level).toBeGreaterThanOrEqual(STRENGTH_STEPS / 2);
    }
  });

  it('a record that fits as it is: nothing condensed, nothing said', () => {
    const small = bigRecord({ sessions: 2, blockers: 2, indicators: 3, textChars: 200 });
    const fit = fitTerritorySummary(small.record, small.territory, ed);
    expect(fit.level).toBe(0);
    expect(fit.shortened).toEqual([]);
    expect(fit.doc.shortened).toEqual([]);
  });
});
