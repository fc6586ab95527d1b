// @ts-check
// The demo programme (scripts/demo/demo.json): ten real Occitanie territories (central cities
// over 4,500 inhabitants), 1–3 partners each and some months of sessions, blockers,
// indicators, workshops and actions. Every record has a fixed id and a fixed body, so a
// second run replays (200) and adds nothing.
import { readFileSync } from 'node:fs';
import { client } from './lib.mjs';

/**
 * @typedef {Record<string, unknown>} Body
 * @typedef {Body & { id: string; partners: Body[]; assessment?: Body }} DemoTerritory
 * @typedef {{ programme: Body; members: Body[]; territories: DemoTerritory[]; sessions: Body[];
 *   indicators: Body[]; actions: Body[]; blockers: Body[]; workshops: Body[]; programmeAssessment: Body }} Demo
 */

/** @type {Demo} */
export const DEMO = JSON.parse(readFileSync(new URL('./demo/demo.json', import.meta.url), 'utf8'));

/** What each list of the demo is posted to, in an order that respects references. */
const COLLECTIONS = /** @type {const} */ ([
  ['sessions', '/v1/sessions'],
  ['indicators', '/v1/indicators'],
  ['actions', '/v1/actions'],
  ['blockers', '/v1/blockers'],
  ['workshops', '/v1/workshops'],
]);

/**
 * Writes the demo through the API as `admin`; returns a French one-line summary.
 * @param {string} base
 * @param {string} admin
 */
export async function seedDemo(base, admin) {
  const api = client(base, admin);
  const tally = { created: 0, replayed: 0, updated: 0 };
  /** @param {'POST' | 'PUT'} method @param {string} path @param {unknown} body */
  const send = async (method, path, body) => {
    const res = await api(method, path, body);
    if (res.status === 201) tally.created++;
    else if (res.status === 200) tally[method === 'POST' ? 'replayed' : 'updated']++;
    else throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(res.body)}`);
  };
  // The preset programme, with the demo's contractor (named on every document).
  const { assessment: _a, ...programme } = (await api('GET', '/v1/programme')).body;
  await send('PUT', '/v1/programme', { ...programme, ...DEMO.programme });
  for (const member of DEMO.members) await send('POST', '/v1/members', member);
  for (const { partners, assessment, ...territory } of DEMO.territories) {
    await send('POST', '/v1/territories', territory);
    for (const partner of partners) await send('POST', `/v1/territories/${territory.id}/partners`, partner);
    if (assessment) await send('PUT', `/v1/territories/${territory.id}/assessment`, assessment);
  }
  for (const [list, path] of COLLECTIONS) for (const body of DEMO[list]) await send('POST', path, body);
  await send('PUT', '/v1/programme/assessment', DEMO.programmeAssessment);
  // Run the nightly check once so the demo shows alerts (same alerts on every start).
  const check = await api('POST', '/v1/checks/run', {});
  const alerts = await api('GET', '/v1/alerts?status=open');
  const alertCount =
    check.status === 200
      ? `${alerts.body?.alerts?.length ?? 0} alertes ouvertes`
      : 'contrôle nocturne non lancé';
  return `${DEMO.territories.length} territoires, ${DEMO.sessions.length} séances, ${alertCount} (${tally.created} enregistrements créés, ${tally.replayed} déjà présents)`;
}
