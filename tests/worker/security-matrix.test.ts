import { describe, expect, it } from 'vitest';
import { MSG } from '../../shared/i18n/messages';
import { ADMIN, call, counts, uid } from './helpers';
import { plain } from './plain';
import { appRoutes, makeWorld, ROUTE_CASES, type World } from './security-fixtures';

type Caller = 'admin' | 'consultant' | 'otherConsultant' | 'viewer' | 'nonMember' | 'anonymous';
const CALLERS: Caller[] = ['admin', 'consultant', 'otherConsultant', 'viewer', 'nonMember', 'anonymous'];

/**
 * Who may call what, written by hand from the contract (shared API.md) and NOT read from the
 * route declarations, so that a wrong declaration fails here.
 */
type Family =
  | 'public'
  | 'read'
  | 'admin-read'
  | 'staff-read'
  | 'admin-write'
  | 'territory-write'
  | 'programme-write'
  | 'author-write';

const FAMILY: Record<string, Family> = {
  'GET /v1/health': 'public',
  'GET /v1/openapi.json': 'public',
  'GET /v1/me': 'read',
  // Each member's own settings: every member, viewers included, for themselves only.
  'PUT /v1/me': 'read',
  'GET /v1/members': 'admin-read',
  'POST /v1/members': 'admin-write',
  'DELETE /v1/members/:email': 'admin-write',
  'GET /v1/programme': 'read',
  'PUT /v1/programme': 'admin-write',
  // The tender makes the critical view the contractor's: consultants write it, whatever their territory.
  'PUT /v1/programme/assessment': 'programme-write',
  'GET /v1/territories': 'read',
  'POST /v1/territories': 'admin-write',
  'GET /v1/territories/:id': 'read',
  'PATCH /v1/territories/:id': 'admin-write',
  'PUT /v1/territories/:id/assessment': 'territory-write',
  'GET /v1/territories/:id/partners': 'read',
  'POST /v1/territories/:id/partners': 'territory-write',
  'GET /v1/sessions': 'read',
  'POST /v1/sessions': 'territory-write',
  // A check writes nothing: any writer may ask; another territory's row is answered as refused.
  'POST /v1/sessions/validate': 'programme-write',
  'GET /v1/sessions/:id': 'read',
  // A session is corrected or cancelled by its author (the consultant who logged it) or an admin.
  'PATCH /v1/sessions/:id': 'author-write',
  'DELETE /v1/sessions/:id': 'author-write',
  'GET /v1/blockers': 'read',
  'POST /v1/blockers': 'territory-write',
  'GET /v1/blockers/:id': 'read',
  'PATCH /v1/blockers/:id': 'territory-write',
  'GET /v1/indicators': 'read',
  'POST /v1/indicators': 'territory-write',
  'GET /v1/workshops': 'read',
  'POST /v1/workshops': 'territory-write',
  'GET /v1/workshops/:id': 'read',
  'PATCH /v1/workshops/:id': 'territory-write',
  'GET /v1/actions': 'read',
  'POST /v1/actions': 'territory-write',
  'GET /v1/actions/:id': 'read',
  'PATCH /v1/actions/:id': 'territory-write',
  'GET /v1/quotas': 'read',
  'GET /v1/snapshot': 'read',
  'GET /v1/alerts': 'read',
  'POST /v1/checks/run': 'admin-write',
  'GET /v1/documents': 'read',
  'POST /v1/documents': 'territory-write',
  'GET /v1/documents/:id': 'read',
  'GET /v1/documents/:id/html': 'read',
  // A signed, expiring link stands for the identity (item 8 of issue 10): open to anyone holding it.
  'GET /v1/documents/:id/html/signed': 'public',
  // Issue 17: the preview and the workflow. A document is submitted and shared by its
  // territory's consultants (and admins); only ADEME validates or sends it back.
  'POST /v1/documents/preview': 'territory-write',
  'POST /v1/documents/:id/submit': 'territory-write',
  'POST /v1/documents/:id/validate': 'admin-write',
  'POST /v1/documents/:id/request-changes': 'admin-write',
  'POST /v1/documents/:id/share': 'territory-write',
  'GET /v1/documents/:id/versions': 'read',
  'GET /v1/documents/:id/versions/:version/html': 'read',
  'GET /v1/documents/:id/versions/:version/html/signed': 'public',
  // « Additions (v1.2) › Smaller »: the history of one record, for the readers of that record.
  'GET /v1/audit': 'read',
  'GET /v1/people/:email': 'admin-read',
  'POST /v1/people/:email/erase': 'admin-write',
  // Data out (issue 19): ADEME staff export the tables; the whole archive and its restore are admins'.
  ...Object.fromEntries(
    'sessions blockers indicators territories partners workshops actions alerts audit'
      .split(' ')
      .map((t) => [`GET /v1/export/${t}.csv`, 'staff-read' as const]),
  ),
  'GET /v1/export/archive': 'admin-read',
  'GET /v1/admin/doctor': 'admin-read',
  'POST /v1/admin/restore': 'admin-write',
};

