import { describe, expect, it } from 'vitest';
import { MSG } from '../../shared/i18n/messages';
import { action, blocker, indicator, session, workshop } from './bodies';
import { ADMIN, call, counts, makePartner, makeTerritory } from './helpers';
import { plain } from './plain';

describe('who may write what — identity and GET /v1/me', () => {
  it('no identity → 401; a non-member → 403; both in French', async () => {
    const none = await call('GET', '/v1/territories', { as: null });
    expect(none.status).toBe(401);
    expect(none.body.error).toEqual({
      code: 'UNAUTHENTICATED',
      message: MSG.unauthenticated,
    });
    const stranger = await call('GET', '/v1/territories', { as: 'stranger@example.org' });
    expect(stranger.status).toBe(403);
    expect(stranger.body.error.message).toMatch(/n’est pas membre du programme/);
  });

  it('GET /v1/me lists the territories the caller may write for: theirs, all for admins, none for viewers', async () => {
    const mine = await makeTerritory();
    const also = await makeTerritory({ consultants: [mine.consultant] });
    const other = await makeTerritory();
    const me = await call('GET', '/v1/me', { as: mine.consultant });
    expect(me.body).toEqual({
      email: mine.consultant,
      name: null,
      role: 'consultant',
      territories: [mine.territory, also.territory]
        .map((t) => ({ id: t.id, name: t.name }))
        .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id)),
      preferences: { reminders: true },
    });
    const admin = await call('GET', '/v1/me');
    expect(admin.body.role).toBe('admin');
    expect(admin.body.territories.map((t: { id: string }) => t.id)).toEqual(
      expect.arrayContaining([mine.territory.id, also.territory.id, other.territory.id]),
    );
    await call('POST', '/v1/members', { body: { email: 'lecteur-me@ademe.example', role: 'viewer' } });
    expect((await call('GET', '/v1/me', { as: 'lecteur-me@ademe.example' })).body.territories).toEqual([]);
  });
});

describe('who may write what — consultants and viewers', () => {
  it('a consultant writes for their territory only; a viewer writes nothing', async () => {
    const mine = await makeTerritory();
    const theirs = await makeTerritory();
    const partnerOfTheirs = await makePartner(theirs.territory.id);
    await call('POST', '/v1/members', { body: { email: 'viewer@ademe.example', role: 'viewer' } });
    const before = await counts();
    const territoryId = theirs.territory.id;
    const attempts: [string, string, unknown][] = [
      ['POST', '/v1/sessions', session({ territoryId })],
      ['POST', '/v1/blockers', blocker({ territoryId })],
      ['POST', '/v1/indicators', indicator({ territoryId })],
      [
        'POST',
        `/v1/territories/${territoryId}/partners`,
        { name: 'P', kind: 'other', useCase: { category: 'other', description: 'D' } },
      ],
      [
        'PUT',
        `/v1/territories/${territoryId}/assessment`,
        { findings: 'F', stakes: 'S', recommendations: 'R' },
      ],
      ['POST', '/v1/actions', action({ partnerId: partnerOfTheirs.id })],
      ['POST', '/v1/workshops', workshop({ number: 2, hostTerritoryId: territoryId })],
    ];
    for (const [method, path, body] of attempts) {
      const res = await call(method, path, { as: mine.consultant, body });
      expect(res.status, `${method} ${path} ${JSON.stringify(res.body)}`).toBe(403);
      expect(plain(res.body.error.message)).toMatch(/Vous n’êtes pas consultant du territoire « Territoire/);
      const viewer = await call(method, path, { as: 'viewer@ademe.example', body });
      expect(viewer.status, `${method} ${path}`).toBe(403);
      expect(viewer.body.error.message).toBe('Votre rôle de lecteur ne permet pas de modifier les données.');
    }
    for (const [method, path] of [
      ['POST', '/v1/territories'],
      ['PUT', '/v1/programme'],
      ['POST', '/v1/members'],
    ]) {
      const res = await call(method!, path!, { as: mine.consultant, body: {} });
      expect(res.status, path).toBe(403);
      expect(res.body.error.message).toBe('Action réservée aux administrateurs ADEME.');
    }
    expect(await counts()).toEqual(before);
    // Reading is open to every member, viewer included.
    expect((await call('GET', '/v1/quotas', { as: 'viewer@ademe.example' })).status).toBe(200);
    expect(
      (await call('GET', `/v1/territories/${theirs.territory.id}`, { as: mine.consultant })).status,
    ).toBe(200);
    // And their own territory is writable.
    expect(
      (
        await call('POST', '/v1/sessions', {
          as: mine.consultant,
          body: session({ territoryId: mine.territory.id }),
        })
      ).status,
    ).toBe(201);
  });
});

