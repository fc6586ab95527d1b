import { describe, expect, it } from 'vitest';
import { call, makeTerritory, programme, putProgramme } from './helpers';
import { alertsOf, checkAsOf, logSession, openFor } from './nightly-support';
import { plain } from './plain';

const AS_OF = '2025-04-15';

/** Logs `n` sessions, the i-th made by `body(i)`; answers their ids. */
async function logSessions(n: number, body: (i: number) => Record<string, unknown>) {
  const ids = [];
  for (let i = 0; i < n; i++) ids.push(await logSession(body(i)));
  return ids;
}

const collective = (territoryId: string, n: number, override?: string) =>
  logSessions(n, (i) => ({
    kind: 'collective-support',
    territoryId,
    date: `2025-03-${String(10 + i).padStart(2, '0')}`,
    durationMinutes: 120,
    ...(override ? { override: { reason: override } } : {}),
  }));

/** Cancels a session, then runs the check again. */
async function cancelThenCheck(sessionId: string) {
  expect((await call('DELETE', `/v1/sessions/${sessionId}`)).status).toBe(200);
  await checkAsOf(AS_OF);
}

describe('quota alerts as the use rises and falls', () => {
  it('warns from warnAtRatio, and clears when the use falls below it', async () => {
    const { territory } = await makeTerritory({ name: 'Pays Midi-Quercy' });
    const ids = await logSessions(4, () => ({
      kind: 'diagnostic',
      territoryId: territory.id,
      date: '2025-03-03',
      durationMinutes: 360,
    }));
    const [near] = await alertsOf('quota-near', territory.id).asOf(AS_OF);
    expect(near).toMatchObject({ severity: 'info', quota: 'diagnostic', subjectType: 'territory' });
    expect(plain(near?.message)).toBe(
      'Territoire « Pays Midi-Quercy » : Diagnostic et accompagnement — 1 440 min (24 h) sur 1 680 min (28 h) (86 %) : reste 240 min (4 h).',
    );

    await cancelThenCheck(ids[0]!);
    expect(await openFor('quota-near', territory.id)).toEqual([]);
  });

  it('reports a reached quota, and clears it when a session is cancelled', async () => {
    const { territory } = await makeTerritory();
    const ids = await collective(territory.id, 5);
    const [reached] = await alertsOf('quota-reached', territory.id).asOf(AS_OF);
    expect(reached).toMatchObject({ severity: 'warning', quota: 'collective-support' });
    expect(plain(reached?.message)).toContain('Appui collectif — 5 séances sur 5 séances : quota atteint');

    await cancelThenCheck(ids[0]!);
    expect(await openFor('quota-reached', territory.id)).toEqual([]);
    // 4 of 5 is exactly the warning ratio: the alert moves down to a warning.
    expect(await openFor('quota-near', territory.id)).toHaveLength(1);
  });

  it('reports a quota exceeded through an override as critical, until the extra session is cancelled', async () => {
    const { territory } = await makeTerritory();
    await collective(territory.id, 5);
    const [extra] = await collective(territory.id, 1, 'Sixième appui demandé par le COPIL.');
    const [exceeded] = await alertsOf('quota-exceeded', territory.id).asOf(AS_OF);
    expect(exceeded).toMatchObject({ severity: 'critical', quota: 'collective-support' });
    expect(plain(exceeded?.message)).toContain(
      '6 séances sur 5 séances : dépassement de 1 séance accordé par dérogation.',
    );
    expect(await openFor('quota-lowered', territory.id)).toEqual([]);
    expect(await openFor('quota-reached', territory.id)).toEqual([]);

    await cancelThenCheck(extra!);
    expect(await openFor('quota-exceeded', territory.id)).toEqual([]);
    expect(await openFor('quota-reached', territory.id)).toHaveLength(1);
  });
});

describe('quota alerts on a lowered, one-off or monthly quota', () => {
  it('reports a quota lowered below what is already used, until it is raised again', async () => {
    const { territory } = await makeTerritory({ name: 'Communauté de communes du Grand Figeac' });
    await collective(territory.id, 4);
    const before = await programme();
    await putProgramme({ ...before, quotas: { ...before.quotas, collectiveSupportsPerTerritory: 3 } });
    try {
      const [lowered] = await alertsOf('quota-lowered', territory.id).asOf(AS_OF);
      expect(lowered).toMatchObject({ severity: 'critical', quota: 'collective-support' });
      expect(plain(lowered?.message)).toBe(
        'Territoire « Communauté de communes du Grand Figeac » : Appui collectif — 4 séances sur 3 séances : le quota a été abaissé sous ce qui est déjà consommé.',
      );
      expect(await openFor('quota-exceeded', territory.id)).toEqual([]);
    } finally {
      await putProgramme(before);
    }
    await checkAsOf(AS_OF);
    expect(await openFor('quota-lowered', territory.id)).toEqual([]);
  });

  it('does not call a one-off quota "reached" once it is simply done (the interview)', async () => {
    const { territory } = await makeTerritory();
    await logSession({ kind: 'territory-interview', territoryId: territory.id, date: '2025-03-20' });
    await checkAsOf(AS_OF);
    expect(await openFor('quota-reached', territory.id)).toEqual([]);
    expect(await openFor('quota-near', territory.id)).toEqual([]);
  });

  it('two ADEME meetings in one month exceed that month’s quota', async () => {
    await logSession({ kind: 'ademe-monthly', date: '2025-03-04', durationMinutes: 45 });
    const second = await logSession({
      kind: 'ademe-monthly',
      date: '2025-03-25',
      durationMinutes: 30,
      override: { reason: 'Point supplémentaire avant le COPIL.' },
    });
    const [exceeded] = await alertsOf('quota-exceeded', '2025-03').asOf(AS_OF);
    expect(exceeded).toMatchObject({
      subjectType: 'month',
      subjectLabel: 'Mois de mars 2025',
      quota: 'ademe-monthly',
    });
    await cancelThenCheck(second);
    expect(await openFor('quota-exceeded', '2025-03')).toEqual([]);
  });
});
