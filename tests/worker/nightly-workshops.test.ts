import { describe, expect, it } from 'vitest';
import { workshop } from './bodies';
import { call, makeTerritory } from './helpers';
import { alertsOf, openFor, sessionOn } from './nightly-support';
import { plain } from './plain';

/** A workshop sheet hosted by the territory; answers its id. */
async function sheet(hostTerritoryId: string, number: number, date: string) {
  const res = await call('POST', '/v1/workshops', {
    body: workshop({ number, date, hostTerritoryId, participants: 12 }),
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

/** The workshop session of the territory, held on `date` (the quota's side of a workshop). */
const held = (territoryId: string, date: string) => sessionOn('workshop', { territoryId }, date, 210);

// A workshop is one thing: its `workshop` session (the quota) and its sheet (the record),
// linked by the host territory. The check, the quota and the sheet must agree.
describe('nightly check — workshops: session and sheet', () => {
  it('a held workshop without its sheet raises an alert until the sheet is written', async () => {
    const { territory } = await makeTerritory({ name: 'Rodez Agglomération' });
    const unlinked = alertsOf('workshop-unlinked', territory.id);
    const [alert] = await unlinked.afterLogging(held(territory.id, '2025-05-20'), '2025-06-02');
    expect(alert).toMatchObject({ subjectType: 'territory', severity: 'warning' });
    expect(plain(alert?.message)).toBe(
      'Territoire « Rodez Agglomération » : atelier collectif tenu le 20 mai 2025 (séance du journal) sans fiche atelier : rédigez sa fiche.',
    );
    const id = await sheet(territory.id, 1, '2025-05-20');
    expect(await unlinked.asOf('2025-06-02')).toEqual([]);
    expect(await openFor('workshop-unlinked', id)).toEqual([]);
  });

  it('a sheet of a past workshop without its session raises an alert (it does not count in the quota)', async () => {
    const { territory } = await makeTerritory({ name: 'Alès Agglomération' });
    const unlinked = alertsOf('workshop-unlinked', await sheet(territory.id, 2, '2025-09-23'));
    // Planned for later: nothing to say yet.
    expect(await unlinked.asOf('2025-09-01')).toEqual([]);
    const [alert] = await unlinked.asOf('2025-10-01');
    expect(alert).toMatchObject({ subjectType: 'workshop', severity: 'warning' });
    expect(plain(alert?.message)).toContain(
      'Fiche atelier n° 2 « Stationnement des vélos cargos » : aucune séance',
    );
    expect(plain(alert?.message)).toContain('ne compte pas dans le quota');
    expect(await unlinked.afterLogging(held(territory.id, '2025-09-23'), '2025-10-01')).toEqual([]);
  });
});
