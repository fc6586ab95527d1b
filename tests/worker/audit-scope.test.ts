import { describe, expect, it } from 'vitest';
import { call, makeTerritory } from './helpers';

describe('GET /v1/audit: a reader’s entity is one of the records’ own names', () => {
  it('refuses names an object inherits (toString, constructor, __proto__) as any unknown entity: 403 in French', async () => {
    const { territory, consultant } = await makeTerritory();
    for (const entity of ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'member']) {
      const path = `/v1/audit?entity=${entity}&id=${territory.id}`;
      const res = await call('GET', path, { as: consultant });
      expect(res.status, path).toBe(403);
      expect(res.body.error.message).toMatch(
        /^Le journal d’audit complet est réservé aux administrateurs ADEME/,
      );
    }
  });
});
