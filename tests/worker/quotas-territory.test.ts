import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { session } from './bodies';
import { ADMIN, call, counts, makePartner, makeTerritory, makeTerritoryWithPartner } from './helpers';
import { plain } from './plain';

const OVERRIDE = { reason: 'Séance supplémentaire validée en COPIL du 12 mai.' };

/** Posts `n` sessions as `as`, asserting each is accepted. */
async function fill(as: string, n: number, body: Record<string, unknown>) {
  let last: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) {
    const res = await call('POST', '/v1/sessions', { as, body: session(body) });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    last = res.body.quota;
  }
  return last;
}

describe('territory and partner quotas — interview and diagnostic', () => {
  it('territory interview: 1 per territory, then 409 with the Quota and a French message', async () => {
    const { territory, consultant } = await makeTerritory();
    const body = { kind: 'territory-interview', territoryId: territory.id, durationMinutes: 60 };
    const quota = await fill(consultant, 1, body);
    expect(quota).toMatchObject({
      key: 'territory-interview',
      used: 1,
      limit: 1,
      remaining: 0,
      status: 'reached',
    });
    const before = await counts();
    const res = await call('POST', '/v1/sessions', { as: consultant, body: session(body) });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('QUOTA_EXCEEDED');
    expect(plain(res.body.error.message)).toMatch(/Quota dépassé : Entretien individuel/);
    expect(res.body.error.quota).toMatchObject({
      scope: 'territory',
      subjectId: territory.id,
      used: 1,
      limit: 1,
    });
    expect(await counts()).toEqual(before);
  });

  it('diagnostic: 4 days × 420 minutes, counted in minutes; warning from warnAtRatio', async () => {
    const { territory, consultant } = await makeTerritory();
    const body = { kind: 'diagnostic', territoryId: territory.id, durationMinutes: 420 };
    const afterTwo = await fill(consultant, 2, body);
    expect(afterTwo).toMatchObject({ unit: 'minutes', used: 840, limit: 1680, status: 'ok' });
    const afterThree = await fill(consultant, 1, body);
    expect(afterThree).toMatchObject({ used: 1260, status: 'ok' });
    const warn = await fill(consultant, 1, { ...body, durationMinutes: 120 });
    expect(warn).toMatchObject({ used: 1380, remaining: 300, status: 'warning' });
    const full = await fill(consultant, 1, { ...body, durationMinutes: 300 });
    expect(full).toMatchObject({ used: 1680, remaining: 0, status: 'reached' });
    const res = await call('POST', '/v1/sessions', {
      as: consultant,
      body: session({ ...body, durationMinutes: 30 }),
    });
    expect(res.status).toBe(409);
    expect(res.body.error.quota).toMatchObject({ key: 'diagnostic', used: 1680, limit: 1680 });
    expect(plain(res.body.error.message)).toContain('30 min');
  });
});

describe('territory and partner quotas — collective and partner support', () => {
  it('collective support: 5 per territory, each at most 120 minutes', async () => {
    const { territory, consultant } = await makeTerritory();
    const body = { kind: 'collective-support', territoryId: territory.id, durationMinutes: 120 };
    const long = await call('POST', '/v1/sessions', {
      as: consultant,
      body: session({ ...body, durationMinutes: 150 }),
    });
    expect(long.status).toBe(409);
    expect(long.body.error.code).toBe('QUOTA_EXCEEDED');
    expect(long.body.error.message).toMatch(/120\u00a0min au plus par séance \(150\u00a0min saisies\)/);
    const quota = await fill(consultant, 5, body);
    expect(quota).toMatchObject({ key: 'collective-support', used: 5, limit: 5, status: 'reached' });
    const res = await call('POST', '/v1/sessions', { as: consultant, body: session(body) });
    expect(res.status).toBe(409);
    expect(res.body.error.quota.used).toBe(5);
  });

  it('partner support: 4 per partner, each at most 120 minutes, partner required', async () => {
    const { territory, consultant, partner } = await makeTerritoryWithPartner();
    const other = await makePartner(territory.id);
    const noPartner = await call('POST', '/v1/sessions', {
      as: consultant,
      body: session({ kind: 'partner-support', territoryId: territory.id }),
    });
    expect(noPartner.status).toBe(400);
    expect(noPartner.body.error.issues[0].path).toBe('partnerId');
    const body = { kind: 'partner-support', partnerId: partner.id, durationMinutes: 120 };
    const quota = await fill(consultant, 4, body);
    expect(quota).toMatchObject({
      scope: 'partner',
      subjectId: partner.id,
      used: 4,
      limit: 4,
      status: 'reached',
    });
    const res = await call('POST', '/v1/sessions', { as: consultant, body: session(body) });
    expect(res.status).toBe(409);
    expect(res.body.error.quota.subjectId).toBe(partner.id);
    // The other partner's quota is untouched.
    const ok = await call('POST', '/v1/sessions', {
      as: consultant,
      body: session({ ...body, partnerId: other.id }),
    });
    expect(ok.status).toBe(201);
    expect(ok.body.session.territoryId).toBe(territory.id);
    const long = await call('POST', '/v1/sessions', {
      as: consultant,
      body: session({ ...body, partnerId: other.id, durationMinutes: 121 }),
    });
    expect(long.status).toBe(409);
  });
});

