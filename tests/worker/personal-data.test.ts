// Contacts' e-mail and phone are returned to admins, viewers (ADEME staff) and the territory's
// own consultants; consultants of other territories get the contacts without them.
import { describe, expect, it } from 'vitest';
import { ADMIN, call } from './helpers';
import { makeWorld } from './security-fixtures';

const CONTACTS = [
  {
    name: 'Camille Martin',
    role: 'Chargée de mobilité',
    email: 'camille@ville.example',
    phone: '05 61 00 00 00',
  },
  { name: 'Lou Garcia', role: 'Élue', phone: '+33 6 00 00 00 00' },
];

describe('contacts’ details, by role', () => {
  it('GET /v1/territories, /v1/territories/:id and /v1/snapshot show them only to those who work with the territory', async () => {
    const w = await makeWorld();
    const patched = await call('PATCH', `/v1/territories/${w.territory.id}`, {
      body: { contacts: CONTACTS },
    });
    expect(patched.status).toBe(200);
    const bare = CONTACTS.map(({ name, role }) => ({ name, role }));
    const cases: [string, string, unknown][] = [
      ['admin', ADMIN, CONTACTS],
      ['viewer', w.viewer, CONTACTS],
      ['the territory’s consultant', w.consultant, CONTACTS],
      ['a consultant of another territory', w.otherConsultant, bare],
    ];
    for (const [who, as, expected] of cases) {
      const one = await call('GET', `/v1/territories/${w.territory.id}`, { as });
      expect(one.status).toBe(200);
      expect(one.body.contacts, `${who}: GET /v1/territories/:id`).toEqual(expected);
      const all = await call('GET', '/v1/territories', { as });
      const listed = all.body.territories.find((t: { id: string }) => t.id === w.territory.id);
      expect(listed.contacts, `${who}: GET /v1/territories`).toEqual(expected);
      const snap = await call('GET', '/v1/snapshot?parts=territories', { as });
      const mirrored = snap.body.territories.find((t: { id: string }) => t.id === w.territory.id);
      expect(mirrored.contacts, `${who}: GET /v1/snapshot`).toEqual(expected);
      // Nothing of them anywhere in the answers of a consultant of another territory.
      if (expected === bare)
        for (const text of [JSON.stringify(one.body), JSON.stringify(all.body), JSON.stringify(snap.body)]) {
          expect(text).not.toContain('camille@ville.example');
          expect(text).not.toContain('05 61 00 00 00');
        }
    }
    // Their own territory, that consultant reads in full.
    const own = await call('GET', `/v1/territories/${w.other.id}`, { as: w.otherConsultant });
    expect(own.body.contacts).toEqual([]);
  });
});
