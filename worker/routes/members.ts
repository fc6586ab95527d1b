import { Member, MemberList, MemberRemoved } from '../../shared/api/members';
import { LABELS } from '../../shared/i18n/labels';
import { MSG } from '../../shared/i18n/messages';
import { MemberInput } from '../../shared/schemas';
import { adminEmails } from '../auth/access';
import { ADMIN } from '../auth/policy';
import { changeMemberRole, deleteMember, getMember, insertMember, listMembers } from '../db/members';
import { ApiError } from '../http/errors';
import { created, route } from '../http/route';
import { auditContext, type Ctx } from './context';
import { etag, ifMatch, withEtag, writeVersioned } from './versioned';

async function listAll(c: Ctx) {
  const stored = await listMembers(c.env.DB);
  const bootstrap = [...adminEmails(c.env)].map((email) => ({
    email,
    role: 'admin' as const,
    source: 'config',
  }));
  return c.json({ members: [...bootstrap, ...stored.map((m) => ({ ...m, source: 'record' }))] });
}

/**
 * One member per person, whatever the case of the e-mail: adding someone already there with
 * the same role changes nothing (200); with another role it is a change of role, made only
 * with the member's ETag in If-Match (409 naming the current role otherwise), so an admin
 * added again in capitals as a viewer is never demoted by mistake. Admins declared in the
 * configuration are not members to change (409).
 */
async function addMember(c: Ctx, { body }: { body: MemberInput }) {
  const db = c.env.DB;
  const { email, role } = body;
  if (adminEmails(c.env).has(email)) throw new ApiError('CONFLICT', MSG.memberConfigured(email));
  if (await insertMember(db, auditContext(c), email, role)) return withEtag(c, { email, role }, 1, 201);
  await writeVersioned(c, {
    load: async () => {
      const m = await getMember(db, email);
      if (!m) throw new ApiError('NOT_FOUND', MSG.notFound('Membre'));
      if (m.role !== role && !ifMatch(c))
        throw new ApiError(
          'CONFLICT',
          MSG.memberExists(email, LABELS.role[m.role]),
          { current: m },
          {
            ETag: etag(m.version),
          },
        );
      return m;
    },
    version: (m) => m.version,
    current: (m) => m,
    apply: async (m) => (m.role === role ? 'written' : changeMemberRole(db, auditContext(c), m, role)),
  });
  const stored = await getMember(db, email);
  return withEtag(c, { email, role: stored?.role ?? role }, stored?.version ?? 1);
}

async function removeMember(c: Ctx, { params }: { params: { email: string } }) {
  const email = params.email.toLowerCase();
  if (adminEmails(c.env).has(email)) throw new ApiError('CONFLICT', MSG.lastAdmin);
  const removed = await deleteMember(c.env.DB, auditContext(c), email);
  if (!removed) throw new ApiError('NOT_FOUND', MSG.notFound('Membre'));
  return c.json({ email, deleted: true });
}

export const memberRoutes = [
  route('GET /v1/members', ADMIN, 'Lister les membres', MemberList, listAll),
  route('POST /v1/members', ADMIN, 'Ajouter ou modifier un membre', Member, addMember, created(MemberInput)),
  route('DELETE /v1/members/:email', ADMIN, 'Retirer un membre', MemberRemoved, removeMember),
];
