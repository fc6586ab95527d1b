import { ALL } from '../auth/policy';
import { listTerritories } from '../db/territories';
import { type Ctx, route } from '../http/route';

export const VERSION = '0.1.0';

const health = (c: Ctx) =>
  c.json({
    ok: true,
    version: c.env.VERSION ?? VERSION,
    authMode: c.env.AUTH_MODE === 'dev' ? 'dev' : 'google',
  });

/** The caller, and the territories they may write for: every one for admins, none for viewers. */
async function me(c: Ctx) {
  const { email, role } = c.get('user');
  const all = role === 'viewer' ? [] : await listTerritories(c.env.DB);
  const writable = role === 'admin' ? all : all.filter((t) => t.consultants.includes(email));
  return c.json({ email, role, territories: writable.map((t) => ({ id: t.id, name: t.name })) });
}

export const systemRoutes = [
  route('GET /v1/health', 'public', 'État du service', {}, health),
  route('GET /v1/me', ALL, 'Identité, rôle et territoires où l’appelant peut écrire', {}, me),
];
