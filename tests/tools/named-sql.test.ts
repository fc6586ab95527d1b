// D1 binds by position only: `named` numbers the names a statement uses (worker/db/query.ts).
import { describe, expect, it } from 'vitest';
import { named } from '../../worker/db/query';

describe('SQL with named values', () => {
  it('numbers each name where it first appears and binds its value there, once', () => {
    const q = named('SELECT :b, :a WHERE x = :b AND y = :c', { a: 1, b: 'two', c: null, unused: 4 });
    expect(q).toEqual({ sql: 'SELECT ?1, ?2 WHERE x = ?1 AND y = ?3', args: ['two', 1, null] });
  });

  it('leaves JSON paths and casts alone, and refuses a name without a value', () => {
    expect(named("SELECT json_extract(d, '$.territoryId') FROM t WHERE id = :id", { id: 'x' }).sql).toBe(
      "SELECT json_extract(d, '$.territoryId') FROM t WHERE id = ?1",
    );
    expect(() => named('SELECT :missing', {})).toThrow(/:missing/);
  });
});
