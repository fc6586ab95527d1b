import { describe, expect, it } from 'vitest';
import { CSV_TABLES, type Names } from '../../worker/export/csv-tables';

/** Names that fail the test when a column reads them. */
const UNREADABLE: Names = new Proxy({} as Names, {
  get: (_t, key) => {
    throw new Error(`a column read the ${String(key)} names`);
  },
});

describe('CSV export: tables marked withoutNames never show a name', () => {
  it('their columns read no territory or partner name (the export skips that read for them)', () => {
    const marked = CSV_TABLES.filter((t) => t.withoutNames).map((t) => t.table);
    expect(marked).toEqual(['territories', 'alerts', 'audit']);
    const row = { territory_id: 't1', partner_id: 'p1', host_territory_id: 't1' };
    for (const t of CSV_TABLES.filter((x) => x.withoutNames))
      for (const [header, value] of t.columns)
        expect(() => value({ row, data: {} }, UNREADABLE), `${t.table}: ${header}`).not.toThrow();
  });
});
