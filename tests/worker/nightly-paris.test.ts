// Stale-work rules compare instants (when a blocker last changed, when an action was created)
// with the check's day in Paris: an edit at 00:30 in Paris is on that Paris day, not on the
// UTC day before. Boundaries at 23:30 and 00:30 Paris, in winter and in summer, and at the
// 45-day (blockers) and 60-day (indicators) thresholds.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { action, blocker, indicator } from './bodies';
import { call, makeTerritory, makeTerritoryWithPartner } from './helpers';
import { alertsOf, checkAsOf, openFor } from './nightly-support';
import { plain } from './plain';

async function blockerChangedAt(territoryId: string, consultant: string, instant: string) {
  const res = await call('POST', '/v1/blockers', {
    as: consultant,
    body: blocker({ territoryId, category: 'legal', title: `Verrou ${instant}`, owner: 'ademe' }),
  });
  expect(res.status).toBe(201);
  // The check reads when the blocker last changed; tests cannot wait 45 days, so they set it.
  await env.DB.prepare('UPDATE blockers SET updated_at = ? WHERE id = ?').bind(instant, res.body.id).run();
  return res.body.id as string;
}

const staleSince = async (id: string) => {
  const [alert] = await openFor('blocker-stale', id);
  return alert ? plain(alert.message).replace(/^.*sans modification depuis /, '') : null;
};

describe('stale work, on Paris days — blockers', () => {
  it('a blocker changed at 23:30 and one changed at 00:30 the next day, Paris winter time', async () => {
    const { territory, consultant } = await makeTerritory();
    // 10 March 2025 23:30 in Paris is 22:30 UTC; 11 March 00:30 in Paris is 10 March 23:30 UTC.
    const late = await blockerChangedAt(territory.id, consultant, '2025-03-10T22:30:00.000Z');
    const early = await blockerChangedAt(territory.id, consultant, '2025-03-10T23:30:00.000Z');
    await checkAsOf('2025-04-23'); // 44 days after 10 March
    expect(await staleSince(late)).toBeNull();
    await checkAsOf('2025-04-24'); // 45 days after 10 March, 44 after 11 March
    expect(await staleSince(late)).toBe('45 jours (dernière le 10 mars 2025 ; seuil 45 jours).');
    expect(await staleSince(early)).toBeNull();
    await checkAsOf('2025-04-25');
    expect(await staleSince(early)).toBe('45 jours (dernière le 11 mars 2025 ; seuil 45 jours).');
  });

  it('the same in summer time (UTC+2)', async () => {
    const { territory, consultant } = await makeTerritory();
    // 1 July 2025 00:30 in Paris is 30 June 22:30 UTC.
    const id = await blockerChangedAt(territory.id, consultant, '2025-06-30T22:30:00.000Z');
    await checkAsOf('2025-08-14'); // 44 days after 1 July
    expect(await staleSince(id)).toBeNull();
    await checkAsOf('2025-08-15');
    expect(await staleSince(id)).toBe('45 jours (dernière le 1er juillet 2025 ; seuil 45 jours).');
  });
});

describe('stale work, on Paris days — actions and their indicator values', () => {
  it('an action created at 00:30 Paris counts its 60 days from that Paris day; a value resets the clock', async () => {
    const { territory, consultant, partner } = await makeTerritoryWithPartner();
    const res = await call('POST', '/v1/actions', {
      as: consultant,
      body: action({ partnerId: partner.id }),
    });
    const id = res.body.id as string;
    await env.DB.prepare('UPDATE actions SET created_at = ? WHERE id = ?')
      .bind('2025-03-10T23:30:00.000Z', id)
      .run();
    const withoutValue = alertsOf('action-without-indicator', id);
    expect(await withoutValue.asOf('2025-05-09')).toEqual([]); // 59 days after 11 March
    const [alert] = await withoutValue.asOf('2025-05-10'); // 60 days
    expect(plain(alert?.message)).toContain(
      'depuis la création de l’action il y a 60 jours (seuil 60 jours)',
    );

    // A value for a period ending 31 May: stale again 60 days after, not 59.
    const value = await call('POST', '/v1/indicators', {
      as: consultant,
      body: indicator({
        territoryId: territory.id,
        partnerId: partner.id,
        indicator: 'trips',
        unit: 'trajets',
        periodStart: '2025-05-01',
        periodEnd: '2025-05-31',
        value: 80,
      }),
    });
    expect(value.status).toBe(201);
    expect(await withoutValue.asOf('2025-07-29')).toEqual([]); // 59 days after 31 May
    const [again] = await withoutValue.asOf('2025-07-30');
    expect(plain(again?.message)).toContain(
      'aucune valeur d’indicateur depuis 60 jours (dernière période close le 31 mai 2025',
    );
  });
});
