import * as z from 'zod/mini';
import { Snapshot } from '../../shared/api/snapshot';
import { MSG } from '../../shared/i18n/messages';
import { nf } from '../../shared/i18n/typography';
import { adminEmails } from '../auth/access';
import { ALL } from '../auth/policy';
import { LIST_ORDER, pageEntitiesQuery, present } from '../db/entities';
import { listMembersQuery, listPeopleQuery } from '../db/members';
import { getProgrammeQuery, storedProgrammeQuery } from '../db/programme';
import { type Page, type PageRequest, type Query, type Results, runQueries } from '../db/query';
import {
  type ActionData,
  type PartnerData,
  presentAction,
  presentPartner,
  RECORD_TABLES,
} from '../db/records';
import { pageSessionsQuery, SESSION_ORDER } from '../db/sessions';
import { pageTerritoriesQuery, TERRITORY_ORDER, type Territory } from '../db/territories';
import { listDocumentsQuery, presentDocument } from '../documents/store';
import type { User } from '../env';
import { decodeToken, encodeToken } from '../http/base64url';
import { ApiError, fieldError } from '../http/errors';
import { type Ctx, route } from '../http/route';
import { myRemindersQuery } from '../nightly/my-reminders';
import { lastRunQuery, listAlertsQuery, OPEN_ALERTS, presentRun } from '../nightly/store';
import { assembleQuotaReport, quotaReportQueries } from '../quotas/engine';
import { territoryFor } from './context';
import { memberList } from './members';
import { presentProgramme } from './programme';
import { meReads } from './system';

/**
 * GET /v1/snapshot: what the spreadsheet's tabs mirror, in one response and one D1 batch, so
 * that the add-on rebuilds every tab with a single UrlFetch. Each part holds exactly what its
 * own list route answers without filters (contacts' details as the caller may read them);
 * `?parts=` asks for a subset, and the lists that grow come a page at a time (`next`, `cursor`).
 */
/** The lists that grow with the programme: answered a page at a time (keyset, see db/query.ts). */
const PAGED = RECORD_TABLES;
type Paged = (typeof PAGED)[number];
/** Each paged list's order key: a cursor continues after one key of exactly these columns. */
const ORDER: Record<Paged, readonly string[]> = {
  ...LIST_ORDER,
  territories: TERRITORY_ORDER,
  sessions: SESSION_ORDER,
};
/** What a snapshot without `parts` holds: the lists the tabs mirror. */
const MIRRORED = [...PAGED, 'quotas', 'alerts', 'documents'] as const;
/**
 * `me` and `programme` on request: a sidebar opening cold reads them with its lists, in one
 * request; `people` (the members' display names) for the tabs and sidebars that name people.
 */
export const PARTS = [...MIRRORED, 'me', 'programme', 'people', 'members', 'reminders'] as const;
export type Part = (typeof PARTS)[number];
type Key = (string | number)[];

/** A page size far above a programme of normal size (10 territories hold a few hundred sessions). */
export const DEFAULT_PAGE = 5000;
const MAX_PAGE = 10_000;

interface Piece {
  queries: readonly Query<unknown>[];
  answer: (results: unknown[]) => { body: object; after?: Key | null };
}

/** Keeps each piece's reads and its answer typed together; the batch only sees statements. */
const piece = <const Q extends readonly Query<unknown>[]>(
  queries: Q,
  answer: (r: Results<Q>) => { body: object; after?: Key | null },
): Piece => ({ queries, answer: answer as Piece['answer'] });

/** A paged list: its page under its name, and where the next page starts. */
const paged = <T>(name: Paged, q: Query<Page<T>>, show: (t: T) => unknown) =>
  piece([q], ([page]) => ({ body: { [name]: page.items.map(show) }, after: page.after }));

interface Reader {
  db: D1Database;
  user: User;
  /** The admins of ADMIN_EMAILS (the `members` part lists them). */
  admins: ReadonlySet<string>;
  page: (part: Paged) => PageRequest;
  territory: (t: Territory) => object;
}

const PIECES: Record<Part, (r: Reader) => Piece> = {
  territories: (r) => paged('territories', pageTerritoriesQuery(r.db, r.page('territories')), r.territory),
  partners: (r) =>
    paged('partners', pageEntitiesQuery<PartnerData>(r.db, 'partners', r.page('partners')), presentPartner),
  sessions: (r) => paged('sessions', pageSessionsQuery(r.db, r.page('sessions')), (s) => s),
  blockers: (r) =>
    paged('blockers', pageEntitiesQuery<object>(r.db, 'blockers', r.page('blockers')), present),
  indicators: (r) =>
    paged('indicators', pageEntitiesQuery<object>(r.db, 'indicators', r.page('indicators')), present),
  workshops: (r) =>
    paged('workshops', pageEntitiesQuery<object>(r.db, 'workshops', r.page('workshops')), present),
  actions: (r) =>
    paged('actions', pageEntitiesQuery<ActionData>(r.db, 'actions', r.page('actions')), presentAction),
  quotas: ({ db }) =>
    piece([getProgrammeQuery(db), ...quotaReportQueries(db)], ([p, ...inputs]) => ({
      body: { quotas: assembleQuotaReport(p, inputs) },
    })),
  alerts: ({ db }) =>
    piece([listAlertsQuery(db, OPEN_ALERTS), lastRunQuery(db)], ([alerts, run]) => ({
      body: { alerts, lastRun: presentRun(run) },
    })),
  documents: ({ db }) =>
    piece([listDocumentsQuery(db)], ([d]) => ({ body: { documents: d.map(presentDocument) } })),
  me: ({ db, user }) => {
    const { queries, answer } = meReads(db, user);
    return piece(queries, (r) => ({ body: { me: answer(r) } }));
  },
  people: ({ db }) => piece([listPeopleQuery(db)], ([people]) => ({ body: { people } })),
  // As GET /v1/members: admins only (« Membres » reads it with the territories, in one request).
  members: ({ db, user, admins }) => {
    if (user.role !== 'admin') throw new ApiError('FORBIDDEN', MSG.adminOnlyRead);
    return piece([listMembersQuery(db)], ([stored]) => ({ body: { members: memberList(stored, admins) } }));
  },
  programme: ({ db }) =>
    piece([storedProgrammeQuery(db)], ([p]) => ({ body: { programme: presentProgramme(p) } })),
  reminders: ({ db, user }) =>
    piece([myRemindersQuery(db, user.email)], ([r]) => ({ body: { reminders: r } })),
};

