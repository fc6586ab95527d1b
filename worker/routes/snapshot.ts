import * as z from 'zod/mini';
import { ALL } from '../auth/policy';
import { listEntitiesQuery, present } from '../db/entities';
import { getProgrammeQuery } from '../db/programme';
import { type Query, type Results, runQueries } from '../db/query';
import { type ActionData, type PartnerData, presentAction, presentPartner } from '../db/records';
import { listSessionsQuery } from '../db/sessions';
import { listTerritoriesQuery, presentTerritory } from '../db/territories';
import { listDocumentsQuery, presentDocument } from '../documents/store';
import { fieldError } from '../http/errors';
import { type Ctx, route } from '../http/route';
import { lastRunQuery, listAlertsQuery, OPEN_ALERTS, presentRun } from '../nightly/store';
import { assembleQuotaReport, quotaReportQueries } from '../quotas/engine';

/**
 * GET /v1/snapshot: what the spreadsheet's tabs mirror, in one response and one D1 batch, so
 * that the add-on rebuilds every tab with a single UrlFetch. Each part holds exactly what its
 * own list route answers without filters; `?parts=` asks for a subset.
 */
export const PARTS = [
  'territories',
  'partners',
  'sessions',
  'blockers',
  'indicators',
  'workshops',
  'actions',
  'quotas',
  'alerts',
  'documents',
] as const;
export type Part = (typeof PARTS)[number];

interface Piece {
  queries: readonly Query<unknown>[];
  answer: (results: unknown[]) => object;
}

/** Keeps each piece's reads and its answer typed together; the batch only sees statements. */
const piece = <const Q extends readonly Query<unknown>[]>(
  queries: Q,
  answer: (r: Results<Q>) => object,
): Piece => ({
  queries,
  answer: answer as (results: unknown[]) => object,
});

/** Lists their routes answer with the stored body as is. */
const plain = (db: D1Database, table: 'blockers' | 'indicators' | 'workshops') =>
  piece([listEntitiesQuery<object>(db, table, {})], ([rows]) => ({ [table]: rows.map((r) => present(r)) }));

const PIECES: Record<Part, (db: D1Database) => Piece> = {
  territories: (db) => piece([listTerritoriesQuery(db)], ([t]) => ({ territories: t.map(presentTerritory) })),
  partners: (db) =>
    piece([listEntitiesQuery<PartnerData>(db, 'partners', {})], ([p]) => ({
      partners: p.map(presentPartner),
    })),
  sessions: (db) => piece([listSessionsQuery(db, {})], ([sessions]) => ({ sessions })),
  blockers: (db) => plain(db, 'blockers'),
  indicators: (db) => plain(db, 'indicators'),
  workshops: (db) => plain(db, 'workshops'),
  actions: (db) =>
    piece([listEntitiesQuery<ActionData>(db, 'actions', {})], ([a]) => ({ actions: a.map(presentAction) })),
  quotas: (db) =>
    piece([getProgrammeQuery(db), ...quotaReportQueries(db)], ([p, ...inputs]) => ({
      quotas: assembleQuotaReport(p, inputs),
    })),
  alerts: (db) =>
    piece([listAlertsQuery(db, OPEN_ALERTS), lastRunQuery(db)], ([alerts, run]) => ({
      alerts,
      lastRun: presentRun(run),
    })),
  documents: (db) => piece([listDocumentsQuery(db)], ([d]) => ({ documents: d.map(presentDocument) })),
};

function requestedParts(text: string | undefined): Part[] {
  if (text === undefined) return [...PARTS];
  const names = [...new Set(text.split(',').map((s) => s.trim()))].filter(Boolean);
  if (names.length === 0) throw fieldError('parts', `Au moins une partie attendue : ${PARTS.join(', ')}.`);
  const unknown = names.filter((n) => !(PARTS as readonly string[]).includes(n));
  if (unknown.length)
    throw fieldError(
      'parts',
      `Partie inconnue : ${unknown.map((n) => `« ${n} »`).join(', ')}. Parties possibles : ${PARTS.join(', ')}.`,
    );
  return PARTS.filter((p) => names.includes(p));
}

const SNAPSHOT_SUMMARY =
  'Tout ce que les onglets du classeur reflètent, en une réponse (parts : liste séparée par des virgules parmi ' +
  'territories, partners, sessions, blockers, indicators, workshops, actions, quotas, alerts, documents ; toutes par défaut)';

/** Each requested part's reads, all in one D1 batch; each part answers from its own results. */
async function readSnapshot(c: Ctx, { query }: { query: { parts?: string } }) {
  const db = c.env.DB;
  const pieces = requestedParts(query.parts).map((part) => PIECES[part](db));
  const results = await runQueries(
    db,
    pieces.flatMap((p) => p.queries),
  );
  let at = 0;
  const body: Record<string, unknown> = {};
  for (const p of pieces) {
    Object.assign(body, p.answer(results.slice(at, at + p.queries.length)));
    at += p.queries.length;
  }
  return c.json(body);
}

const PARTS_QUERY = z.object({ parts: z.optional(z.string()) });

export const snapshotRoutes = [
  route('GET /v1/snapshot', ALL, SNAPSHOT_SUMMARY, { query: PARTS_QUERY }, readSnapshot),
];
