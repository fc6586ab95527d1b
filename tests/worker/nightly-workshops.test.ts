import { describe, expect, it } from 'vitest';
import { call, makeTerritory } from './helpers';
import { checkAsOf, logSession, openFor } from './nightly-support';
import { plain } from './plain';

const sheet = (hostTerritoryId: string, number: number, date: string) => ({
  number,
  theme: 'Stationnement des vélos cargos',
  date,
  hostTerritoryId,
  participants: 12,
  problem: 'Où garer les vélos cargos ?',
  blockersAndSolutions: 'Arceaux.',
  actors: 'Mairie.',
  examplesAndContacts: 'Albi.',
  keyFigures: [],
});

// A workshop is one thing: its `workshop` session (the quota) and its sheet (the record),
// linked by the host territory. The check, the quota and the sheet must agree.
describe('nightly check — workshops: session and sheet', () => {
  it('a held workshop without its sheet raises an alert until the sheet is written', async () => {
    const { territory } = await makeTerritory({ name: 'Rodez Agglomération' });
    await logSession({
      kind: 'workshop',
      territoryId: territory.id,
      date: '2025-05-20',
      durationMinutes: 210,
    });
    await checkAsOf('2025-06-02');
    const [alert] = await openFor('workshop-unlinked', territory.id);
    expect(alert).toMatchObject({ subjectType: 'territory', severity: 'warning' });
    expect(plain(alert?.message)).toBe(
      'Territoire « Rodez Agglomération » : atelier collectif tenu le 20 mai 2025 (séance du journal) sans fiche atelier : rédigez sa fiche.',
    );
    const w = await call('POST', '/v1/workshops', { body: sheet(territory.id, 1, '2025-05-20') });
    expect(w.status, JSON.stringify(w.body)).toBe(201);
    await checkAsOf('2025-06-02');
    expect(await openFor('workshop-unlinked', territory.id)).toEqual([]);
    expect(await openFor('workshop-unlinked', w.body.id)).toEqual([]);
  });

  it('a sheet of a past workshop without its session raises an alert (it does not count in the quota)', async () => {
    const { territory } = await makeTerritory({ name: 'Alès Agglomération' });
    const w = await call('POST', '/v1/workshops', { body: sheet(territory.id, 2, '2025-09-23') });
    expect(w.status, JSON.stringify(w.body)).toBe(201);
    // Planned for later: nothing to say yet.
    await checkAsOf('2025-09-01');
    expect(await openFor('workshop-unlinked', w.body.id)).toEqual([]);
    await checkAsOf('2025-10-01');
    const [alert] = await openFor('workshop-unlinked', w.body.id);
    expect(alert).toMatchObject({ subjectType: 'workshop', severity: 'warning' });
    expect(plain(alert?.message)).toContain(
      'Fiche atelier n° 2 « Stationnement des vélos cargos » : aucune séance',
    );
    expect(plain(alert?.message)).toContain('ne compte pas dans le quota');
    await logSession({
      kind: 'workshop',
      territoryId: territory.id,
      date: '2025-09-23',
      durationMinutes: 210,
    });
    await checkAsOf('2025-10-01');
    expect(await openFor('workshop-unlinked', w.body.id)).toEqual([]);
  });
});
