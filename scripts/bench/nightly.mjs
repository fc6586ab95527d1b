// @ts-check
// The nightly check at the tender's scale and far beyond it: 1,000 territories, 3,000
// partners, 100,000 sessions (plus blockers, actions and indicator values) written straight
// into a local D1 by a few set-based INSERT … WITH RECURSIVE statements, then
// POST /v1/checks/run on the production bundle (wrangler's dry-run build) in workerd. Reports
// the run's time and its SQL statements as the run itself recorded them.
import { ADMIN, round, startBenchWorker, stats } from './_worker.mjs';

const AS_OF = '2025-12-15';
const startWorker = () => startBenchWorker();

/** @typedef {{ territories: number; partnersPer: number; sessions: number }} Scale */

const range = (/** @type {number} */ n) =>
  `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${n} - 1)`;

/**
 * T territories, P partners each, S sessions spread over them (a quarter partner supports,
 * the rest diagnostics, collective supports and interviews, March to November 2025, so many
 * quotas end up over their limit: the worst case for the alert writes), one blocker per
 * territory (half stale), one action per partner and a recent value for every other partner.
 */
/** @param {import('../local-worker.mjs').D1} db @param {Scale} scale */
function seedStatements(db, { territories: T, partnersPer: P, sessions: S }) {
  const at = '2025-06-01T08:00:00.000Z';
  const city = JSON.stringify({ insee: '81004', name: 'Albi', population: 51290, departement: '81' });
  return [
    `INSERT INTO territories (id, name, data, central_city, body_hash, created_at, created_by, updated_at, updated_by)
      ${range(T)} SELECT 't' || i, 'Territoire ' || i,
        json_object('name', 'Territoire ' || i, 'legalForm', 'ca', 'centralCityInsee', '81004',
          'consultants', json_array(), 'contacts', json_array()),
        '${city}', 'seed', '${at}', '${ADMIN}', '${at}', '${ADMIN}' FROM n`,
    `INSERT INTO partners (id, territory_id, name, data, body_hash, created_at, created_by, updated_at, updated_by)
      ${range(T * P)} SELECT 't' || (i / ${P}) || '-p' || (i % ${P}), 't' || (i / ${P}), 'Partenaire ' || i,
        json_object('territoryId', 't' || (i / ${P}), 'name', 'Partenaire ' || i, 'kind', 'company',
          'useCase', json_object('category', 'commute', 'description', 'Essai.')),
        'seed', '${at}', '${ADMIN}', '${at}', '${ADMIN}' FROM n`,
    `INSERT INTO sessions (id, kind, territory_id, partner_id, date, month, duration_minutes, data, body_hash, created_at, created_by)
      SELECT id, kind, territory, partner, date, substr(date, 1, 7), 60,
        json_object('kind', kind, 'territoryId', territory, 'partnerId', partner, 'date', date,
          'durationMinutes', 60, 'mode', 'remote', 'participants', 3, 'summary', 'Séance de référence.'),
        'seed', '${at}', '${ADMIN}'
      FROM (${range(S)} SELECT 's' || i AS id,
          CASE WHEN i % 4 = 3 THEN 'partner-support'
            ELSE CASE i % 3 WHEN 0 THEN 'diagnostic' WHEN 1 THEN 'collective-support' ELSE 'territory-interview' END
          END AS kind,
          't' || (i % ${T}) AS territory,
          CASE WHEN i % 4 = 3 THEN 't' || (i % ${T}) || '-p' || (i % ${P}) END AS partner,
          '2025-' || printf('%02d', 3 + i % 9) || '-' || printf('%02d', 1 + i % 28) AS date
        FROM n)`,
    `INSERT INTO blockers (id, territory_id, partner_id, status, data, body_hash, created_at, created_by, updated_at, updated_by)
      ${range(T)} SELECT 'b' || i, 't' || i, NULL, 'open',
        json_object('territoryId', 't' || i, 'category', 'parking', 'title', 'Verrou ' || i,
          'description', 'Stationnement.', 'owner', 'territory', 'status', 'open'),
        'seed', '${at}', '${ADMIN}', CASE WHEN i % 2 = 1 THEN '${at}' ELSE '2025-12-01T08:00:00.000Z' END, '${ADMIN}' FROM n`,
    `INSERT INTO actions (id, partner_id, territory_id, data, body_hash, created_at, created_by, updated_at, updated_by)
      ${range(T * P)} SELECT 'a' || i, 't' || (i / ${P}) || '-p' || (i % ${P}), 't' || (i / ${P}),
        json_object('title', 'Action ' || i, 'description', 'Essai.', 'actors', 'Partenaire',
          'implementationDelay', '3 mois', 'blockers', 'Aucun',
          'reproducibility', json_object('ease', 2, 'duplicationPotential', 2, 'actorsInvolved', 2)),
        'seed', '${at}', '${ADMIN}', '${at}', '${ADMIN}' FROM n`,
    `INSERT INTO indicators (id, territory_id, partner_id, period_end, data, body_hash, created_at, created_by)
      ${range(T * P)} SELECT 'i' || i, 't' || (i / ${P}), 't' || (i / ${P}) || '-p' || (i % ${P}), '2025-11-30',
        json_object('indicator', 'users', 'unit', 'personnes', 'periodStart', '2025-11-01',
          'periodEnd', '2025-11-30', 'value', 12),
        'seed', '${at}', '${ADMIN}' FROM n WHERE i % 2 = 0`,
  ].map((sql) => db.prepare(sql));
}

/** @param {Scale} scale */
async function checkAt(scale) {
  const w = await startWorker();
  try {
    const seedStart = performance.now();
    for (const statement of seedStatements(w.db, scale)) await statement.run();
    const seedMs = performance.now() - seedStart;
    const runs = [];
    const times = [];
    for (let i = 0; i < 4; i++) {
      const start = performance.now();
      const res = await w.request('POST', '/v1/checks/run', { asOf: AS_OF });
      times.push(performance.now() - start);
      if (res.status !== 200 || !res.body.run.ok)
        throw new Error(`check answered ${res.status}: ${JSON.stringify(res.body)}`);
      runs.push(res.body.run);
    }
    const [first, ...again] = runs;
    return {
      ...scale,
      seedMs: round(seedMs),
      checked: first.checked,
      firstRunMs: round(times[0] ?? NaN),
      // Later runs find the same alerts: upserts that update, nothing opened or resolved.
      repeatRunMedianMs: stats(times.slice(1)).median,
      statements: first.statements,
      statementsRepeat: again.map((r) => r.statements),
      alerts: first.alerts,
      alertsRepeat: again.at(-1).alerts,
    };
  } finally {
    await w.stop();
  }
}

export async function run() {
  const small = await checkAt({ territories: 10, partnersPer: 3, sessions: 1000 });
  const large = await checkAt({ territories: 1000, partnersPer: 3, sessions: 100000 });
  for (const r of [small, large]) {
    console.log(
      `nightly check, ${r.territories} territories / ${r.territories * r.partnersPer} partners / ${r.sessions} sessions ` +
        `(seeded in ${r.seedMs} ms): first run ${r.firstRunMs} ms, ${r.alerts.opened} alerts opened; ` +
        `repeat median ${r.repeatRunMedianMs} ms (${r.alertsRepeat.opened} opened, ${r.alertsRepeat.resolved} resolved); ` +
        `${r.statements} SQL statements (repeats: ${r.statementsRepeat.join(', ')}; goal ≤ 20)`,
    );
  }
  return { asOf: AS_OF, small, large, goalStatements: 20 };
}
