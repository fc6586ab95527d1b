import { MSG } from '../../shared/i18n/messages';
import { MemberInput } from '../../shared/schemas';
import { adminEmails } from '../auth/access';
import { ADMIN } from '../auth/policy';
import { deleteMember, listMembers, upsertMember } from '../db/members';
import { ApiError } from '../http/errors';
import { route } from '../http/route';
import { auditContext, param } from './context';

export const memberRoutes = [
  route(
    { method: 'GET', path: '/v1/members', roles: ADMIN, summary: 'Lister les membres', status: 200 },
    async (c) => {
      const stored = await listMembers(c.env.DB);
      const bootstrap = [...adminEmails(c.env)].map((email) => ({
        email,
        role: 'admin' as const,
        source: 'config',
      }));
      return c.json({ members: [...bootstrap, ...stored.map((m) => ({ ...m, source: 'record' }))] });
    },
  ),

  route(
    {
      method: 'POST',
      path: '/v1/members',
      roles: ADMIN,
      summary: 'Ajouter ou modifier un membre',
      body: MemberInput,
      status: 201,
    },
    async (c, { body }) => {
      const email = body.email.toLowerCase();
      const { created } = await upsertMember(c.env.DB, auditContext(c), email, body.role);
      return c.json({ email, role: body.role }, created ? 201 : 200);
    },
  ),

  route(
    { method: 'DELETE', path: '/v1/members/:email', roles: ADMIN, summary: 'Retirer un membre', status: 200 },
    async (c) => {
      const email = param(c, 'email').toLowerCase();
      if (adminEmails(c.env).has(email)) throw new ApiError('CONFLICT', MSG.lastAdmin);
      const removed = await deleteMember(c.env.DB, auditContext(c), email);
      if (!removed) throw new ApiError('NOT_FOUND', MSG.notFound('Membre'));
      return c.json({ email, deleted: true });
    },
  ),
];
