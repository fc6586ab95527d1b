import { describe, expect, it } from 'vitest';
import { call, makePartner, makeTerritory, session } from './helpers';
import { checkAsOf, logSession, openFor, todayPlus } from './nightly-support';
import { plain } from './plain';

describe('stale work rules', () => {
  it('a blocker open with no change for 45 days raises an alert; lifting it clears the alert', async () => {
    const { territory, consultant } = await makeTerritory({ name: 'PNR des Grands Causses' });
    const created = await call('POST', '/v1/blockers', {
      as: consultant,
      body: {
        territoryId: territory.id,
        category: 'parking',
        title: 'Stationnement des vélos cargos en gare',
        description: 'Aucun emplacement adapté aux vélos cargos.',
        owner: 'territory',
      },
    });
    expect(created.status).toBe(201);
    const id = created.body.id;

    await checkAsOf(todayPlus(40));
    expect(await openFor('blocker-stale', id)).toEqual([]);

    await checkAsOf(todayPlus(50));
    const [stale] = await openFor('blocker-stale', id);
    expect(stale).toMatchObject({ severity: 'warning', subjectType: 'blocker' });
    expect(plain(stale?.message)).toMatch(
      /^Verrou « Stationnement des vélos cargos en gare » \(territoire « PNR des Grands Causses »\) : ouvert, sans modification depuis 50 jours \(dernière le .+ ; seuil 45 jours\)\.$/,
    );

    const lifted = await call('PATCH', `/v1/blockers/${id}`, {
      as: consultant,
      body: { status: 'resolved', solution: 'Arceaux posés par la commune.' },
    });
    expect(lifted.status).toBe(200);
    await checkAsOf(todayPlus(50));
    expect(await openFor('blocker-stale', id)).toEqual([]);
  });

  it('a partner action without any indicator value for 60 days raises an alert; a recent value clears it', async () => {
    const { territory, consultant } = await makeTerritory({ name: 'Agglo Pays de l’Or' });
    const partner = await makePartner(territory.id, { name: 'Office de tourisme' });
    const action = await call('POST', '/v1/actions', {
      as: consultant,
      body: {
        partnerId: partner.id,
        title: 'Location de VAE familiaux',
        description: 'Flotte de 10 VAE en location saisonnière.',
        actors: 'Office de tourisme, loueur local',
        implementationDelay: '3 mois',
        blockers: 'Assurance des vélos loués',
        reproducibility: { ease: 2, duplicationPotential: 3, actorsInvolved: 2 },
      },
    });
    expect(action.status, JSON.stringify(action.body)).toBe(201);
    const id = action.body.id;

    await checkAsOf(todayPlus(55));
    expect(await openFor('action-without-indicator', id)).toEqual([]);
    await checkAsOf(todayPlus(65));
    const [alert] = await openFor('action-without-indicator', id);
    expect(plain(alert?.message)).toBe(
      'Fiche action « Location de VAE familiaux » (partenaire « Office de tourisme », territoire « Agglo Pays de l’Or ») : ' +
        'aucune valeur d’indicateur saisie pour ce partenaire depuis la création de l’action il y a 65 jours (seuil 60 jours).',
    );

    const value = await call('POST', '/v1/indicators', {
      as: consultant,
      body: {
        territoryId: territory.id,
        partnerId: partner.id,
        indicator: 'users',
        unit: 'personnes',
        periodStart: todayPlus(30),
        periodEnd: todayPlus(60),
        value: 42,
      },
    });
    expect(value.status, JSON.stringify(value.body)).toBe(201);
    await checkAsOf(todayPlus(65));
    expect(await openFor('action-without-indicator', id)).toEqual([]);
    // That value itself goes stale 60 days after its period.
    await checkAsOf(todayPlus(125));
    const [again] = await openFor('action-without-indicator', id);
    expect(plain(again?.message)).toContain('aucune valeur d’indicateur depuis 65 jours');
  });

  it('diagnostic days used up with an empty assessment raise an alert; the assessment clears it', async () => {
    const { territory, consultant } = await makeTerritory({ name: 'Pays Cœur d’Hérault' });
    for (let i = 0; i < 4; i++)
      await logSession({
        kind: 'diagnostic',
        territoryId: territory.id,
        date: '2025-03-05',
        durationMinutes: 420,
      });
    await checkAsOf('2025-04-01');
    const [alert] = await openFor('assessment-missing', territory.id);
    expect(plain(alert?.message)).toBe(
      'Territoire « Pays Cœur d’Hérault » : jours de diagnostic épuisés (1 680 min (28 h) sur 1 680 min (28 h)) mais constat, enjeux et recommandations non saisis.',
    );

    const put = await call('PUT', `/v1/territories/${territory.id}/assessment`, {
      as: consultant,
      body: { findings: 'Constat.', stakes: 'Enjeux.', recommendations: 'Recommandations.' },
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    await checkAsOf('2025-04-01');
    expect(await openFor('assessment-missing', territory.id)).toEqual([]);
  });

  it('diagnostic days not used up raise no assessment alert', async () => {
    const { territory } = await makeTerritory();
    await call('POST', '/v1/sessions', {
      body: session({ territoryId: territory.id, durationMinutes: 420 }),
    });
    await checkAsOf('2025-04-01');
    expect(await openFor('assessment-missing', territory.id)).toEqual([]);
  });
});
