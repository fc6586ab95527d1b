import { describe, expect, it } from 'vitest';
import { makePartner, makeTerritory } from './helpers';
import { checkAsOf, logSession, openFor } from './nightly-support';

describe('calendar rules, on simulated dates of the tender', () => {
  it('as of 2025-05-05 a territory without its interview raises an alert; logging it clears the alert', async () => {
    const { territory } = await makeTerritory({ name: 'Communauté d’agglomération de l’Albigeois' });
    await checkAsOf('2025-04-20');
    expect(await openFor('interview-missing', territory.id)).toEqual([]);

    await checkAsOf('2025-05-05');
    const [alert] = await openFor('interview-missing', territory.id);
    expect(alert).toMatchObject({ severity: 'warning', subjectType: 'territory', resolvedAt: null });
    expect(alert?.message).toBe(
      'Territoire « Communauté d’agglomération de l’Albigeois » : aucun entretien individuel tenu au 5 mai 2025, ' +
        'alors que le jalon « Prise de contact individuelle avec chaque territoire » du 30 avril 2025 est passé.',
    );

    await logSession({ kind: 'territory-interview', territoryId: territory.id, date: '2025-05-02' });
    await checkAsOf('2025-05-05');
    expect(await openFor('interview-missing', territory.id)).toEqual([]);
  });
});
