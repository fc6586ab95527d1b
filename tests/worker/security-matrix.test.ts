import { describe, expect, it } from 'vitest';
import { MSG } from '../../shared/i18n/messages';
import type { Role } from '../../shared/schemas/enums';
import { POLICY } from '../../worker/auth/policy';
import { ADMIN, call, counts, uid } from './helpers';
import { plain } from './plain';
import { appRoutes, makeWorld, ROUTE_CASES, type World, WRITE_METHODS } from './security-fixtures';

type Caller = 'admin' | 'consultant' | 'otherConsultant' | 'viewer' | 'nonMember' | 'anonymous';
const CALLERS: Caller[] = ['admin', 'consultant', 'otherConsultant', 'viewer', 'nonMember', 'anonymous'];
const ROLE_OF: Record<Caller, Role | null> = {
  admin: 'admin',
  consultant: 'consultant',
  otherConsultant: 'consultant',
  viewer: 'viewer',
  nonMember: null,
  anonymous: null,
};

const emailOf = (w: World, who: Caller): string | null =>
  ({
    admin: ADMIN,
    consultant: w.consultant,
    otherConsultant: w.otherConsultant,
    viewer: w.viewer,
    nonMember: `${uid('stranger')}@example.org`,
    anonymous: null,
  })[who];

/** What the policy table (and, for writes on a territory, its consultants list) implies. */
function expected(route: string, who: Caller): 'ok' | 401 | 403 {
  const rule = POLICY[route];
  if (rule === 'public') return 'ok';
  if (who === 'anonymous') return 401;
  const role = ROLE_OF[who];
  if (!role || !rule?.includes(role)) return 403;
  const method = route.split(' ')[0] ?? '';
  if (who === 'otherConsultant' && WRITE_METHODS.has(method) && ROUTE_CASES[route]?.territoryScoped)
    return 403;
  return 'ok';
}

describe('authorization matrix: every route × every kind of caller', () => {
  const routes = appRoutes();

  it('the app serves the routes of the contract (the matrix is not empty)', () => {
    expect(routes.length).toBeGreaterThanOrEqual(35);
    expect(routes).toContain('POST /v1/sessions');
    expect(routes).toContain('GET /v1/audit');
  });

  it('every route the app serves has a rule in the policy table', () => {
    const missing = routes.filter((r) => POLICY[r] === undefined);
    expect(missing, 'routes without a POLICY rule in worker/auth/policy.ts').toEqual([]);
  });

  it('every route the app serves has a request in the matrix fixtures', () => {
    const missing = routes.filter((r) => ROUTE_CASES[r] === undefined);
    expect(missing, 'routes without a case in tests/worker/security-fixtures.ts').toEqual([]);
  });

  it('a write open to consultants is checked against the territory’s consultants list', () => {
    const open = routes.filter((r) => {
      const rule = POLICY[r];
      return WRITE_METHODS.has(r.split(' ')[0] ?? '') && rule !== 'public' && rule?.includes('consultant');
    });
    expect(open.length).toBeGreaterThan(0);
    expect(open.filter((r) => !ROUTE_CASES[r]?.territoryScoped)).toEqual([]);
  });

  for (const route of routes) {
    it(`${route}`, async () => {
      const routeCase = ROUTE_CASES[route];
      expect(routeCase, `no case for ${route}`).toBeDefined();
      const world = await makeWorld();
      const method = route.split(' ')[0] ?? 'GET';
      const outcomes: string[] = [];
      for (const who of CALLERS) {
        const req = await routeCase!.build(world);
        const before = await counts();
        const res = await call(method, req.path, { as: emailOf(world, who), body: req.body });
        const want = expected(route, who);
        const got = res.status < 300 ? 'ok' : res.status;
        outcomes.push(`${who}:${got}`);
        expect(got, `${route} as ${who}: ${JSON.stringify(res.body)}`).toBe(want);
        if (want === 'ok') continue;
        // A refusal says why, in French, and writes nothing.
        expect(res.body.error.code).toBe(want === 401 ? 'UNAUTHENTICATED' : 'FORBIDDEN');
        const message: string = res.body.error.message;
        if (want === 401) expect(message).toBe(MSG.unauthenticated);
        else if (who === 'nonMember') expect(message).toMatch(/n’est pas membre du programme/);
        else if (who === 'viewer') expect(message).toBe(MSG.viewerReadOnly);
        else if (
          who === 'otherConsultant' &&
          POLICY[route] !== 'public' &&
          POLICY[route]?.includes('consultant')
        )
          expect(plain(message)).toMatch(/^Vous n’êtes pas consultant du territoire « .+ »\.$/);
        else expect(message).toBe(MSG.adminOnly);
        expect(await counts()).toEqual(before);
      }
      expect(outcomes).toHaveLength(CALLERS.length);
    });
  }
});
