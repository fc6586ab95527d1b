import { describe, expect, it } from 'vitest';
import { MSG } from '../../shared/i18n/messages';
import { call, counts, roomForTerritories, uid } from './helpers';
import { plain } from './plain';

const territory = (insee: string, over: Record<string, unknown> = {}) => ({
  name: `Territoire ${uid('t')}`,
  legalForm: 'cc',
  centralCityInsee: insee,
  consultants: ['Consultant@AMO.example'],
  ...over,
});

describe('central city eligibility (INSEE commune list)', () => {
  it('accepts an Occitanie city of 4,500+ inhabitants and returns it', async () => {
    const res = await call('POST', '/v1/territories', { body: territory('12096') });
    expect(res.status).toBe(201);
    expect(res.body.centralCity).toEqual({
      insee: '12096',
      name: 'Espalion',
      population: 4605,
      departement: '12',
    });
    expect(res.body.consultants).toEqual(['consultant@amo.example']);
    expect((await call('GET', `/v1/territories/${res.body.id}`)).body).toEqual(res.body);
  });

  it('refuses a city of another region with 422 naming it', async () => {
    const before = await counts();
    const res = await call('POST', '/v1/territories', { body: territory('13055') });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('NOT_ELIGIBLE');
    expect(res.body.error.message).toBe(
      'Marseille (13055) n’est pas dans la région du programme (code région 76).',
    );
    expect(await counts()).toEqual(before);
  });

  it('refuses an Occitanie city under 4,500 with 422 naming its population and the rule', async () => {
    const before = await counts();
    const res = await call('POST', '/v1/territories', { body: territory('09185') });
    expect(res.status).toBe(422);
    expect(plain(res.body.error.message)).toMatch(
      /^Mazères compte 3\s852 habitants \(INSEE\) : la ville centre doit en compter au moins 4\s500\.$/,
    );
    expect(res.body.error.city).toMatchObject({ insee: '09185', population: 3852, region: '76' });
    expect(await counts()).toEqual(before);
  });

  it('refuses an unknown code with 400 on the field', async () => {
    const before = await counts();
    for (const code of ['31999', '00000', '2A999']) {
      const res = await call('POST', '/v1/territories', { body: territory(code) });
      expect(res.status).toBe(400);
      expect(res.body.error.issues).toEqual([
        { path: 'centralCityInsee', message: MSG.unknownCommune(code) },
      ]);
    }
    const malformed = await call('POST', '/v1/territories', { body: territory('ABC') });
    expect(malformed.status).toBe(400);
    expect(await counts()).toEqual(before);
  });
});

describe('central city eligibility — the programme’s rules and its territory count', () => {
  it('follows the programme: another region and minimum apply to new territories', async () => {
    const { body: p } = await call('GET', '/v1/programme');
    const { assessment: _a, ...programme } = p;
    const put = await call('PUT', '/v1/programme', {
      body: { ...programme, regionCode: '93', minCentralCityPopulation: 100000 },
    });
    expect(put.status).toBe(200);
    try {
      expect((await call('POST', '/v1/territories', { body: territory('13055') })).status).toBe(201);
      const small = await call('POST', '/v1/territories', { body: territory('13004') });
      expect(small.status).toBe(422);
      expect(small.body.error.message).toMatch(/au moins 100\s000/);
    } finally {
      expect((await call('PUT', '/v1/programme', { body: programme })).status).toBe(200);
    }
  });

  it('an 11th territory is refused with 409 CONFLICT', async () => {
    const { body: p } = await call('GET', '/v1/programme');
    const { assessment: _a, ...programme } = p;
    await roomForTerritories(0);
    const existing = (await call('GET', '/v1/territories')).body.territories.length;
    // Bring the programme to its preset 10 territories exactly.
    expect(existing).toBeLessThanOrEqual(10);
    for (let i = existing; i < 10; i++) {
      expect((await call('POST', '/v1/territories', { body: territory('81004') })).status).toBe(201);
    }
    expect(programme.maxTerritories).toBe(10);
    const before = await counts();
    const res = await call('POST', '/v1/territories', { body: territory('81004') });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({
      code: 'CONFLICT',
      message: 'Le programme compte déjà 10 territoires, son maximum.',
    });
    expect(await counts()).toEqual(before);
  });
});
