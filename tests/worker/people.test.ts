import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { session } from './bodies';
import { ADMIN, call, counts, makePartner, makeTerritory, uid } from './helpers';

const enc = encodeURIComponent;

/** A person who is a member, a consultant of one territory and a contact of two. */
async function makePerson() {
  const email = `${uid('camille')}@mairie.example`;
  await call('POST', '/v1/members', { body: { email, role: 'consultant' } });
  const keeper = {
    name: 'Alex Petit',
    role: 'Directeur',
    email: 'alex@agglo.example',
    phone: '05 00 00 00 01',
  };
  const a = await makeTerritory({
    contacts: [
      {
        name: 'Camille Durand',
        role: 'Chargée de mobilité',
        email: email.toUpperCase(),
        phone: '06 12 34 56 78',
      },
      keeper,
    ],
  });
  const b = await makeTerritory({
    consultants: [email, 'autre@amo.example'],
    contacts: [{ name: 'Camille Durand', role: 'Élue', email }],
  });
  const s = await call('POST', '/v1/sessions', { as: email, body: session({ territoryId: b.territory.id }) });
  expect(s.status).toBe(201);
  return { email, a: a.territory, b: b.territory, sessionId: s.body.session.id as string, keeper };
}

describe('personal data: export (admin)', () => {
  it('gathers everything stored about one email, and audits the export', async () => {
    const p = await makePerson();
    const res = await call('GET', `/v1/people/${enc(p.email)}`);
    expect(res.status).toBe(200);
    expect(res.body.email).toBe(p.email);
    expect(res.body.member).toMatchObject({ role: 'consultant', name: null, createdBy: ADMIN });
    expect(res.body.consultantOf).toEqual([{ territoryId: p.b.id, name: p.b.name }]);
    expect(res.body.contactIn.map((t: { territoryId: string }) => t.territoryId).sort()).toEqual(
      [p.a.id, p.b.id].sort(),
    );
    const contacts = res.body.contactIn.flatMap((t: { contacts: unknown[] }) => t.contacts);
    expect(contacts).toContainEqual(expect.objectContaining({ phone: '06 12 34 56 78' }));
    expect(JSON.stringify(res.body.contactIn)).not.toContain('alex@agglo.example');
    expect(res.body.authored.sessions).toEqual([p.sessionId]);
    expect(res.body.audit.asActor.map((e: { entityId: string }) => e.entityId)).toEqual([p.sessionId]);
    // Lines written by others that name the person: membership, both territories.
    const mentioning = res.body.audit.mentioning.map((e: { entity: string }) => e.entity);
    expect(mentioning).toEqual(expect.arrayContaining(['member', 'territory', 'territory']));
    expect(res.body.retention).toMatch(/journal d’audit est conservé/);

    const audit = await call('GET', `/v1/audit?entity=person&entityId=${enc(p.email)}`);
    expect(audit.body.entries).toHaveLength(1);
    expect(audit.body.entries[0]).toMatchObject({ action: 'export', actor: ADMIN, before: null });
    expect(audit.body.entries[0].after).toMatchObject({ member: true, consultantOf: 1, contactIn: 2 });
  });

  it('answers an empty export for an unknown address, and 400 for a malformed one', async () => {
    const unknown = await call('GET', `/v1/people/${enc(`${uid('nobody')}@example.org`)}`);
    expect(unknown.status).toBe(200);
    expect(unknown.body).toMatchObject({ member: null, consultantOf: [], contactIn: [], authored: {} });
    const before = await counts();
    const bad = await call('GET', '/v1/people/pas-une-adresse');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe('Adresse électronique invalide.');
    expect(await counts()).toEqual(before);
  });

  it('territory contacts hold only name, role, email and phone', async () => {
    const { territory } = await makeTerritory();
    const before = await counts();
    const res = await call('PATCH', `/v1/territories/${territory.id}`, {
      body: { contacts: [{ name: 'Camille', role: 'DGS', birthDate: '1980-01-01', address: '1 rue X' }] },
    });
    expect(res.status).toBe(400);
    expect(await counts()).toEqual(before);
  });
});

