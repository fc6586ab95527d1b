import { describe, expect, it } from 'vitest';
import { call, makePartner, makeTerritory } from './helpers';
import { alertsOf, checkAsOf, logSession, openFor, sessionOn } from './nightly-support';
import { plain } from './plain';

/** A two-hour session of `kind` for a territory or a partner. */
const twoHours = (kind: string, subject: { territoryId: string } | { partnerId: string }, date: string) =>
  sessionOn(kind, subject, date, 120);

// One file, one database: the programme-level rules (COPIL, events, monthly meetings,
// workshops) see every session of this file, so each test asserts on its own subjects.
describe('calendar rules on simulated dates of the tender — territories and partners', () => {
  it('as of 2025-05-05 a territory without its interview raises an alert; logging it clears the alert', async () => {
    const { territory } = await makeTerritory({ name: 'Communauté d’agglomération de l’Albigeois' });
    const missing = alertsOf('interview-missing', territory.id);
    expect(await missing.asOf('2025-04-20')).toEqual([]);

    const [alert] = await missing.asOf('2025-05-05');
    expect(alert).toMatchObject({ severity: 'warning', subjectType: 'territory', resolvedAt: null });
    expect(plain(alert?.message)).toBe(
      'Territoire « Communauté d’agglomération de l’Albigeois » : aucun entretien individuel tenu au 5 mai 2025, ' +
        'alors que le jalon « Prise de contact individuelle avec chaque territoire » du 30 avril 2025 est passé.',
    );

    const interview = { kind: 'territory-interview', territoryId: territory.id, date: '2025-05-02' };
    expect(await missing.afterLogging(interview, '2025-05-05')).toEqual([]);
  });

  it('an interview dated after the simulated date does not count yet', async () => {
    const { territory } = await makeTerritory();
    const missing = alertsOf('interview-missing', territory.id);
    const interview = { kind: 'territory-interview', territoryId: territory.id, date: '2025-05-10' };
    expect(await missing.afterLogging(interview, '2025-05-05')).toHaveLength(1);
    expect(await missing.asOf('2025-05-11')).toEqual([]);
  });

  it('a territory without collective support after the phase 2 milestone raises an alert until one is logged', async () => {
    const { territory } = await makeTerritory();
    const missing = alertsOf('collective-support-missing', territory.id);
    expect(await missing.asOf('2025-05-20')).toEqual([]);
    const [alert] = await missing.asOf('2025-06-05');
    expect(plain(alert?.message)).toContain('aucun appui collectif tenu au 5 juin 2025 sur les 5 prévus');
    expect(plain(alert?.message)).toContain('« Débrief COPIL accompagnement (phase 2) » du 31 mai 2025');

    const held = twoHours('collective-support', { territoryId: territory.id }, '2025-05-20');
    expect(await missing.afterLogging(held, '2025-06-05')).toEqual([]);
  });

  it('a partner without individual support: information during the partner-actions period, warning after, cleared by a support', async () => {
    const { territory } = await makeTerritory({ name: 'PETR du Pays Lauragais' });
    const partner = await makePartner(territory.id, { name: 'EHPAD Les Tilleuls' });
    const missing = alertsOf('partner-support-missing', partner.id);
    expect(await missing.asOf('2025-08-20')).toEqual([]);

    const [during] = await missing.asOf('2025-10-01');
    expect(during).toMatchObject({ severity: 'info', subjectType: 'partner' });
    expect(plain(during?.message)).toMatch(
      /^Partenaire « EHPAD Les Tilleuls » \(territoire « PETR du Pays Lauragais »\) : aucun accompagnement individuel tenu au 1er octobre 2025 sur les 4 prévus/,
    );

    const [after] = await missing.asOf('2026-01-05');
    // Same alert (same key, same row), raised in severity once the period is over.
    expect(after).toMatchObject({ id: during?.id, severity: 'warning', firstSeenAt: during?.firstSeenAt });
    expect(plain(after?.message)).toContain('est terminée');

    const held = twoHours('partner-support', { partnerId: partner.id }, '2025-09-15');
    expect(await missing.afterLogging(held, '2026-01-05')).toEqual([]);
  });
});

