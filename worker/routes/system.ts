import { MeAnswer } from '../../shared/api/me';
import { MePatch } from '../../shared/schemas';
import { ALL } from '../auth/policy';
import { getPreferences, putPreferences } from '../db/preferences';
import { listTerritories, type Territory } from '../db/territories';
import type { User } from '../env';
import { type Ctx, route } from '../http/route';
import { auditContext } from './context';

export const VERSION = '0.1.0';

const health = (c: Ctx) =>
  c.json({
    ok: true,
    version: c.env.VERSION ?? VERSION,
    authMode: c.env.AUTH_MODE === 'dev' ? 'dev' : 'google',
  });

/** The caller, and the territories they may write for: every one for admins, none for viewers. */
export function whoIs({ email, role }: User, all: readonly Territory[]) {
  const writable =
    role === 'admin' ? all : role === 'viewer' ? [] : all.filter((t) => t.consultants.includes(email));
  return { email, role, territories: writable.map((t) => ({ id: t.id, name: t.name })) };
}

async function me(c: Ctx) {
  const user = c.get('user');
  const [territories, preferences] = await Promise.all([
    user.role === 'viewer' ? [] : listTerritories(c.env.DB),
    getPreferences(c.env.DB, user.email),
  ]);
  return c.json({ ...whoIs(user, territories), preferences });
}

/** PUT /v1/me: the caller's own settings, audited; answers as GET /v1/me does. */
async function changeMe(c: Ctx, { body }: { body: MePatch }) {
  await putPreferences(c.env.DB, auditContext(c), body.preferences);
  return me(c);
}

export const systemRoutes = [
  route('GET /v1/health', 'public', 'État du service', health),
  route('GET /v1/me', ALL, 'Identité, rôle, territoires où l’appelant peut écrire et réglages', me, {
    response: MeAnswer,
  }),
  route('PUT /v1/me', ALL, 'Ses propres réglages (rappels par courriel)', changeMe, {
    body: MePatch,
    response: MeAnswer,
  }),
];
