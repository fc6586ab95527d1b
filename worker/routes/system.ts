import { ALL } from '../auth/policy';
import { listTerritories } from '../db/territories';
import { route } from '../http/route';

export const VERSION = '0.1.0';

export const systemRoutes = [
  route(
    { method: 'GET', path: '/v1/health', roles: 'public', summary: 'État du service', status: 200 },
    (c) =>
      c.json({
        ok: true,
        version: c.env.VERSION ?? VERSION,
        authMode: c.env.AUTH_MODE === 'dev' ? 'dev' : 'google',
      }),
  ),

  route(
    {
      method: 'GET',
      path: '/v1/me',
      roles: ALL,
      summary: 'Identité, rôle et territoires où l’appelant peut écrire',
      status: 200,
    },
    async (c) => {
      const { email, role } = c.get('user');
      const all = role === 'viewer' ? [] : await listTerritories(c.env.DB);
      const writable = role === 'admin' ? all : all.filter((t) => t.consultants.includes(email));
      return c.json({ email, role, territories: writable.map((t) => ({ id: t.id, name: t.name })) });
    },
  ),
];
