// The indexes of migration 0010 are the ones the worker's reads use: each read below goes
// through its index (EXPLAIN QUERY PLAN), reading the index alone where it covers the read.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { PARTNER_RULES, TERRITORY_RULES } from '../../shared/quotas/rules';
import { pageEntitiesQuery } from '../../worker/db/entities';
import type { Query } from '../../worker/db/query';
import { pageSessionsQuery } from '../../worker/db/sessions';
import { pageTerritoriesQuery } from '../../worker/db/territories';
import { quotaReportQueries } from '../../worker/quotas/engine';

/** The SQL of a prepared statement (workerd's D1 keeps it as `statement`). */
const sqlOf = (q: Query<unknown>) => (q.statement as unknown as { statement: string }).statement;

async function plan(sql: string, args: unknown[]) {
  const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .bind(...args)
    .all<{ detail: string }>();
  return results.map((r) => r.detail).join(' | ');
}

describe('query plans', () => {
  it('the quota report, the journal, the snapshot pages and the quota checks read through their indexes', async () => {
    const [, territories, partners] = quotaReportQueries(env.DB);
    const territoryKinds = TERRITORY_RULES.map((r) => r.kind);
    const partnerKinds = PARTNER_RULES.map((r) => r.kind);
    const page = { after: ['2025-03-01', 'x', 'y'], limit: 10 };
    const reads: [string, string, unknown[]][] = [
      ['SCAN s USING COVERING INDEX territories_by_name', sqlOf(territories), territoryKinds],
      ['SEARCH u0 USING PRIMARY KEY (kind=? AND subject=?)', sqlOf(territories), territoryKinds],
      ['SCAN s USING COVERING INDEX partners_by_territory', sqlOf(partners), partnerKinds],
      ['SEARCH u0 USING PRIMARY KEY (kind=? AND subject=?)', sqlOf(partners), partnerKinds],
      ['USING INDEX sessions_journal', sqlOf(pageSessionsQuery(env.DB, page)), page.after],
      ['USING INDEX partners_by_territory', sqlOf(pageEntitiesQuery(env.DB, 'partners', page)), page.after],
      [
        'USING INDEX territories_by_name',
        sqlOf(pageTerritoriesQuery(env.DB, { after: ['a', 'b'], limit: 10 })),
        ['a', 'b'],
      ],
      [
        'USING INDEX sessions_live_by_partner',
        'SELECT * FROM sessions WHERE deleted_at IS NULL AND partner_id = ?',
        ['p'],
      ],
      [
        'USING INDEX sessions_live_by_territory (kind=? AND territory_id=?)',
        "SELECT 1 FROM sessions WHERE deleted_at IS NULL AND kind = 'workshop' AND territory_id = ?",
        ['t'],
      ],
      [
        'USING COVERING INDEX partners_by_territory',
        'SELECT COUNT(*) FROM partners WHERE territory_id = ?',
        ['t'],
      ],
    ];
    for (const [index, sql, args] of reads) {
      const detail = await plan(sql, args);
      expect(detail, sql).toContain(index);
      // The quota report's reads sort what they aggregate (a few thousand short tuples, once
      // per answer) to fix the order of their JSON arrays; nothing else sorts in a temp B-tree.
      expect(detail.replace('USE TEMP B-TREE FOR json_group_array', ''), sql).not.toContain('TEMP B-TREE');
    }
  });
});
