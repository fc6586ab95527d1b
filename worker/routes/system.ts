import { Health, Me } from '../../shared/api/system';
import { ALL } from '../auth/policy';
import { listTerritories, type Territory } from '../db/territories';
import type { User } from '../env';
import { type Ctx, route } from '../http/route';

export const VERSION = '0.1.0';

const health = (c: Ctx) =>
  c.json({
    ok: true,
    version: c.env.VERSION || VERSION,
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
  return c.json(whoIs(user, user.role === 'viewer' ? [] : await listTerritories(c.env.DB)));
}

export const systemRoutes = [
  route('GET /v1/health', 'public', 'État du service', Health, health),
  route('GET /v1/me', ALL, 'Identité, rôle et territoires où l’appelant peut écrire', Me, me),
];
