import { HealthAnswer } from '../../shared/api/admin';
import { Me } from '../../shared/api/system';
import { OPS_MSG } from '../../shared/i18n/operations';
import { ALL } from '../auth/policy';
import { memberNameQuery } from '../db/members';
import { runQueries } from '../db/query';
import { listTerritoriesQuery, type Territory } from '../db/territories';
import type { User } from '../env';
import { ApiError } from '../http/errors';
import { type Ctx, route } from '../http/route';
import { schemaState } from '../ops/readiness';

export const VERSION = '0.1.0';

/** Ready means ready: 200 only once the database answers and every migration is applied. */
async function health(c: Ctx) {
  const s = await schemaState(c.env.DB);
  if (!s.answers || s.missing.length)
    throw new ApiError(
      'SERVICE_UNAVAILABLE',
      OPS_MSG.starting(s.answers ? s.missing.length : 0),
      { missingMigrations: s.missing },
      { 'retry-after': '5' },
    );
  return c.json({
    ok: true as const,
    version: c.env.VERSION || VERSION,
    authMode: c.env.AUTH_MODE === 'dev' ? ('dev' as const) : ('google' as const),
  });
}

/**
 * The caller (with their display name, null when none is stored), and the territories they may
 * write for: every one for admins, none for viewers.
 */
export function whoIs({ email, role }: User, all: readonly Territory[], name: string | null) {
  const writable =
    role === 'admin' ? all : role === 'viewer' ? [] : all.filter((t) => t.consultants.includes(email));
  return { email, name, role, territories: writable.map((t) => ({ id: t.id, name: t.name })) };
}

/** The name and, unless the caller is a viewer, the territories: one batch. */
async function me(c: Ctx) {
  const user = c.get('user');
  const db = c.env.DB;
  if (user.role === 'viewer') {
    const [name] = await runQueries(db, [memberNameQuery(db, user.email)]);
    return c.json(whoIs(user, [], name));
  }
  const [name, all] = await runQueries(db, [memberNameQuery(db, user.email), listTerritoriesQuery(db)]);
  return c.json(whoIs(user, all, name));
}

export const systemRoutes = [
  route(
    'GET /v1/health',
    'public',
    'État du service (503 tant que la base n’est pas migrée)',
    HealthAnswer,
    health,
  ),
  route('GET /v1/me', ALL, 'Identité, nom, rôle et territoires où l’appelant peut écrire', Me, me),
];