type Outcome = 'ok' | { status: 401 | 403; message: string | RegExp };
const UNAUTH: Outcome = { status: 401, message: MSG.unauthenticated };
const NOT_MEMBER: Outcome = { status: 403, message: /n’est pas membre du programme/ };
const ADMIN_ONLY: Outcome = { status: 403, message: MSG.adminOnly };
const ADMIN_ONLY_READ: Outcome = { status: 403, message: MSG.adminOnlyRead };
const STAFF_ONLY_READ: Outcome = { status: 403, message: MSG.staffOnlyRead };
const READ_ONLY: Outcome = { status: 403, message: MSG.viewerReadOnly };
const NOT_YOURS: Outcome = { status: 403, message: /^Vous n’êtes pas consultant du territoire « .+ »\.$/ };
const NOT_AUTHOR: Outcome = {
  status: 403,
  message:
    /^Seuls l’auteur de cette séance \(.+@.+\) et les administrateurs ADEME peuvent la corriger ou l’annuler\.$/,
};

const EXPECTED: Record<Family, Record<Caller, Outcome>> = {
  public: {
    admin: 'ok',
    consultant: 'ok',
    otherConsultant: 'ok',
    viewer: 'ok',
    nonMember: 'ok',
    anonymous: 'ok',
  },
  read: {
    admin: 'ok',
    consultant: 'ok',
    otherConsultant: 'ok',
    viewer: 'ok',
    nonMember: NOT_MEMBER,
    anonymous: UNAUTH,
  },
  'admin-read': {
    admin: 'ok',
    consultant: ADMIN_ONLY_READ,
    otherConsultant: ADMIN_ONLY_READ,
    viewer: ADMIN_ONLY_READ,
    nonMember: NOT_MEMBER,
    anonymous: UNAUTH,
  },
  'staff-read': {
    admin: 'ok',
    consultant: STAFF_ONLY_READ,
    otherConsultant: STAFF_ONLY_READ,
    viewer: 'ok',
    nonMember: NOT_MEMBER,
    anonymous: UNAUTH,
  },
  'admin-write': {
    admin: 'ok',
    consultant: ADMIN_ONLY,
    otherConsultant: ADMIN_ONLY,
    viewer: READ_ONLY,
    nonMember: NOT_MEMBER,
    anonymous: UNAUTH,
  },
  'territory-write': {
    admin: 'ok',
    consultant: 'ok',
    otherConsultant: NOT_YOURS,
    viewer: READ_ONLY,
    nonMember: NOT_MEMBER,
    anonymous: UNAUTH,
  },
  'programme-write': {
    admin: 'ok',
    consultant: 'ok',
    otherConsultant: 'ok',
    viewer: READ_ONLY,
    nonMember: NOT_MEMBER,
    anonymous: UNAUTH,
  },
  // `consultant` is the record's author here (see the fixtures).
  'author-write': {
    admin: 'ok',
    consultant: 'ok',
    otherConsultant: NOT_AUTHOR,
    viewer: READ_ONLY,
    nonMember: NOT_MEMBER,
    anonymous: UNAUTH,
  },
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

describe('authorization matrix: every route × every kind of caller', () => {
  const routes = appRoutes();

  it('the app serves the routes of the contract (the matrix is not empty)', () => {
    expect(routes.length).toBeGreaterThanOrEqual(45);
    expect(routes).toContain('POST /v1/sessions');
    expect(routes).toContain('GET /v1/audit');
  });

  it('every route the app serves has a hand-written expectation and a request in the fixtures', () => {
    expect(routes.filter((r) => FAMILY[r] === undefined)).toEqual([]);
    expect(routes.filter((r) => ROUTE_CASES[r] === undefined)).toEqual([]);
  });

  for (const route of routes) {
    it(`${route}`, async () => {
      const routeCase = ROUTE_CASES[route]!;
      const family = FAMILY[route]!;
      const world = await makeWorld();
      const method = route.split(' ')[0] ?? 'GET';
      for (const who of CALLERS) {
        const req = await routeCase.build(world);
        const before = await counts();
        const res = await call(method, req.path, { as: emailOf(world, who), body: req.body });
        const want = EXPECTED[family][who];
        if (want === 'ok') {
          expect(res.status, `${route} as ${who}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
          continue;
        }
        // A refusal says why, in French, and writes nothing.
        expect(res.status, `${route} as ${who}: ${JSON.stringify(res.body)}`).toBe(want.status);
        expect(res.body.error.code).toBe(want.status === 401 ? 'UNAUTHENTICATED' : 'FORBIDDEN');
        if (typeof want.message === 'string') expect(res.body.error.message).toBe(want.message);
        else expect(plain(res.body.error.message)).toMatch(want.message);
        expect(await counts()).toEqual(before);
      }
    });
  }
});
