// Concrete requests for every route of the app, used by the authorization matrix, the audit
// and the fuzzing suites. A route the app serves without a case here makes those suites fail:
// add one (a request that succeeds for an allowed caller, built from a fresh World).
import { env } from 'cloudflare:test';
import { WARNING_CODES } from '../../shared/documents/consistency';
import { app } from '../../worker/app';
import { CSV_TABLE_NAMES } from '../../worker/export/csv-tables';
import { action, blocker, indicator, session, workshop } from './bodies';
import { call, freeWorkshopNumber, makePartner, makeTerritory, roomForTerritories, uid } from './helpers';

export const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** `METHOD /path` for every route handler the app serves (middleware excluded). */
export function appRoutes(): string[] {
  const keys = app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`);
  return [...new Set(keys)].sort();
}

export interface World {
  territory: { id: string; name: string };
  consultant: string;
  other: { id: string; name: string };
  otherConsultant: string;
  viewer: string;
  partnerId: string;
}

async function ok(res: { status: number; body: unknown }, what: string) {
  if (res.status >= 300) throw new Error(`${what} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res;
}

/** A territory with its consultant, another territory with its own, a viewer, a partner. */
export async function makeWorld(): Promise<World> {
  const a = await makeTerritory();
  const b = await makeTerritory();
  const viewer = `${uid('viewer')}@ademe.example`;
  await ok(await call('POST', '/v1/members', { body: { email: viewer, role: 'viewer' } }), 'viewer');
  const partner = await makePartner(a.territory.id);
  return {
    territory: { id: a.territory.id, name: a.territory.name },
    consultant: a.consultant,
    other: { id: b.territory.id, name: b.territory.name },
    otherConsultant: b.consultant,
    viewer,
    partnerId: partner.id,
  };
}

export interface RouteRequest {
  path: string;
  body?: unknown;
}

export interface RouteCase {
  /** Builds a request that an allowed caller can make successfully (fresh ids each time). */
  build: (w: World) => Promise<RouteRequest>;
  /** The write concerns `w.territory`: a consultant of another territory is refused. */
  territoryScoped?: boolean;
  /** The audit line a successful write records; `none` must say why a write leaves none. */
  audit?: { entity: string; action: string } | { none: string };
}

const blockerBody = (w: World) => blocker({ territoryId: w.territory.id });
const indicatorBody = (w: World) =>
  indicator({ territoryId: w.territory.id, periodStart: '2025-03-01', periodEnd: '2025-03-31', value: 420 });
const actionBody = (w: World) => action({ partnerId: w.partnerId });

/** Workshops need a free number and a host territory never used: both fresh each time. */
async function workshopBody(w: World) {
  const number = await freeWorkshopNumber();
  const host = await makeTerritory({ consultants: [w.consultant] });
  return workshop({
    number,
    theme: 'Logistique du dernier kilomètre',
    date: '2025-06-12',
    hostTerritoryId: host.territory.id,
    participants: 18,
    keyFigures: [{ label: 'Livraisons', value: '120', unit: 'par semaine' }],
  });
}

async function created(path: string, body: unknown, what: string): Promise<string> {
  const res = await ok(await call('POST', path, { body }), what);
  const b = res.body as { id?: string; session?: { id: string } };
  return b.session?.id ?? b.id ?? '';
}

/**
 * The four routes of a record of a territory: list, create, read one, patch (a record created
 * afresh for each), each write scoped to the territory and audited.
 */
function recordRoutes(
  plural: string,
  entity: string,
  body: (w: World) => unknown,
  patch: Record<string, unknown>,
): Record<string, RouteCase> {
  const list = `/v1/${plural}`;
  const fresh = async (w: World) => `${list}/${await created(list, await body(w), entity)}`;
  return {
    [`GET ${list}`]: { build: async () => ({ path: list }) },
    [`POST ${list}`]: {
      build: async (w) => ({ path: list, body: await body(w) }),
      territoryScoped: true,
      audit: { entity, action: 'create' },
    },
    [`GET ${list}/:id`]: { build: async (w) => ({ path: await fresh(w) }) },
    [`PATCH ${list}/:id`]: {
      build: async (w) => ({ path: await fresh(w), body: patch }),
      territoryScoped: true,
      audit: { entity, action: 'update' },
    },
  };
}

