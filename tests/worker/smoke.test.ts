import { describe, expect, it } from 'vitest';
import { session } from './bodies';
import { call, makeTerritory } from './helpers';

describe('smoke', () => {
  it('serves health without auth', async () => {
    const res = await call('GET', '/v1/health', { as: null });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: true, authMode: 'dev' });
  });
  it('logs a diagnostic session and counts it', async () => {
    const { territory, consultant } = await makeTerritory();
    const res = await call('POST', '/v1/sessions', {
      as: consultant,
      body: session({ territoryId: territory.id }),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.quota).toMatchObject({
      key: 'diagnostic',
      used: 120,
      limit: 1680,
      remaining: 1560,
      status: 'ok',
    });
  });
});
