// « Membres » (administrators): who may use the tools, with which role and under which name,
// and which consultants follow each territory — over POST/DELETE /v1/members and PATCH
// /v1/territories/:id. A change of role goes back with the version the list showed (If-Match),
// so two admins never overwrite each other unseen; the names feed the tabs and messages.
import type { Member, MemberList } from '../shared/api/members';
import { MemberInput } from '../shared/schemas';
import { validate } from '../shared/schemas/validate';
import type { Result, TerritoryConsultants, TerritoryRecord } from './api';
import { mirrorSafely } from './lock';
import { names, rememberPeople } from './names';
import { invalid } from './operations';
import { job, mirrorTabs } from './sheet-mirror';
import { TERRITORIES } from './tabs';
import { callWorker, path } from './worker-client';

/** The members and the territories with their consultants: one snapshot request. */
export const loadMembers = (): Result<{
  members: MemberList['members'];
  territories: TerritoryConsultants[];
}> => {
  const res = callWorker<MemberList & { territories: TerritoryRecord[] }>({
    method: 'get',
    path: '/v1/snapshot?parts=members,territories',
  });
  if (!res.ok) return res;
  rememberPeople(res.data.members.flatMap((m) => (m.name ? [{ email: m.email, name: m.name }] : [])));
  return {
    ok: true,
    data: {
      members: res.data.members,
      territories: res.data.territories.map((t) => ({
        id: t.id,
        name: t.name,
        consultants: t.consultants,
        version: t.version ?? null,
      })),
    },
  };
};

export const saveMember = (input: MemberInput, version?: string | null): Result<Member> => {
  const v = validate(MemberInput, input);
  if (!v.ok) return invalid(v.issues);
  return callWorker<Member>({ method: 'post', path: '/v1/members', body: v.data, ifMatch: version ?? null });
};

export const removeMember = (email: string): Result<{ email: string; deleted: true }> =>
  callWorker<{ email: string; deleted: true }>({
    method: 'delete',
    path: path`/v1/members/${String(email ?? '')}`,
  });

/** A territory's consultants, on the version the list showed; its row in « Territoires » follows. */
export const saveConsultants = (
  territoryId: string,
  consultants: string[],
  version: string | null,
): Result<TerritoryRecord> => {
  const list = Array.isArray(consultants) ? consultants.map(String) : [];
  const res = callWorker<TerritoryRecord>({
    method: 'patch',
    path: path`/v1/territories/${String(territoryId ?? '')}`,
    body: { consultants: list },
    ifMatch: version === null || version === undefined ? null : String(version),
  });
  if (!res.ok) return res;
  const warning = mirrorSafely(() => mirrorTabs([job(TERRITORIES, [res.data])], names()));
  return { ok: true, data: res.data, version: res.version ?? null, ...(warning ? { warning } : {}) };
};
