// The pure builders: nothing is cut silently, whatever the budget.
import { describe, expect, it } from 'vitest';
import { SUMMARY_BUDGETS } from '../../worker/documents/budget';
import type { Block } from '../../worker/documents/model';
import { estimatePages } from '../../worker/documents/pages';
import {
  buildTerritorySummary,
  fitTerritorySummary,
  SUMMARY_HEADINGS,
} from '../../worker/documents/territory-summary';
import { shorten } from '../../worker/documents/text';
import { bigRecord } from './documents-big-record';

const ed = { date: '2026-01-15', version: 3 };

describe('shorten', () => {
  it('cuts at the last sentence end within the allowance and says how much it kept', () => {
    const text =
      'Première phrase courte. Deuxième phrase un peu plus longue ! Troisième phrase qui dépasse largement.';
    const s = shorten(text, 70);
    expect(s.text).toBe('Première phrase courte. Deuxième phrase un peu plus longue ! […]');
    expect(s.shortened).toEqual({
      kept: 'Première phrase courte. Deuxième phrase un peu plus longue !'.length,
      total: text.length,
    });
  });
  it('falls back to a word boundary when no sentence ends in the second half', () => {
    const s = shorten(`${'mot '.repeat(40)}fin.`, 50);
    expect(s.text).toMatch(/^(mot )+\S*.*\[…\]$/);
    expect(s.text.replace(' […]', '').endsWith('mot')).toBe(true);
    expect(s.shortened?.kept).toBeLessThanOrEqual(50);
  });
  it('leaves a text within the allowance untouched', () => {
    expect(shorten('Court.', 50)).toEqual({ text: 'Court.' });
  });
});

const tables = (blocks: readonly Block[]) => blocks.filter((b) => b.kind === 'table');

describe('territory summary budget', () => {
  const { record, territory } = bigRecord({ sessions: 60, blockers: 40, indicators: 50, textChars: 5000 });

  it.each(SUMMARY_BUDGETS.map((_, level) => level))(
    'level %i keeps or counts every blocker and flags every cut',
    (level) => {
      const doc = buildTerritorySummary(record, territory, ed, level);
      const section = doc.sections.find((s) => s.heading === SUMMARY_HEADINGS.blockers)!;
      const [table] = tables(section.blocks);
      if (table?.kind !== 'table') throw new Error('no blockers table');
      const rest = Number(/^(\d+) autres verrous non détaillés/.exec(table.rest ?? '')?.[1] ?? 0);
      expect(table.rows.length + rest).toBe(40);
      // Cells shortened carry the […] mark and the table says the full texts stay in the record.
      if (table.rows.some((r) => r.some((c) => c.includes('[…]'))))
        expect(table.rest).toContain('Textes abrégés');
      for (const heading of [
        SUMMARY_HEADINGS.findings,
        SUMMARY_HEADINGS.stakes,
        SUMMARY_HEADINGS.recommendations,
      ]) {
        const [p] = doc.sections.find((s) => s.heading === heading)!.blocks;
        expect(p).toMatchObject({ kind: 'p', shortened: { total: 5000 } });
        if (p?.kind === 'p') expect(p.text.endsWith('. […]')).toBe(true);
      }
    },
  );

  it('picks the loosest budget whose estimate fits 4 pages, and tighter ones on request', () => {
    const fit = fitTerritorySummary(record, territory, ed);
    expect(fit.estimatedPages).toBeLessThanOrEqual(4);
    if (fit.level > 0)
      expect(estimatePages(buildTerritorySummary(record, territory, ed, fit.level - 1))).toBeGreaterThan(4);
    const tighter = fitTerritorySummary(record, territory, ed, fit.level + 1, 2);
    expect(tighter.level).toBeGreaterThan(fit.level);
  });

  it('a small record is not shortened at all', () => {
    const small = bigRecord({ sessions: 2, blockers: 2, indicators: 3, textChars: 200 });
    const fit = fitTerritorySummary(small.record, small.territory, ed);
    expect(fit.level).toBe(0);
    const blocks = fit.doc.sections.flatMap((s) => s.blocks);
    expect(blocks.some((b) => b.kind === 'p' && b.shortened)).toBe(false);
    expect(blocks.some((b) => b.kind === 'table' && b.rest)).toBe(false);
  });
});