/** A territory summary of the world's territory, as the admin asks for it; answers its id. */
const summary = (w: World) =>
  created('/v1/documents', { type: 'territory-summary', territoryId: w.territory.id }, 'document');

/** Every consistency rule acknowledged: a fixture's document submits whatever its record lacks. */
const ACK = { acknowledge: [...WARNING_CODES] };

/** The world's territory summary, generated again (a fresh draft) and submitted; answers its id. */
async function submitted(w: World) {
  const id = await summary(w);
  await ok(await call('POST', `/v1/documents/${id}/submit`, { body: ACK }), 'submit');
  return id;
}

/** A session logged by the world's consultant, who is then its author. */
async function authored(w: World): Promise<string> {
  const body = session({ territoryId: w.territory.id, durationMinutes: 30 });
  const res = await ok(await call('POST', '/v1/sessions', { as: w.consultant, body }), 'session');
  return (res.body as { session: { id: string } }).session.id;
}

export const ROUTE_CASES: Record<string, RouteCase> = {
  'GET /v1/health': { build: async () => ({ path: '/v1/health' }) },
  'GET /v1/openapi.json': { build: async () => ({ path: '/v1/openapi.json' }) },
  'GET /v1/me': { build: async () => ({ path: '/v1/me' }) },

  'GET /v1/members': { build: async () => ({ path: '/v1/members' }) },
  'POST /v1/members': {
    build: async () => ({ path: '/v1/members', body: { email: `${uid('m')}@example.org`, role: 'viewer' } }),
    audit: { entity: 'member', action: 'create' },
  },
  'DELETE /v1/members/:email': {
    build: async () => {
      const email = `${uid('gone')}@example.org`;
      await ok(await call('POST', '/v1/members', { body: { email, role: 'viewer' } }), 'member');
      return { path: `/v1/members/${encodeURIComponent(email)}` };
    },
    audit: { entity: 'member', action: 'delete' },
  },

  'GET /v1/programme': { build: async () => ({ path: '/v1/programme' }) },
  'PUT /v1/programme': {
    build: async () => {
      const { body: p } = await call('GET', '/v1/programme');
      const { assessment: _a, ...programme } = p;
      return { path: '/v1/programme', body: { ...programme, warnAtRatio: programme.warnAtRatio } };
    },
    audit: { entity: 'programme', action: 'update' },
  },
  'PUT /v1/programme/assessment': {
    build: async () => ({
      path: '/v1/programme/assessment',
      body: {
        finalCopilMinutes: 'Compte rendu du COPIL final.',
        criticalView: { worked: 'Regard critique.' },
      },
    }),
    audit: { entity: 'programme-assessment', action: 'update' },
  },

  'GET /v1/territories': { build: async () => ({ path: '/v1/territories' }) },
  'POST /v1/territories': {
    build: async () => {
      await roomForTerritories(1);
      return {
        path: '/v1/territories',
        body: {
          name: `Territoire ${uid('t')}`,
          legalForm: 'cc',
          centralCityInsee: '81004',
          consultants: [],
          contacts: [{ name: 'Camille Martin', role: 'Chargée de mobilité', email: 'camille@ville.example' }],
        },
      };
    },
    audit: { entity: 'territory', action: 'create' },
  },
  'GET /v1/territories/:id': { build: async (w) => ({ path: `/v1/territories/${w.territory.id}` }) },
  'PATCH /v1/territories/:id': {
    build: async (w) => ({ path: `/v1/territories/${w.territory.id}`, body: { epciSiren: '200023414' } }),
    audit: { entity: 'territory', action: 'update' },
  },
  'PUT /v1/territories/:id/assessment': {
    build: async (w) => ({
      path: `/v1/territories/${w.territory.id}/assessment`,
      body: { findings: 'Constat.', stakes: 'Enjeux.', recommendations: 'Recommandations.' },
    }),
    territoryScoped: true,
    audit: { entity: 'territory-assessment', action: 'update' },
  },
  'GET /v1/territories/:id/partners': {
    build: async (w) => ({ path: `/v1/territories/${w.territory.id}/partners` }),
  },
  'POST /v1/territories/:id/partners': {
    build: async (w) => {
      // Three partners at most per territory: each call gets a territory of the same consultant.
      const t = await makeTerritory({ consultants: [w.consultant] });
      w.territory = { id: t.territory.id, name: t.territory.name };
      return {
        path: `/v1/territories/${t.territory.id}/partners`,
        body: {
          name: `Partenaire ${uid('p')}`,
          kind: 'care',
          useCase: { category: 'regular-rounds', description: 'Tournées des aides à domicile.' },
        },
      };
    },
    territoryScoped: true,
    audit: { entity: 'partner', action: 'create' },
  },

  'GET /v1/sessions': { build: async () => ({ path: '/v1/sessions' }) },
  'POST /v1/sessions': {
    build: async (w) => ({
      path: '/v1/sessions',
      body: session({ territoryId: w.territory.id, durationMinutes: 30 }),
    }),
    territoryScoped: true,
    audit: { entity: 'session', action: 'create' },
  },
  'PUT /v1/me': {
    build: async () => ({ path: '/v1/me', body: { preferences: { reminders: false } } }),
    audit: { entity: 'preferences', action: 'update' },
  },
  'POST /v1/sessions/validate': {
    build: async (w) => ({
      path: '/v1/sessions/validate',
      body: { rows: [{ row: 2, ...session({ territoryId: w.territory.id, durationMinutes: 30 }) }] },
    }),
    audit: { none: 'a check stores nothing: each row is answered, another territory’s row as refused' },
  },
  'GET /v1/sessions/:id': {
    build: async (w) => ({
      path: `/v1/sessions/${await created('/v1/sessions', session({ territoryId: w.territory.id, durationMinutes: 30 }), 'session')}`,
    }),
  },
  // Corrections are the author's (or an admin's): the world's consultant logs the session.
  'PATCH /v1/sessions/:id': {
    build: async (w) => ({
      path: `/v1/sessions/${await authored(w)}`,
      body: { summary: 'Compte rendu corrigé par son auteur.', durationMinutes: 45 },
    }),
    territoryScoped: true,
    audit: { entity: 'session', action: 'update' },
  },
  'DELETE /v1/sessions/:id': {
    build: async (w) => ({ path: `/v1/sessions/${await authored(w)}` }),
    territoryScoped: true,
    audit: { entity: 'session', action: 'delete' },
  },

  ...recordRoutes('blockers', 'blocker', blockerBody, { status: 'in-progress' }),
  'GET /v1/indicators': { build: async () => ({ path: '/v1/indicators' }) },
  'POST /v1/indicators': {
    build: async (w) => ({ path: '/v1/indicators', body: indicatorBody(w) }),
    territoryScoped: true,
    audit: { entity: 'indicator', action: 'create' },
  },
  ...recordRoutes('workshops', 'workshop', workshopBody, { theme: 'Cyclologistique' }),
  ...recordRoutes('actions', 'action', actionBody, { implementationDelay: '6 mois' }),

  'GET /v1/quotas': { build: async () => ({ path: '/v1/quotas' }) },
  'GET /v1/snapshot': { build: async () => ({ path: '/v1/snapshot' }) },

  // Routes of the documents and nightly-check modules (mounted by their own branches).
  'GET /v1/alerts': { build: async () => ({ path: '/v1/alerts' }) },
  'POST /v1/checks/run': {
    build: async () => ({ path: '/v1/checks/run', body: {} }),
    audit: { none: 'alerts are derived from the record, not part of it' },
  },
  'GET /v1/documents': { build: async () => ({ path: '/v1/documents' }) },
  'POST /v1/documents': {
    build: async (w) => ({
      path: '/v1/documents',
      body: { type: 'territory-summary', territoryId: w.territory.id },
    }),
    territoryScoped: true,
    audit: { entity: 'document', action: 'create' },
  },
  'GET /v1/documents/:id': {
    build: async (w) => ({
      path: `/v1/documents/${await summary(w)}`,
    }),
  },
  'GET /v1/documents/:id/html': {
    build: async (w) => ({
      path: `/v1/documents/${await summary(w)}/html`,
    }),
  },
  'GET /v1/documents/:id/html/signed': {
    build: async (w) => {
      const res = await ok(
        await call('POST', '/v1/documents', {
          body: { type: 'territory-summary', territoryId: w.territory.id },
        }),
        'document',
      );
      const url = new URL((res.body as { url: string }).url);
      return { path: `${url.pathname}${url.search}` };
    },
  },

  'POST /v1/documents/preview': {
    build: async (w) => ({
      path: '/v1/documents/preview',
      body: { type: 'territory-summary', territoryId: w.territory.id },
    }),
    territoryScoped: true,
    audit: { none: 'a preview builds the document without storing anything' },
  },
  'POST /v1/documents/:id/submit': {
    build: async (w) => ({ path: `/v1/documents/${await summary(w)}/submit`, body: ACK }),
    territoryScoped: true,
    audit: { entity: 'document', action: 'update' },
  },
  'POST /v1/documents/:id/validate': {
    build: async (w) => ({ path: `/v1/documents/${await submitted(w)}/validate`, body: {} }),
    audit: { entity: 'document', action: 'update' },
  },
  'POST /v1/documents/:id/request-changes': {
    build: async (w) => ({
      path: `/v1/documents/${await submitted(w)}/request-changes`,
      body: { comment: 'Précisez les recommandations.' },
    }),
    audit: { entity: 'document', action: 'update' },
  },
  'POST /v1/documents/:id/share': {
    build: async (w) => ({
      path: `/v1/documents/${await summary(w)}/share`,
      body: { to: [`${uid('share')}@example.org`], role: 'reader' },
    }),
    territoryScoped: true,
    audit: { entity: 'document', action: 'update' },
  },
  'GET /v1/documents/:id/versions': {
    build: async (w) => ({ path: `/v1/documents/${await summary(w)}/versions` }),
  },
  'GET /v1/documents/:id/versions/:version/html': {
    build: async (w) => {
      const id = await summary(w);
      const { body } = await call('GET', `/v1/documents/${id}`);
      return { path: `/v1/documents/${id}/versions/${(body as { version: number }).version}/html` };
    },
  },
  'GET /v1/documents/:id/versions/:version/html/signed': {
    build: async (w) => {
      const id = await submitted(w);
      const list = await ok(await call('GET', `/v1/documents/${id}/versions`), 'versions');
      // The latest first: the version just submitted, whose frozen HTML is kept.
      const url = new URL((list.body as { versions: { htmlUrl: string }[] }).versions[0]!.htmlUrl);
      return { path: `${url.pathname}${url.search}` };
    },
  },

  // The history of one record, which its readers may ask for (the whole trail: audit-trail.test.ts).
  'GET /v1/audit': {
    build: async (w) => ({ path: `/v1/audit?entity=territory&id=${encodeURIComponent(w.territory.id)}` }),
  },
  'GET /v1/people/:email': {
    build: async (w) => ({ path: `/v1/people/${encodeURIComponent(w.consultant)}` }),
  },
  'POST /v1/people/:email/erase': {
    build: async () => {
      const email = `${uid('erase')}@example.org`;
      await ok(await call('POST', '/v1/members', { body: { email, role: 'viewer' } }), 'member');
      return { path: `/v1/people/${encodeURIComponent(email)}/erase` };
    },
    audit: { entity: 'person', action: 'erase' },
  },

  ...Object.fromEntries(
    CSV_TABLE_NAMES.map((t) => [
      `GET /v1/export/${t}.csv`,
      { build: async () => ({ path: `/v1/export/${t}.csv` }) },
    ]),
  ),
  'GET /v1/export/archive': { build: async () => ({ path: '/v1/export/archive' }) },
  'GET /v1/admin/doctor': { build: async () => ({ path: '/v1/admin/doctor' }) },
  'POST /v1/admin/restore': {
    // This database holds a record: only the check of an archive can succeed here.
    build: async () => {
      const object = `archives/${uid('fixture')}.jsonl`;
      await env.BACKUPS.put(object, String((await call('GET', '/v1/export/archive')).body));
      return { path: '/v1/admin/restore', body: { object, check: true } };
    },
    audit: {
      none: 'a check writes nothing; a restore is logged in `restores`, the restored audit being the archived one',
    },
  },
};