describe('personal data: erase (admin)', () => {
  it('removes the person’s contact entries, consultant seats and membership, and audits it without the details', async () => {
    const p = await makePerson();
    const partner = await makePartner(p.b.id);
    const res = await call('POST', `/v1/people/${enc(p.email)}/erase`);
    expect(res.status).toBe(200);
    expect(res.body.erased).toEqual({
      member: true,
      consultantOf: [p.b.id],
      contactsRemoved: 2,
      territories: expect.arrayContaining([p.a.id, p.b.id]),
    });

    const a = (await call('GET', `/v1/territories/${p.a.id}`)).body;
    const b = (await call('GET', `/v1/territories/${p.b.id}`)).body;
    expect(a.contacts).toEqual([p.keeper]);
    expect(b.contacts).toEqual([]);
    expect(b.consultants).toEqual(['autre@amo.example']);
    expect(b.updatedBy).toBe(ADMIN);
    const member = await env.DB.prepare('SELECT * FROM members WHERE email = ?').bind(p.email).first();
    expect(member).toBeNull();

    // The person can no longer act, and the export now finds no contact detail.
    const denied = await call('GET', '/v1/me', { as: p.email });
    expect(denied.status).toBe(403);
    const after = (await call('GET', `/v1/people/${enc(p.email)}`)).body;
    expect(after).toMatchObject({ member: null, consultantOf: [], contactIn: [] });
    // What they wrote stays in the record (a public programme's log), as the response says.
    expect(after.authored.sessions).toEqual([p.sessionId]);
    expect((await call('GET', `/v1/territories/${p.b.id}/partners`)).body.partners[0].id).toBe(partner.id);

    const lines = (await call('GET', `/v1/audit?entity=person&entityId=${enc(p.email)}`)).body.entries;
    const erase = lines.find((e: { action: string }) => e.action === 'erase');
    expect(erase).toMatchObject({ actor: ADMIN, role: 'admin', entity: 'person', entityId: p.email });
    expect(erase.before).toEqual({
      member: 'consultant',
      consultantOf: [p.b.id],
      contactIn: expect.arrayContaining([
        { territoryId: p.a.id, contacts: 1 },
        { territoryId: p.b.id, contacts: 1 },
      ]),
    });
    expect(erase.after).toEqual({ member: null, consultantOf: [], contactIn: [] });
    expect(JSON.stringify(erase)).not.toMatch(/06 12 34 56 78|Camille Durand/);
  });
});

describe('personal data: erase (admin) — again, refused, admins only', () => {
  it('is idempotent: a second erase finds nothing and is audited too', async () => {
    const p = await makePerson();
    await call('POST', `/v1/people/${enc(p.email)}/erase`);
    const again = await call('POST', `/v1/people/${enc(p.email)}/erase`);
    expect(again.status).toBe(200);
    expect(again.body.erased).toEqual({
      member: false,
      consultantOf: [],
      contactsRemoved: 0,
      territories: [],
    });
    const lines = (await call('GET', `/v1/audit?entity=person&entityId=${enc(p.email)}`)).body.entries;
    expect(lines.filter((e: { action: string }) => e.action === 'erase')).toHaveLength(2);
  });

  it('cannot remove a configuration admin, and says so', async () => {
    const res = await call('POST', `/v1/people/${enc(ADMIN)}/erase`);
    expect(res.status).toBe(200);
    expect(res.body.configAdmin).toBe(true);
    expect((await call('GET', '/v1/me')).body.role).toBe('admin');
  });

  it('is for admins only', async () => {
    const p = await makePerson();
    const before = await counts();
    const res = await call('POST', `/v1/people/${enc(p.email)}/erase`, { as: p.email });
    expect(res.status).toBe(403);
    const exp = await call('GET', `/v1/people/${enc(p.email)}`, { as: p.email });
    expect(exp.status).toBe(403);
    expect(await counts()).toEqual(before);
  });
});