describe('territory and partner quotas — overrides and soft deletes', () => {
  it('an admin override is accepted as exceeded and stored with who, when and why', async () => {
    const { territory, consultant } = await makeTerritory();
    const body = { kind: 'territory-interview', territoryId: territory.id };
    await fill(consultant, 1, body);
    const byConsultant = await call('POST', '/v1/sessions', {
      as: consultant,
      body: session({ ...body, override: OVERRIDE }),
    });
    expect(byConsultant.status).toBe(403);
    const shortReason = await call('POST', '/v1/sessions', {
      body: session({ ...body, override: { reason: 'court' } }),
    });
    expect(shortReason.status).toBe(400);
    expect(shortReason.body.error.issues[0].path).toBe('override.reason');
    const res = await call('POST', '/v1/sessions', { body: session({ ...body, override: OVERRIDE }) });
    expect(res.status).toBe(201);
    expect(res.body.quota).toMatchObject({ used: 2, limit: 1, remaining: 0, status: 'exceeded' });
    expect(res.body.session.override).toMatchObject({ reason: OVERRIDE.reason, by: ADMIN });
    expect(Date.parse(res.body.session.override.at)).not.toBeNaN();
    const audit = await env.DB.prepare(
      "SELECT actor, after FROM audit WHERE entity = 'session' AND entity_id = ? AND action = 'override'",
    )
      .bind(res.body.session.id)
      .all<{ actor: string; after: string }>();
    expect(audit.results).toHaveLength(1);
    expect(JSON.parse(audit.results[0]!.after)).toEqual(OVERRIDE);
    // Durations over the cap are accepted the same way.
    const long = await call('POST', '/v1/sessions', {
      body: session({
        kind: 'collective-support',
        territoryId: territory.id,
        durationMinutes: 180,
        override: OVERRIDE,
      }),
    });
    expect(long.status).toBe(201);
  });

  it('a soft delete frees the quota and keeps the row', async () => {
    const { territory, consultant } = await makeTerritory();
    const body = { kind: 'territory-interview', territoryId: territory.id };
    const first = await call('POST', '/v1/sessions', { as: consultant, body: session(body) });
    expect((await call('POST', '/v1/sessions', { as: consultant, body: session(body) })).status).toBe(409);
    // Its author cancels it (an admin could too; another consultant could not: security matrix).
    const del = await call('DELETE', `/v1/sessions/${first.body.session.id}`, { as: consultant });
    expect(del.status).toBe(200);
    expect(del.body.quota).toMatchObject({ used: 0, status: 'ok' });
    expect((await call('GET', `/v1/sessions/${first.body.session.id}`)).status).toBe(404);
    const row = await env.DB.prepare('SELECT deleted_by FROM sessions WHERE id = ?')
      .bind(first.body.session.id)
      .first();
    expect(row).toEqual({ deleted_by: consultant });
    expect((await call('POST', '/v1/sessions', { as: consultant, body: session(body) })).status).toBe(201);
  });
});

describe('territory and partner quotas — partners and the report', () => {
  it('a 4th partner is refused with the partner quota', async () => {
    const { territory, consultant } = await makeTerritory();
    for (let i = 0; i < 3; i++) await makePartner(territory.id);
    const before = await counts();
    const res = await call('POST', `/v1/territories/${territory.id}/partners`, {
      as: consultant,
      body: { name: 'Quatrième', kind: 'other', useCase: { category: 'other', description: 'Essai.' } },
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('QUOTA_EXCEEDED');
    expect(res.body.error.message).toMatch(/déjà 3 partenaires/);
    expect(res.body.error.quota).toMatchObject({ key: 'partners', used: 3, limit: 3, status: 'reached' });
    expect(await counts()).toEqual(before);
  });

  it('a partner support naming a partner of another territory is rejected', async () => {
    const a = await makeTerritory();
    const b = await makeTerritory();
    const partnerOfB = await makePartner(b.territory.id);
    const before = await counts();
    const res = await call('POST', '/v1/sessions', {
      as: a.consultant,
      body: session({ kind: 'partner-support', territoryId: a.territory.id, partnerId: partnerOfB.id }),
    });
    expect(res.status).toBe(400);
    expect(res.body.error.issues).toEqual([
      { path: 'partnerId', message: 'Ce partenaire n’appartient pas au territoire indiqué.' },
    ]);
    // Without territoryId, the partner's own territory decides: a's consultant may not write there.
    const res2 = await call('POST', '/v1/sessions', {
      as: a.consultant,
      body: session({ kind: 'partner-support', partnerId: partnerOfB.id }),
    });
    expect(res2.status).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it('GET /v1/quotas reports every territory and partner quota', async () => {
    const { territory, consultant, partner } = await makeTerritoryWithPartner();
    await fill(consultant, 1, { kind: 'collective-support', territoryId: territory.id, durationMinutes: 90 });
    const res = await call('GET', '/v1/quotas', { as: consultant });
    expect(res.status).toBe(200);
    const t = res.body.territories.find((x: { territoryId: string }) => x.territoryId === territory.id);
    expect(t.quotas.map((q: { key: string }) => q.key)).toEqual([
      'territory-interview',
      'diagnostic',
      'collective-support',
    ]);
    expect(t.quotas[2]).toMatchObject({ used: 1, limit: 5, remaining: 4, status: 'ok' });
    const p = res.body.partners.find((x: { partnerId: string }) => x.partnerId === partner.id);
    expect(p.quotas).toEqual([expect.objectContaining({ key: 'partner-support', used: 0, limit: 4 })]);
  });
});
