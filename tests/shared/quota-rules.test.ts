import { describe, expect, it } from 'vitest';
import { LABELS } from '../../shared/i18n/labels';
import { PROGRAMME_PRESET } from '../../shared/programme/preset';
import {
  buildQuotaReport,
  fitsQuota,
  QUOTA_RULES,
  quotaStatus,
  usageFromSessions,
} from '../../shared/quotas/rules';
import { reproducibilityDegree } from '../../shared/reproducibility';
import { SESSION_KINDS } from '../../shared/schemas';

/** Used, limit and what the status says at warnAtRatio 0.8. */
const STATUSES: [number, number, string][] = [
  [0, 5, 'ok'],
  [3, 5, 'ok'],
  [4, 5, 'warning'],
  [5, 5, 'reached'],
  [6, 5, 'exceeded'],
];

describe('quota rules', () => {
  it.each(STATUSES)('status follows warnAtRatio and the limit: %i of %i is %s', (used, limit, status) => {
    expect(quotaStatus(used, limit, 0.8)).toBe(status);
  });

  it('every session kind has a rule and a French label', () => {
    for (const kind of SESSION_KINDS) {
      expect(QUOTA_RULES[kind].kind).toBe(kind);
      expect(LABELS.sessionKind[kind]).toMatch(/\w/);
    }
  });
});

/** Raw sessions of two territories, a partner and the programme. */
const SESSIONS = [
  { kind: 'diagnostic' as const, territoryId: 't1', date: '2025-03-01', durationMinutes: 420 },
  { kind: 'diagnostic' as const, territoryId: 't1', date: '2025-03-08', durationMinutes: 420 },
  { kind: 'diagnostic' as const, territoryId: 't2', date: '2025-03-08', durationMinutes: 60 },
  {
    kind: 'partner-support' as const,
    territoryId: 't1',
    partnerId: 'p1',
    date: '2025-09-01',
    durationMinutes: 120,
  },
  { kind: 'ademe-monthly' as const, date: '2025-04-02', durationMinutes: 50 },
  { kind: 'copil' as const, date: '2025-02-20', durationMinutes: 120 },
];

describe('quota report', () => {
  it('builds the report from raw sessions the way the worker does from its GROUP BY', () => {
    const report = buildQuotaReport(
      PROGRAMME_PRESET,
      [
        { id: 't1', name: 'Albi' },
        { id: 't2', name: 'Rodez' },
      ],
      [{ id: 'p1', territoryId: 't1', name: 'EHPAD' }],
      usageFromSessions(SESSIONS),
    );
    const diag = (id: string) =>
      report.territories.find((t) => t.territoryId === id)!.quotas.find((q) => q.key === 'diagnostic')!;
    expect(diag('t1')).toMatchObject({
      used: 840,
      limit: 1680,
      remaining: 840,
      status: 'ok',
      unit: 'minutes',
    });
    expect(diag('t2')).toMatchObject({ used: 60 });
    expect(report.partners[0]!.quotas[0]).toMatchObject({ key: 'partner-support', used: 1, limit: 4 });
    expect(report.programme.find((q) => q.key === 'copil')).toMatchObject({ used: 1, limit: 3 });
    expect(report.programme.filter((q) => q.key === 'ademe-monthly')).toEqual([
      expect.objectContaining({
        subjectId: '2025-04',
        used: 1,
        limit: 1,
        status: 'reached',
        label: 'Point mensuel ADEME (2025-04)',
      }),
    ]);
    expect(fitsQuota(QUOTA_RULES.diagnostic, diag('t1'), 840)).toBe(true);
    expect(fitsQuota(QUOTA_RULES.diagnostic, diag('t1'), 841)).toBe(false);
  });

  it('lowering a quota below use reports it as exceeded', () => {
    const p = { ...PROGRAMME_PRESET, quotas: { ...PROGRAMME_PRESET.quotas, copilTotal: 1 } };
    const report = buildQuotaReport(
      p,
      [],
      [],
      [{ kind: 'copil', territoryId: null, partnerId: null, month: '2025-02', sessions: 2, minutes: 240 }],
    );
    expect(report.programme.find((q) => q.key === 'copil')).toMatchObject({
      used: 2,
      limit: 1,
      remaining: 0,
      status: 'exceeded',
    });
  });
});

describe('degree of reproducibility', () => {
  it('follows ease, duplication potential and actors', () => {
    expect(reproducibilityDegree({ ease: 3, duplicationPotential: 3, actorsInvolved: 1 })).toBe('high');
    expect(reproducibilityDegree({ ease: 3, duplicationPotential: 2, actorsInvolved: 4 })).toBe('medium');
    expect(reproducibilityDegree({ ease: 1, duplicationPotential: 1, actorsInvolved: 12 })).toBe('low');
  });
});