function requestedParts(text: string | undefined): Part[] {
  if (text === undefined) return [...MIRRORED];
  const names = [...new Set(text.split(',').map((s) => s.trim()))].filter(Boolean);
  if (names.length === 0) throw fieldError('parts', MSG.partsExpected(PARTS));
  const unknown = names.filter((n) => !(PARTS as readonly string[]).includes(n));
  if (unknown.length) throw fieldError('parts', MSG.unknownParts(unknown, PARTS));
  return PARTS.filter((p) => names.includes(p));
}

/**
 * `?cursor=`: the lists still to read and the order key each continues after, one value per
 * column of the list's order (a key of another shape would bind the wrong number of values).
 */
function readCursor(text: string): Partial<Record<Paged, Key>> {
  const parsed = decodeToken(text);
  const entries =
    parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? Object.entries(parsed) : [];
  const valid = (k: string, v: unknown) =>
    (PAGED as readonly string[]).includes(k) &&
    Array.isArray(v) &&
    v.length === ORDER[k as Paged].length &&
    v.every((x) => typeof x === 'string' || typeof x === 'number');
  if (entries.length === 0 || !entries.every(([k, v]) => valid(k, v)))
    throw fieldError('cursor', MSG.badCursor);
  return Object.fromEntries(entries) as Partial<Record<Paged, Key>>;
}

function pageSize(text: string | undefined): number {
  if (text === undefined) return DEFAULT_PAGE;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1 || n > MAX_PAGE)
    throw fieldError('limit', MSG.integerBetween('Taille de page', MAX_PAGE));
  return n;
}

const SNAPSHOT_SUMMARY =
  'Tout ce que les onglets du classeur reflètent, en une réponse. parts : liste séparée par des virgules parmi ' +
  'territories, partners, sessions, blockers, indicators, workshops, actions, quotas, alerts, documents (toutes par défaut), ' +
  'et sur demande me (comme GET /v1/me), programme (comme GET /v1/programme), people (les membres ' +
  'dont le nom est connu : e-mail et nom), reminders (ce qui est attendu de l’appelant à ce jour : les rappels ' +
  'du contrôle nocturne, et s’il les reçoit par courriel) et, pour les administrateurs, members (comme GET /v1/members). ' +
  `Les listes territories à actions sont paginées : au plus limit éléments chacune (${nf(DEFAULT_PAGE)} par défaut, ` +
  `${nf(MAX_PAGE)} au plus) ; une liste coupée ajoute next à la réponse, et GET /v1/snapshot?cursor=<next> ` +
  'renvoie la suite des seules listes coupées, jusqu’à une réponse sans next';

/** Each requested part's reads, all in one D1 batch; each part answers from its own results. */
async function readSnapshot(c: Ctx, { query }: { query: z.infer<typeof PARTS_QUERY> }) {
  const db = c.env.DB;
  const cursor = query.cursor === undefined ? null : readCursor(query.cursor);
  const parts = cursor ? PAGED.filter((p) => cursor[p]) : requestedParts(query.parts);
  const limit = pageSize(query.limit);
  const reader: Reader = {
    db,
    user: c.get('user'),
    admins: adminEmails(c.env),
    page: (part) => ({ after: cursor?.[part] ?? null, limit }),
    territory: territoryFor(c),
  };
  const pieces = parts.map((part) => ({ part, piece: PIECES[part](reader) }));
  const results = await runQueries(
    db,
    pieces.flatMap((p) => p.piece.queries),
  );
  let at = 0;
  const body: Record<string, unknown> = {};
  const next: Partial<Record<Part, Key>> = {};
  for (const { part, piece } of pieces) {
    const answer = piece.answer(results.slice(at, at + piece.queries.length));
    Object.assign(body, answer.body);
    if (answer.after) next[part] = answer.after;
    at += piece.queries.length;
  }
  if (Object.keys(next).length) body.next = encodeToken(next);
  return c.json(body);
}

const PARTS_QUERY = z.object({
  parts: z.optional(z.string()),
  limit: z.optional(z.string()),
  cursor: z.optional(z.string()),
});

export const snapshotRoutes = [
  route('GET /v1/snapshot', ALL, SNAPSHOT_SUMMARY, Snapshot, readSnapshot, { query: PARTS_QUERY }),
];
