import { describe, expect, it } from 'vitest';
import { action, blocker, indicator, session } from './bodies';
import { call, makePartner, makeTerritory } from './helpers';
import { alertsOf, logSession, todayPlus } from './nightly-support';
import { plain } from './plain';

describe('stale work rules — blockers', () => {
  it('a blocker open with no change for 45 days raises an alert; lifting it clears the alert', async () => {
    const { territory, consultant } = await makeTerritory({ name: 'PNR des Grands Causses' });
    const created = await call('POST', '/v1/blockers', {
      as: consultant,
      body: blocker({
        territoryId: territory.id,
        category: 'parking',
        title: 'Stationnement des vélos cargos en gare',
      }),
    });
    expect(created.status).toBe(201);
    const id = created.body.id;

    const staleAlerts = alertsOf('blocker-stale', id);
    expect(await staleAlerts.asOf(todayPlus(40))).toEqual([]);

    const [stale] = await staleAlerts.asOf(todayPlus(50));
    expect(stale).toMatchObject({ severity: 'warning', subjectType: 'blocker' });
    expect(plain(stale?.message)).toMatch(
      /^Verrou « Stationnement des vélos cargos en gare » \(territoire « PNR des Grands Causses »\) : ouvert, sans modification depuis 50 jours \(dernière le .+ ; seuil 45 jours\)\.$/,
    );

    const lifted = await call('PATCH', `/v1/blockers/${id}`, {
      as: consultant,
      body: { status: 'resolved', solution: 'Arceaux posés par la commune.' },
    });
    expect(lifted.status).toBe(200);
    expect(await staleAlerts.asOf(todayPlus(50))).toEqual([]);
  });
});

describe('stale work rules — partner actions without indicator values', () => {
  it('a partner action without any indicator value for 60 days raises an alert; a recent value clears it', async () => {
    const { territory, consultant } = await makeTerritory({ name: 'Agglo Pays de l’Or' });
    const partner = await makePartner(territory.id, { name: 'Office de tourisme' });
    const created = await call('POST', '/v1/actions', {
      as: consultant,
      body: action({ partnerId: partner.id, title: 'Location de VAE familiaux' }),
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const withoutValue = alertsOf('action-without-indicator', created.body.id);

    expect(await withoutValue.asOf(todayPlus(55))).toEqual([]);
    const [alert] = await withoutValue.asOf(todayPlus(65));
    expect(plain(alert?.message)).toBe(
      'Fiche action « Location de VAE familiaux » (partenaire « Office de tourisme », territoire « Agglo Pays de l’Or ») : ' +
        'aucune valeur d’indicateur saisie pour ce partenaire depuis la création de l’action il y a 65 jours (seuil 60 jours).',
    );

    const value = await call('POST', '/v1/indicators', {
      as: consultant,
      body: indicator({
        territoryId: territory.id,
        partnerId: partner.id,
        indicator: 'users',
        unit: 'personnes',
        periodStart: todayPlus(30),
        periodEnd: todayPlus(60),
        value: 42,
      }),
    });
    expect(value.status, JSON.stringify(value.body)).toBe(201);
    expect(await withoutValue.asOf(todayPlus(65))).toEqual([]);
    // That value itself goes stale 60 days after its period.
    const [again] = await withoutValue.asOf(todayPlus(125));
    expect(plain(again?.message)).toContain('aucune valeur d’indicateur depuis 65 jours');
  });
});

describe('stale work rules — diagnostic days and the assessment', () => {
  it('diagnostic days used up with an empty assessment raise an alert; the assessment clears it', async () => {
    const { territory, consultant } = await makeTerritory({ name: 'Pays Cœur d’Hérault' });
    const day = { kind: 'diagnostic', territoryId: territory.id, date: '2025-03-05', durationMinutes: 420 };
    for (let i = 0; i < 4; i++) await logSession(day);
    const missing = alertsOf('assessment-missing', territory.id);
    const [alert] = await missing.asOf('2025-04-01');
    expect(plain(alert?.message)).toBe(
      'Territoire « Pays Cœur d’Hérault » : jours de diagnostic épuisés (1 680 min (28 h) sur 1 680 min (28 h)) mais constat, enjeux et recommandations non saisis.',
    );

    const put = await call('PUT', `/v1/territories/${territory.id}/assessment`, {
      as: consultant,
      body: { findings: 'Constat.', stakes: 'Enjeux.', recommendations: 'Recommandations.' },
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(await missing.asOf('2025-04-01')).toEqual([]);
  });

  it('diagnostic days not used up raise no assessment alert', async () => {
    const { territory } = await makeTerritory();
    const day = session({ territoryId: territory.id, durationMinutes: 420 });
    expect(await alertsOf('assessment-missing', territory.id).afterLogging(day, '2025-04-01')).toEqual([]);
  });
});