describe('calendar rules on simulated dates of the tender — COPILs and ADEME meetings', () => {
  it('COPILs missing after their milestones: one expected by launch, two by the phase 2 debrief', async () => {
    const launch = alertsOf('copil-missing', 'launch');
    const [alert] = await launch.asOf('2025-03-05');
    expect(plain(alert?.message)).toBe(
      'Jalon « Lancement officiel (ADEME et COPIL) » : 0 COPIL tenu au 5 mars 2025 pour 1 attendu à l’échéance du 28 février 2025.',
    );
    expect(
      await launch.afterLogging({ kind: 'copil', date: '2025-02-20', durationMinutes: 120 }, '2025-03-05'),
    ).toEqual([]);

    const phase2 = alertsOf('copil-missing', 'copil-phase-2');
    const [second] = await phase2.asOf('2025-06-05');
    expect(plain(second?.message)).toContain('1 COPIL tenu au 5 juin 2025 pour 2 attendus');
    expect(
      await phase2.afterLogging({ kind: 'copil', date: '2025-05-28', durationMinutes: 120 }, '2025-06-05'),
    ).toEqual([]);
    expect(await openFor('copil-missing', 'launch')).toEqual([]);
  });

  it('a past month without the ADEME meeting raises an alert per month until it is logged', async () => {
    await checkAsOf('2025-04-10');
    const [feb] = await openFor('ademe-monthly-missing', '2025-02');
    const [mar] = await openFor('ademe-monthly-missing', '2025-03');
    expect(plain(feb?.message)).toBe(
      'Mois de février 2025 : aucun point mensuel avec l’ADEME (un par mois, moins de 60 min).',
    );
    expect(plain(mar?.subjectLabel)).toBe('Mois de mars 2025');
    // The current month is not over: no alert for April yet.
    expect(await openFor('ademe-monthly-missing', '2025-04')).toEqual([]);

    await logSession({ kind: 'ademe-monthly', date: '2025-02-14', durationMinutes: 45 });
    await logSession({ kind: 'ademe-monthly', date: '2025-03-12', durationMinutes: 50 });
    await checkAsOf('2025-04-10');
    expect(await openFor('ademe-monthly-missing', '2025-02')).toEqual([]);
    expect(await openFor('ademe-monthly-missing', '2025-03')).toEqual([]);
  });

  it('an ADEME meeting over 60 min (through an override) raises an alert until replaced', async () => {
    const id = await logSession({
      kind: 'ademe-monthly',
      date: '2025-04-08',
      durationMinutes: 75,
      override: { reason: 'Point élargi à la Région à sa demande.' },
    });
    const tooLong = alertsOf('ademe-monthly-too-long', '2025-04');
    const [long] = await tooLong.asOf('2025-05-02');
    expect(plain(long?.message)).toBe(
      'Mois d’avril 2025 : point mensuel ADEME de 75 min, au-delà des 60 min prévues.',
    );

    expect((await call('DELETE', `/v1/sessions/${id}`)).status).toBe(200);
    const replacement = { kind: 'ademe-monthly', date: '2025-04-09', durationMinutes: 55 };
    expect(await tooLong.afterLogging(replacement, '2025-05-02')).toEqual([]);
    expect(await openFor('ademe-monthly-missing', '2025-04')).toEqual([]);
  });
});

describe('calendar rules on simulated dates of the tender — workshops and events', () => {
  it('workshops not all held after the phase 2 milestone raise an alert until the fourth is logged', async () => {
    const missing = alertsOf('workshops-missing', 'programme');
    expect(await missing.asOf('2025-06-25')).toEqual([]);
    const hosts = [];
    for (let i = 0; i < 4; i++) hosts.push((await makeTerritory()).territory.id);
    for (const [i, host] of hosts.slice(0, 3).entries())
      await logSession({ kind: 'workshop', territoryId: host, date: `2025-06-1${i}`, durationMinutes: 240 });

    const [alert] = await missing.asOf('2025-07-05');
    expect(plain(alert?.message)).toBe(
      'Programme : 3 ateliers collectifs tenus sur 4 prévus au 5 juillet 2025, alors que le jalon « Événement collectif virtuel » du 30 juin 2025 est passé.',
    );
    const fourth = { kind: 'workshop', territoryId: hosts[3], date: '2025-06-20', durationMinutes: 240 };
    expect(await missing.afterLogging(fourth, '2025-07-05')).toEqual([]);
  });

  it.each([
    ['launch', 'ademe-kickoff', '2025-02-10', '2025-03-05'],
    ['virtual-event', 'virtual-event', '2025-06-20', '2025-07-05'],
    ['closing-event', 'closing-event', '2026-06-20', '2026-07-02'],
  ])(
    'the event of milestone %s (%s) missing after it raises an alert until logged',
    async (milestone, kind, held, asOf) => {
      const missing = alertsOf('event-missing', milestone);
      const [alert] = await missing.asOf(asOf);
      expect(alert).toMatchObject({ subjectType: 'milestone', severity: 'warning' });
      expect(plain(alert?.message)).toMatch(/: 0 tenu sur 1 prévu au .+, échéance du .+ dépassée\.$/);
      expect(await missing.afterLogging({ kind, date: held, durationMinutes: 120 }, asOf)).toEqual([]);
    },
  );
});
