import type { Role } from '../../shared/schemas/enums';

export type Rule = 'public' | readonly Role[];

const ALL: readonly Role[] = ['admin', 'consultant', 'viewer'];
const WRITERS: readonly Role[] = ['admin', 'consultant'];
const ADMIN: readonly Role[] = ['admin'];

/**
 * Route × role → allowed. Every route the app serves must appear here (a test enforces it).
 * Territory-level checks (a consultant writes only for their territories) come on top, in
 * the handlers, once the record is known.
 */
export const POLICY: Record<string, Rule> = {
  'GET /v1/health': 'public',
  'GET /v1/openapi.json': 'public',
  'GET /v1/me': ALL,

  'GET /v1/members': ADMIN,
  'POST /v1/members': ADMIN,
  'DELETE /v1/members/:email': ADMIN,

  'GET /v1/programme': ALL,
  'PUT /v1/programme': ADMIN,
  'PUT /v1/programme/assessment': ADMIN,

  'GET /v1/territories': ALL,
  'POST /v1/territories': ADMIN,
  'GET /v1/territories/:id': ALL,
  'PATCH /v1/territories/:id': ADMIN,
  'PUT /v1/territories/:id/assessment': WRITERS,
  'GET /v1/territories/:id/partners': ALL,
  'POST /v1/territories/:id/partners': WRITERS,

  'GET /v1/sessions': ALL,
  'POST /v1/sessions': WRITERS,
  'GET /v1/sessions/:id': ALL,
  'DELETE /v1/sessions/:id': ADMIN,

  'GET /v1/blockers': ALL,
  'POST /v1/blockers': WRITERS,
  'GET /v1/blockers/:id': ALL,
  'PATCH /v1/blockers/:id': WRITERS,

  'GET /v1/indicators': ALL,
  'POST /v1/indicators': WRITERS,

  'GET /v1/workshops': ALL,
  'POST /v1/workshops': WRITERS,
  'GET /v1/workshops/:id': ALL,
  'PATCH /v1/workshops/:id': WRITERS,

  'GET /v1/actions': ALL,
  'POST /v1/actions': WRITERS,
  'GET /v1/actions/:id': ALL,
  'PATCH /v1/actions/:id': WRITERS,

  'GET /v1/quotas': ALL,
  'GET /v1/snapshot': ALL,

  'GET /v1/alerts': ALL,
  'POST /v1/checks/run': ADMIN,

  'GET /v1/documents': ALL,
  'POST /v1/documents': WRITERS,
  'GET /v1/documents/:id': ALL,
  'GET /v1/documents/:id/html': ALL,
  // A signed, expiring link (worker/documents/link.ts) stands for the identity.
  'GET /v1/documents/:id/html/signed': 'public',

  'GET /v1/audit': ADMIN,
  'GET /v1/people/:email': ADMIN,
  'POST /v1/people/:email/erase': ADMIN,
};

export const ruleFor = (method: string, path: string): Rule | undefined => POLICY[`${method} ${path}`];
