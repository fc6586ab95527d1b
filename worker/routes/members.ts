import { Member as MemberAnswer, MemberList, MemberRemoved } from '../../shared/api/members';
import { LABELS } from '../../shared/i18n/labels';
import { MSG } from '../../shared/i18n/messages';
import { MemberInput } from '../../shared/schemas';
import { adminEmails } from '../auth/access';
import { ADMIN } from '../auth/policy';
import { changeMember, deleteMember, getMember, insertMember, listMembers, type Member } from '../db/members';
import { ApiError } from '../http/errors';
import { created, route } from '../http/route';
import { auditContext, type Ctx } from './context';
import { etag, ifMatch, withEtag, writeVersioned } from './versioned';

const present = (m: Pick<Member, 'email' | 'role' | 'name'>) => ({
  email: m.email,
  role: m.role,
  name: m.name,
});

/** Every member as GET /v1/members lists them: the configured admins first, then the stored ones. */
export function memberList(stored: readonly Member[], configured: ReadonlySet<string>) {
  const bootstrap = [...configured].map((email) => ({
    ...present({ email, role: 'admin', name: null }),
    source: 'config' as const,
  }));
  const records = stored.map((m) => ({
    ...present(m),
    createdAt: m.createdAt,
    createdBy: m.createdBy,
    version: m.version,
    source: 'record' as const,
  }));
  return [...bootstrap, ...records];
}

async function listAll(c: Ctx) {
  return c.json({ members: memberList(await listMembers(c.env.DB), adminEmails(c.env)) });
}

/** The name to store: absent keeps the stored one, an empty one clears it. */
const nextName = (body: MemberInput, stored: string | null) =>
  body.name === undefined ? stored : body.name.trim() || null;

/**
 * One member per person, whatever the case of the e-mail: adding someone already there with
 * the same role and name changes nothing (200); with another role it is a change of role, made
 * only with the member's ETag in If-Match (409 naming the current role otherwise), so an admin
 * added again in capitals as a viewer is never demoted by mistake; a new name alone needs no
 * If-Match. Admins declared in the configuration are not members to change (409): a stored row
 * would outlive their removal from the configuration.
 */
async function addMember(c: Ctx, { body }: { body: MemberInput }) {
  const db = c.env.DB;
  const { email, role } = body;
  if (adminEmails(c.env).has(email)) throw new ApiError('CONFLICT', MSG.memberConfigured(email));
  const name = nextName(body, null);
  if (await insertMember(db, auditContext(c), { email, role, name }))
    return withEtag(c, present({ email, role, name }), 1, 201);
  await writeVersioned(c, {
    load: async () => {
      const m = await getMember(db, email);
      if (!m) throw new ApiError('NOT_FOUND', MSG.notFound('Membre'));
      if (m.role !== role && !ifMatch(c))
        throw new ApiError(
          'CONFLICT',
          MSG.memberExists(email, LABELS.role[m.role]),
          { current: m },
          { ETag: etag(m.version) },
        );
      return m;
    },
    version: (m) => m.version,
    current: (m) => m,
    apply: async (m) => {
      const next = { role, name: nextName(body, m.name) };
      return m.role === next.role && m.name === next.name
        ? 'written'
        : changeMember(db, auditContext(c), m, next);
    },
  });
  const stored = await getMember(db, email);
  return withEtag(c, present(stored ?? { email, role, name }), stored?.version ?? 1);
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
  route(
    'POST /v1/members',
    ADMIN,
    'Ajouter un membre, changer son rôle ou son nom',
    MemberAnswer,
    addMember,
    created(MemberInput),
  ),
  route('DELETE /v1/members/:email', ADMIN, 'Retirer un membre', MemberRemoved, removeMember),
];
