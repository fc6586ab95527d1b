import { MSG } from '../../shared/i18n/messages';
import { MemberInput } from '../../shared/schemas';
import { adminEmails } from '../auth/access';
import { ADMIN } from '../auth/policy';
import { deleteMember, listMembers, upsertMember } from '../db/members';
import { ApiError } from '../http/errors';
import { route } from '../http/route';
import { auditContext, type Ctx, param } from './context';

async function listAll(c: Ctx) {
  const stored = await listMembers(c.env.DB);
  const bootstrap = [...adminEmails(c.env)].map((email) => ({
    email,
    role: 'admin' as const,
    source: 'config',
  }));
  return c.json({ members: [...bootstrap, ...stored.map((m) => ({ ...m, source: 'record' }))] });
}

async function addMember(c: Ctx, { body }: { body: MemberInput }) {
  const email = body.email.toLowerCase();
  const { created } = await upsertMember(c.env.DB, auditContext(c), email, body.role);
  return c.json({ email, role: body.role }, created ? 201 : 200);
}

async function removeMember(c: Ctx) {
  const email = param(c, 'email').toLowerCase();
  if (adminEmails(c.env).has(email)) throw new ApiError('CONFLICT', MSG.lastAdmin);
  const removed = await deleteMember(c.env.DB, auditContext(c), email);
  if (!removed) throw new ApiError('NOT_FOUND', MSG.notFound('Membre'));
  return c.json({ email, deleted: true });
}

export const memberRoutes = [
  route('GET /v1/members', ADMIN, 'Lister les membres', {}, listAll),
  route(
    'POST /v1/members',
    ADMIN,
    'Ajouter ou modifier un membre',
    { body: MemberInput, status: 201 },
    addMember,
  ),
  route('DELETE /v1/members/:email', ADMIN, 'Retirer un membre', {}, removeMember),
];
