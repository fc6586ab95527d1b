import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { action, blocker, indicator, session, workshop } from './bodies';
import { ADMIN, call, counts, makeTerritory, makeTerritoryWithPartner, programme } from './helpers';

describe('blockers', () => {
  it('open by default, resolved needs a solution, patches are audited', async () => {
    const { territory, consultant, partner } = await makeTerritoryWithPartner();
    const created = await call('POST', '/v1/blockers', {
      as: consultant,
      body: blocker({
        territoryId: territory.id,
        partnerId: partner.id,
        category: 'insurance',
        title: 'Assurance',
        owner: 'partner',
      }),
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'open', createdBy: consultant });
    const before = await counts();
    const noSolution = await call('PATCH', `/v1/blockers/${created.body.id}`, {
      as: consultant,
      body: { status: 'resolved' },
    });
    expect(noSolution.status).toBe(400);
    expect(noSolution.body.error.issues).toEqual([
      { path: 'solution', message: 'Un verrou levé doit décrire sa solution.' },
    ]);
    expect(await counts()).toEqual(before);
    const resolved = await call('PATCH', `/v1/blockers/${created.body.id}`, {
      as: consultant,
      body: { status: 'resolved', solution: 'Contrat flotte étendu.' },
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({
      status: 'resolved',
      solution: 'Contrat flotte étendu.',
      title: 'Assurance',
    });
    const open = await call('GET', `/v1/blockers?territoryId=${territory.id}&status=open`);
    expect(open.body.blockers).toHaveLength(0);
    const all = await call('GET', `/v1/blockers?territoryId=${territory.id}`);
    expect(all.body.blockers.map((b: { id: string }) => b.id)).toEqual([created.body.id]);
    const audit = await env.DB.prepare(
      "SELECT action, before, after FROM audit WHERE entity = 'blocker' AND entity_id = ? ORDER BY seq",
    )
      .bind(created.body.id)
      .all<{ action: string; before: string | null; after: string }>();
    expect(audit.results.map((a) => a.action)).toEqual(['create', 'update']);
    expect(JSON.parse(audit.results[1]!.before!).status).toBe('open');
    expect(JSON.parse(audit.results[1]!.after).status).toBe('resolved');
    const moved = await call('PATCH', `/v1/blockers/${created.body.id}`, {
      as: consultant,
      body: { territoryId: 'other' },
    });
    expect(moved.status).toBe(400);
  });
});

describe('workshops', () => {
  it('a number or a host used twice is a 409 CONFLICT', async () => {
    const a = await makeTerritory();
    const b = await makeTerritory();
    const first = await call('POST', '/v1/workshops', {
      as: a.consultant,
      body: workshop({ hostTerritoryId: a.territory.id }),
    });
    expect(first.status).toBe(201);
    const before = await counts();
    const sameNumber = await call('POST', '/v1/workshops', {
      as: b.consultant,
      body: workshop({ hostTerritoryId: b.territory.id }),
    });
    expect(sameNumber.status).toBe(409);
    expect(sameNumber.body.error).toMatchObject({ code: 'CONFLICT', message: 'L’atelier n° 1 existe déjà.' });
    const sameHost = await call('POST', '/v1/workshops', {
      as: a.consultant,
      body: workshop({ number: 2, hostTerritoryId: a.territory.id }),
    });
    expect(sameHost.status).toBe(409);
    expect(sameHost.body.error.message).toMatch(/a déjà accueilli un atelier collectif/);
    expect(await counts()).toEqual(before);
    const second = await call('POST', '/v1/workshops', {
      as: b.consultant,
      body: workshop({ number: 2, hostTerritoryId: b.territory.id }),
    });
    expect(second.status).toBe(201);
    const clash = await call('PATCH', `/v1/workshops/${second.body.id}`, {
      as: b.consultant,
      body: { number: 1 },
    });
    expect(clash.status).toBe(409);
    const patched = await call('PATCH', `/v1/workshops/${second.body.id}`, {
      as: b.consultant,
      body: { number: 3, theme: 'Assurance' },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ number: 3, theme: 'Assurance', hostTerritoryId: b.territory.id });
    expect(
      (await call('GET', '/v1/workshops')).body.workshops.map((w: { number: number }) => w.number),
    ).toEqual([1, 3]);
  });
});

describe('actions and indicators', () => {
  it('actions: the response adds the degree of reproducibility', async () => {
    const { territory, consultant, partner } = await makeTerritoryWithPartner();
    type Scores = { ease: number; duplicationPotential: number; actorsInvolved: number };
    const post = (reproducibility: Scores) =>
      call('POST', '/v1/actions', {
        as: consultant,
        body: action({ partnerId: partner.id, reproducibility }),
      });
    const easy = await post({ ease: 3, duplicationPotential: 3, actorsInvolved: 2 });
    expect(easy.status).toBe(201);
    expect(easy.body).toMatchObject({
      territoryId: territory.id,
      reproducibility: { ease: 3, duplicationPotential: 3, actorsInvolved: 2, degree: 'high' },
    });
    const hard = await post({ ease: 1, duplicationPotential: 1, actorsInvolved: 9 });
    expect(hard.body.reproducibility.degree).toBe('low');
    const patched = await call('PATCH', `/v1/actions/${hard.body.id}`, {
      as: consultant,
      body: { reproducibility: { ease: 2, duplicationPotential: 2, actorsInvolved: 4 } },
    });
    expect(patched.body.reproducibility.degree).toBe('medium');
    expect((await call('GET', `/v1/actions?partnerId=${partner.id}`)).body.actions).toHaveLength(2);
  });

  it('indicators are listed by territory', async () => {
    const { territory, consultant } = await makeTerritory();
    const res = await call('POST', '/v1/indicators', {
      as: consultant,
      body: indicator({
        territoryId: territory.id,
        indicator: 'custom',
        label: 'Abris posés',
        unit: 'abris',
        periodEnd: '2025-06-30',
        value: 4,
        target: 6,
      }),
    });
    expect(res.status).toBe(201);
    expect((await call('GET', `/v1/indicators?territoryId=${territory.id}`)).body.indicators).toEqual([
      res.body,
    ]);
  });
});

describe('territories', () => {
  it('territories: admin patch re-checks the city; assessment by the consultant', async () => {
    const { territory, consultant } = await makeTerritory();
    const patched = await call('PATCH', `/v1/territories/${territory.id}`, {
      body: { centralCityInsee: '12202', name: 'Rodez Agglo' },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      name: 'Rodez Agglo',
      centralCity: { name: 'Rodez' },
      consultants: [consultant],
    });
    expect(
      (await call('PATCH', `/v1/territories/${territory.id}`, { body: { centralCityInsee: '09185' } }))
        .status,
    ).toBe(422);
    const assessment = { findings: 'Constat.', stakes: 'Enjeux.', recommendations: 'Recommandations.' };
    const put = await call('PUT', `/v1/territories/${territory.id}/assessment`, {
      as: consultant,
      body: assessment,
    });
    expect(put.status).toBe(200);
    expect(put.body.assessment).toEqual(assessment);
    expect(put.body.updatedBy).toBe(consultant);
  });
});

describe('the programme', () => {
  it('programme: preset by default; admins replace it and store the final assessment', async () => {
    const got = await call('GET', '/v1/programme', { as: ADMIN });
    expect(got.body).toMatchObject({
      id: 'veli-velo-occitanie-2025',
      regionCode: '76',
      quotas: { diagnosticDaysPerTerritory: 4 },
    });
    expect(got.body.milestones.map((m: { key: string }) => m.key)).toEqual([
      'launch',
      'territory-contacts',
      'copil-phase-2',
      'virtual-event',
      'partner-actions',
      'copil-phase-3',
      'closing-event',
    ]);
    const settings = await programme();
    const bad = await call('PUT', '/v1/programme', { body: { ...settings, startDate: '2027-01-01' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0]).toEqual({
      path: 'endDate',
      message: 'La date de fin doit suivre la date de début.',
    });
    const final = {
      finalCopilMinutes: 'Compte rendu du COPIL final.',
      criticalView: 'Regard critique du prestataire.',
    };
    expect((await call('PUT', '/v1/programme/assessment', { body: final })).status).toBe(200);
    // A v1.1 critical view (one text) is read as the « what worked » part of the v1.2 one.
    const stored = {
      finalCopilMinutes: final.finalCopilMinutes,
      criticalView: { worked: final.criticalView },
    };
    expect((await call('GET', '/v1/programme')).body.assessment).toEqual(stored);
    const lowered = await call('PUT', '/v1/programme', {
      body: { ...settings, quotas: { ...settings.quotas, copilTotal: 2 } },
    });
    expect(lowered.status).toBe(200);
    expect((await call('GET', '/v1/programme')).body).toMatchObject({
      quotas: { copilTotal: 2 },
      assessment: stored,
    });
  });

  it('takes back what GET /v1/programme answers: edited and sent as it is, assessment included', async () => {
    const got = (await call('GET', '/v1/programme')).body;
    expect(got).toHaveProperty('assessment');
    const sent = { ...got, name: `${got.name} (révisé)`, assessment: { criticalView: 'ignoré' } };
    const put = await call('PUT', '/v1/programme', { body: sent });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    // The settings change; the assessment has its own route and stays as stored.
    expect(put.body).toEqual({ ...got, name: sent.name });
    expect((await call('GET', '/v1/programme')).body).toEqual(put.body);
    const unknown = await call('PUT', '/v1/programme', { body: { ...got, budget: 1 } });
    expect(unknown.status).toBe(400);
  });
});

describe('sessions', () => {
  it('filters by territory, partner, kind and dates', async () => {
    const { territory, consultant, partner } = await makeTerritoryWithPartner();
    const post = (body: Record<string, unknown>) =>
      call('POST', '/v1/sessions', { as: consultant, body: session(body) });
    await post({ territoryId: territory.id, date: '2025-03-01' });
    await post({ territoryId: territory.id, kind: 'collective-support', date: '2025-05-01' });
    await post({ kind: 'partner-support', partnerId: partner.id, date: '2025-10-01' });
    const q = async (qs: string) =>
      (await call('GET', `/v1/sessions?territoryId=${territory.id}&${qs}`)).body.sessions.map(
        (s: { date: string }) => s.date,
      );
    expect(await q('')).toEqual(['2025-03-01', '2025-05-01', '2025-10-01']);
    expect(await q('kind=collective-support')).toEqual(['2025-05-01']);
    expect(await q(`partnerId=${partner.id}`)).toEqual(['2025-10-01']);
    expect(await q('from=2025-04-01&to=2025-09-30')).toEqual(['2025-05-01']);
    expect((await call('GET', '/v1/sessions?from=03/2025')).status).toBe(400);
    const one = (await call('GET', `/v1/sessions?territoryId=${territory.id}&kind=partner-support`)).body
      .sessions[0];
    expect(one).toMatchObject({
      phase: 3,
      territoryId: territory.id,
      partnerId: partner.id,
      createdBy: consultant,
    });
  });
});
