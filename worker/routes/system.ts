import { HealthAnswer } from '../../shared/api/admin';
import { Me } from '../../shared/api/system';
import { MePatch } from '../../shared/schemas';
import { ALL } from '../auth/policy';
import { memberNameQuery } from '../db/members';
import { preferencesQuery, putPreferences } from '../db/preferences';
import { type Results, runQueries } from '../db/query';
import { listTerritoriesQuery, type Territory } from '../db/territories';
import type { User } from '../env';
import { type Ctx, route } from '../http/route';
import { notReadyError, schemaState } from '../ops/readiness';
import { auditContext } from './context';

export const VERSION = '0.1.0';

/** Ready means ready: 200 only once the database answers and every migration is applied. */
async function health(c: Ctx) {
  const s = await schemaState(c.env.DB);
  if (!s.answers || s.missing.length) throw notReadyError(s, { missingMigrations: s.missing });
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
function whoIs({ email, role }: User, all: readonly Territory[], name: string | null) {
  const writable =
    role === 'admin' ? all : role === 'viewer' ? [] : all.filter((t) => t.consultants.includes(email));
  return { email, name, role, territories: writable.map((t) => ({ id: t.id, name: t.name })) };
}

/**
 * GET /v1/me as its reads and its answer from their results: the name, the caller's own
 * settings and, unless the caller is a viewer, the territories (the snapshot's `me` part sends
 * the same reads in its own batch).
 */
export function meReads(db: D1Database, user: User) {
  const queries = [
    memberNameQuery(db, user.email),
    preferencesQuery(db, user.email),
    ...(user.role === 'viewer' ? [] : [listTerritoriesQuery(db)]),
  ] as const;
  const answer = ([name, preferences, all = []]: Results<typeof queries>) => ({
    ...whoIs(user, all, name),
    preferences,
  });
  return { queries, answer };
}

/** GET /v1/me: one batch. */
async function me(c: Ctx) {
  const { queries, answer } = meReads(c.env.DB, c.get('user'));
  return c.json(answer(await runQueries(c.env.DB, queries)));
}

/** PUT /v1/me: the caller's own settings, audited; answers as GET /v1/me does. */
async function changeMe(c: Ctx, { body }: { body: MePatch }) {
  await putPreferences(c.env.DB, auditContext(c), body.preferences);
  return me(c);
}

export const systemRoutes = [
  route(
    'GET /v1/health',
    'public',
    'État du service (503 tant que la base n’est pas migrée)',
    HealthAnswer,
    health,
  ),
  route('GET /v1/me', ALL, 'Identité, nom, rôle, territoires où l’appelant peut écrire et réglages', Me, me),
  route('PUT /v1/me', ALL, 'Ses propres réglages (rappels par courriel)', Me, changeMe, { body: MePatch }),
];