describe('who may write what — members and unknown routes', () => {
  it('members: admins add, change and remove; bootstrap admins come from ADMIN_EMAILS', async () => {
    const email = `New.Person-${Date.now()}@amo.example`;
    const added = await call('POST', '/v1/members', { body: { email, role: 'viewer' } });
    expect(added.status).toBe(201);
    expect(added.body).toEqual({ email: email.toLowerCase(), role: 'viewer', name: null });
    // A change of role is made with the member's ETag only (see members.test.ts).
    expect((await call('POST', '/v1/members', { body: { email, role: 'consultant' } })).status).toBe(409);
    const changed = await call('POST', '/v1/members', {
      body: { email, role: 'consultant' },
      headers: { 'if-match': added.headers.get('etag') ?? '' },
    });
    expect(changed.status).toBe(200);
    expect((await call('GET', '/v1/me', { as: email })).body).toEqual({
      email: email.toLowerCase(),
      name: null,
      role: 'consultant',
      territories: [],
      preferences: { reminders: true },
    });
    const list = await call('GET', '/v1/members');
    expect(list.body.members).toEqual(
      expect.arrayContaining([
        { email: ADMIN, role: 'admin', name: null, source: 'config' },
        expect.objectContaining({ email: email.toLowerCase(), role: 'consultant', createdBy: ADMIN }),
      ]),
    );
    expect((await call('DELETE', `/v1/members/${encodeURIComponent(ADMIN)}`)).status).toBe(409);
    expect((await call('DELETE', `/v1/members/${encodeURIComponent(email)}`)).status).toBe(200);
    expect((await call('GET', '/v1/me', { as: email })).status).toBe(403);
    expect((await call('DELETE', `/v1/members/${encodeURIComponent(email)}`)).status).toBe(404);
  });
});

describe('members’ display names', () => {
  it('members have a display name: set with the role, changed alone, in me and the snapshot’s people; bad names change nothing', async () => {
    const email = `nommee-${Date.now()}@amo.example`;
    const added = await call('POST', '/v1/members', {
      body: { email, role: 'consultant', name: '  Claire Martin ' },
    });
    expect(added.status).toBe(201);
    expect(added.body).toEqual({ email, role: 'consultant', name: 'Claire Martin' });
    // A new name alone needs no If-Match (the role is what must not change unseen).
    const renamed = await call('POST', '/v1/members', {
      body: { email, role: 'consultant', name: 'Claire Martin-Roux' },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.headers.get('etag')).toBe('"2"');
    expect((await call('GET', '/v1/me', { as: email })).body.name).toBe('Claire Martin-Roux');
    const snap = await call('GET', '/v1/snapshot?parts=me,people', { as: email });
    expect(snap.body.me.name).toBe('Claire Martin-Roux');
    expect(snap.body.people).toEqual(expect.arrayContaining([{ email, name: 'Claire Martin-Roux' }]));
    // Absent keeps the name; the role change still wants the ETag.
    const kept = await call('POST', '/v1/members', {
      body: { email, role: 'viewer' },
      headers: { 'if-match': renamed.headers.get('etag') ?? '' },
    });
    expect(kept.body).toEqual({ email, role: 'viewer', name: 'Claire Martin-Roux' });
    const before = await counts();
    const bad = await call('POST', '/v1/members', { body: { email, role: 'viewer', name: 'x'.repeat(121) } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].path).toBe('name');
    expect(await counts()).toEqual(before);
    const audit = await call('GET', `/v1/audit?entity=member&id=${encodeURIComponent(email)}`);
    expect(audit.body.entries.map((e: { after: unknown }) => e.after)).toEqual([
      { email, role: 'consultant', name: 'Claire Martin' },
      { email, role: 'consultant', name: 'Claire Martin-Roux' },
      { email, role: 'viewer', name: 'Claire Martin-Roux' },
    ]);
    // « Membres » reads the members with the territories in one snapshot: admins only.
    const both = await call('GET', '/v1/snapshot?parts=members,territories');
    expect(both.body.members).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ email, name: 'Claire Martin-Roux', source: 'record' }),
      ]),
    );
    expect(both.body.members).toEqual((await call('GET', '/v1/members')).body.members);
    const refused = await call('GET', '/v1/snapshot?parts=members', { as: email });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe(MSG.adminOnlyRead);
    // Cleared with an empty name: e-mails again where it was shown.
    await call('POST', '/v1/members', { body: { email, role: 'viewer', name: '' } });
    expect((await call('GET', '/v1/me', { as: email })).body.name).toBeNull();
  });

  it('unknown routes answer 404 in the contract shape', async () => {
    const res = await call('GET', '/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body.error).toEqual({ code: 'NOT_FOUND', message: 'Cette adresse n’existe pas dans l’API.' });
  });
});
