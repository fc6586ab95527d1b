// Concrete requests for every route of the app, used by the authorization matrix, the audit
// and the fuzzing suites. A route the app serves without a case here makes those suites fail:
// add one (a request that succeeds for an allowed caller, built from a fresh World).
import { env } from 'cloudflare:test';
import { app } from '../../worker/app';
import { call, makePartner, makeTerritory, session, uid } from './helpers';

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

const blockerBody = (w: World) => ({
  territoryId: w.territory.id,
  category: 'cost',
  title: 'Coût des vélos cargos',
  description: 'Le coût d’acquisition freine les partenaires.',
  owner: 'territory',
});
const indicatorBody = (w: World) => ({
  territoryId: w.territory.id,
  indicator: 'km',
  unit: 'km',
  periodStart: '2025-03-01',
  periodEnd: '2025-03-31',
  value: 420,
});
const actionBody = (w: World) => ({
  partnerId: w.partnerId,
  title: 'Flotte de vélos cargos',
  description: 'Mise à disposition de trois vélos cargos.',
  actors: 'Entreprise, collectivité',
  implementationDelay: '3 mois',
  blockers: 'Stationnement sécurisé',
  reproducibility: { ease: 2, duplicationPotential: 3, actorsInvolved: 2 },
});

/** Workshops need a free number and a host territory never used: both fresh each time. */
async function workshopBody(w: World) {
  const { body: p } = await call('GET', '/v1/programme');
  const { assessment: _a, ...programme } = p;
  if (programme.quotas.workshopsTotal < 100) {
    await ok(
      await call('PUT', '/v1/programme', {
        body: { ...programme, quotas: { ...programme.quotas, workshopsTotal: 100 } },
      }),
      'programme',
    );
  }
  const row = await env.DB.prepare('SELECT COALESCE(MAX(number), 0) AS n FROM workshops').first<{
    n: number;
  }>();
  const host = await makeTerritory({ consultants: [w.consultant] });
  return {
    number: Number(row?.n ?? 0) + 1,
    theme: 'Logistique du dernier kilomètre',
    date: '2025-06-12',
    hostTerritoryId: host.territory.id,
    participants: 18,
    problem: 'Livrer en centre-ville sans camionnette.',
    blockersAndSolutions: 'Stationnement : aires dédiées.',
    actors: 'Commerçants, collectivité, transporteurs',
    examplesAndContacts: 'Exemple de Toulouse.',
    keyFigures: [{ label: 'Livraisons', value: '120', unit: 'par semaine' }],
  };
}

async function created(path: string, body: unknown, what: string): Promise<string> {
  const res = await ok(await call('POST', path, { body }), what);
  const b = res.body as { id?: string; session?: { id: string } };
  return b.session?.id ?? b.id ?? '';
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
      body: { finalCopilMinutes: 'Compte rendu du COPIL final.', criticalView: 'Regard critique.' },
    }),
    audit: { entity: 'programme-assessment', action: 'update' },
  },

  'GET /v1/territories': { build: async () => ({ path: '/v1/territories' }) },
  'POST /v1/territories': {
    build: async () => {
      const { body: p } = await call('GET', '/v1/programme');
      const n = await env.DB.prepare('SELECT COUNT(*) AS n FROM territories').first<{ n: number }>();
      const { assessment: _a, ...programme } = p;
      if (Number(n?.n ?? 0) + 1 > programme.maxTerritories)
        await call('PUT', '/v1/programme', { body: { ...programme, maxTerritories: Number(n?.n ?? 0) + 5 } });
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

  'GET /v1/blockers': { build: async () => ({ path: '/v1/blockers' }) },
  'POST /v1/blockers': {
    build: async (w) => ({ path: '/v1/blockers', body: blockerBody(w) }),
    territoryScoped: true,
    audit: { entity: 'blocker', action: 'create' },
  },
  'GET /v1/blockers/:id': {
    build: async (w) => ({
      path: `/v1/blockers/${await created('/v1/blockers', blockerBody(w), 'blocker')}`,
    }),
  },
  'PATCH /v1/blockers/:id': {
    build: async (w) => ({
      path: `/v1/blockers/${await created('/v1/blockers', blockerBody(w), 'blocker')}`,
      body: { status: 'in-progress' },
    }),
    territoryScoped: true,
    audit: { entity: 'blocker', action: 'update' },
  },

  'GET /v1/indicators': { build: async () => ({ path: '/v1/indicators' }) },
  'POST /v1/indicators': {
    build: async (w) => ({ path: '/v1/indicators', body: indicatorBody(w) }),
    territoryScoped: true,
    audit: { entity: 'indicator', action: 'create' },
  },

  'GET /v1/workshops': { build: async () => ({ path: '/v1/workshops' }) },
  'POST /v1/workshops': {
    build: async (w) => ({ path: '/v1/workshops', body: await workshopBody(w) }),
    territoryScoped: true,
    audit: { entity: 'workshop', action: 'create' },
  },
  'GET /v1/workshops/:id': {
    build: async (w) => ({
      path: `/v1/workshops/${await created('/v1/workshops', await workshopBody(w), 'workshop')}`,
    }),
  },
  'PATCH /v1/workshops/:id': {
    build: async (w) => ({
      path: `/v1/workshops/${await created('/v1/workshops', await workshopBody(w), 'workshop')}`,
      body: { theme: 'Cyclologistique' },
    }),
    territoryScoped: true,
    audit: { entity: 'workshop', action: 'update' },
  },

  'GET /v1/actions': { build: async () => ({ path: '/v1/actions' }) },
  'POST /v1/actions': {
    build: async (w) => ({ path: '/v1/actions', body: actionBody(w) }),
    territoryScoped: true,
    audit: { entity: 'action', action: 'create' },
  },
  'GET /v1/actions/:id': {
    build: async (w) => ({ path: `/v1/actions/${await created('/v1/actions', actionBody(w), 'action')}` }),
  },
  'PATCH /v1/actions/:id': {
    build: async (w) => ({
      path: `/v1/actions/${await created('/v1/actions', actionBody(w), 'action')}`,
      body: { implementationDelay: '6 mois' },
    }),
    territoryScoped: true,
    audit: { entity: 'action', action: 'update' },
  },

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
      path: `/v1/documents/${await created('/v1/documents', { type: 'territory-summary', territoryId: w.territory.id }, 'document')}`,
    }),
  },
  'GET /v1/documents/:id/html': {
    build: async (w) => ({
      path: `/v1/documents/${await created('/v1/documents', { type: 'territory-summary', territoryId: w.territory.id }, 'document')}/html`,
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

  'GET /v1/audit': { build: async () => ({ path: '/v1/audit?limit=5' }) },
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
};
