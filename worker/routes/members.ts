import { Hono } from 'hono';
import { MSG } from '../../shared/i18n/messages';
import { MemberInput } from '../../shared/schemas';
import { adminEmails } from '../auth/access';
import { deleteMember, listMembers, upsertMember } from '../db/members';
import type { AppEnv } from '../env';
import { readBody } from '../http/body';
import { ApiError } from '../http/errors';
import { auditContext } from './context';

export const members = new Hono<AppEnv>()
  .get('/', async (c) => {
    const stored = await listMembers(c.env.DB);
    const bootstrap = [...adminEmails(c.env)].map((email) => ({
      email,
      role: 'admin' as const,
      source: 'config',
    }));
    return c.json({ members: [...bootstrap, ...stored.map((m) => ({ ...m, source: 'record' }))] });
  })

  .post('/', async (c) => {
    const body = await readBody(c, MemberInput);
    const email = body.email.toLowerCase();
    const { created } = await upsertMember(c.env.DB, auditContext(c), email, body.role);
    return c.json({ email, role: body.role }, created ? 201 : 200);
  })

  .delete('/:email', async (c) => {
    const email = decodeURIComponent(c.req.param('email')).toLowerCase();
    if (adminEmails(c.env).has(email)) throw new ApiError('CONFLICT', MSG.lastAdmin);
    const removed = await deleteMember(c.env.DB, auditContext(c), email);
    if (!removed) throw new ApiError('NOT_FOUND', MSG.notFound('Membre'));
    return c.json({ email, deleted: true });
  });
