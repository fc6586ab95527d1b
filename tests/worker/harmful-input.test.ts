// Input that looks harmless but is not (API.md, Additions v1.1): text stored NFC without
// control characters, invisible-only text and lone surrogates refused, unknown time zones
// refused, members unique whatever the case of their e-mail. Each refusal writes nothing.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { PROGRAMME_PRESET } from '../../shared/programme/preset';
import { ADMIN, call, counts, makeTerritory, uid } from './helpers';
import { plain } from './plain';

const blocker = (territoryId: string, over: Record<string, unknown>) => ({
  territoryId,
  category: 'cost',
  title: 'Coût des vélos',
  description: 'Le coût freine.',
  owner: 'territory',
  ...over,
});

const storedData = async (table: string, id: string) =>
  JSON.parse(
    (await env.DB.prepare(`SELECT data FROM ${table} WHERE id = ?`).bind(id).first<{ data: string }>())!.data,
  );

describe('text that looks harmless, stored clean', () => {
  it('is stored NFC, without control characters (newline and tab kept) nor bidi overrides', async () => {
    const { territory, consultant } = await makeTerritory();
    const res = await call('POST', '/v1/blockers', {
      as: consultant,
      body: blocker(territory.id, {
        title: 'Cafe\u0007\u0301 \u202Eelcyc\u202C',
        description: 'A\u0000B\u001bC\u0007D\r\nE\tF\u0085G',
        solution: 'Pre\u0085\u0301vu\u2066 ici\u2069',
      }),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.title).toBe('Café elcyc');
    expect(res.body.title).toBe(res.body.title.normalize('NFC'));
    expect(res.body.description).toBe('ABCD\nE\tFG');
    expect(res.body.solution).toBe('Prévu ici');
    expect(await storedData('blockers', res.body.id)).toMatchObject({
      title: 'Café elcyc',
      description: 'ABCD\nE\tFG',
    });
  });

  it('e-mail addresses are stored in lower case', async () => {
    const consultant = `${uid('Camille.Martin')}@AMO.example`;
    const { territory } = await makeTerritory({
      consultants: [consultant],
      contacts: [{ name: 'Lou', role: 'Élue', email: 'Lou.Garcia@Ville.Example' }],
    });
    expect(territory.consultants).toEqual([consultant.toLowerCase()]);
    expect(territory.contacts[0].email).toBe('lou.garcia@ville.example');
  });
});

/** Required texts made only of invisible characters. */
const INVISIBLE = [
  '\u200B\u200B', // zero-width spaces
  '\u202E', // a right-to-left override alone
  '\u0301\u0308', // combining marks without a base
  ' \u00A0\u2060\uFEFF', // spaces, word joiner, byte order mark
  '\u0000\u0007', // controls (removed, leaving nothing)
  '\u3164', // Hangul filler
];
/** Fields of a blocker, each holding half a character (a lone surrogate). */
const LONE_SURROGATES = [
  ['title', 'Vélo \uD83D'],
  ['description', '\uDEB2 cargo'],
  ['ownerName', 'x\uDC00\uD800y'],
] as const;

/** A blocker with `over` is refused with a 400 naming `field`; returns the first issue. */
async function expectRefusedBlocker(
  as: string,
  territoryId: string,
  field: string,
  over: Record<string, unknown>,
  msg: RegExp,
) {
  const res = await call('POST', '/v1/blockers', { as, body: blocker(territoryId, over) });
  expect(res.status, JSON.stringify(over)).toBe(400);
  expect(res.body.error.issues.map((i: { path: string }) => i.path)).toContain(field);
  expect(res.body.error.issues[0].message).toMatch(msg);
  return res.body.error.issues[0] as { path: string };
}

describe('text that is not there, or only half there', () => {
  it('a required text made only of invisible characters is a 400, and nothing is written', async () => {
    const { territory, consultant } = await makeTerritory();
    const before = await counts();
    for (const title of INVISIBLE) {
      const first = await expectRefusedBlocker(
        consultant,
        territory.id,
        'title',
        { title },
        /ne peut pas être vide|obligatoire/,
      );
      expect(first.path).toBe('title');
    }
    expect(await counts()).toEqual(before);
  });

  it('a lone surrogate (half a character) is a 400 wherever it hides', async () => {
    const { territory, consultant } = await makeTerritory();
    const before = await counts();
    for (const [field, value] of LONE_SURROGATES)
      await expectRefusedBlocker(consultant, territory.id, field, { [field]: value }, /mal encodé/);
    // A whole pair (an emoji) is a character like any other.
    const ok = await call('POST', '/v1/blockers', {
      as: consultant,
      body: blocker(territory.id, { title: 'Vélo 🚲' }),
    });
    expect(ok.status).toBe(201);
    expect(ok.body.title).toBe('Vélo 🚲');
    expect((await counts()).blockers).toBe((before.blockers ?? 0) + 1);
  });
});

describe('a programme time zone that Intl does not know', () => {
  it('is a 400 and the programme stays as it was', async () => {
    const before = (await call('GET', '/v1/programme')).body;
    for (const timezone of ['Mars/Olympus_Mons', 'Europe/Pariss', 'UTC+25']) {
      const res = await call('PUT', '/v1/programme', { body: { ...PROGRAMME_PRESET, timezone } });
      expect(res.status, timezone).toBe(400);
      expect(res.body.error.issues.map((i: { path: string }) => i.path)).toEqual(['timezone']);
      expect(plain(res.body.error.issues[0].message)).toBe(
        'Fuseau horaire inconnu : indiquez un fuseau IANA, par exemple « Europe/Paris ».',
      );
    }
    expect((await call('GET', '/v1/programme')).body).toEqual(before);
    const ok = await call('PUT', '/v1/programme', {
      body: { ...PROGRAMME_PRESET, timezone: 'America/Cayenne' },
    });
    expect(ok.status).toBe(200);
    await call('PUT', '/v1/programme', { body: PROGRAMME_PRESET });
  });
});

describe('members, unique whatever the case of their e-mail', () => {
  it('an admin added again in capitals as a viewer is neither duplicated nor demoted', async () => {
    const email = `${uid('chef')}@ademe.example`;
    expect((await call('POST', '/v1/members', { body: { email, role: 'admin' } })).status).toBe(201);
    const before = await counts();
    const again = await call('POST', '/v1/members', { body: { email: email.toUpperCase(), role: 'viewer' } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('CONFLICT');
    expect(plain(again.body.error.message)).toBe(
      `${email} est déjà membre avec le rôle « Administrateur (ADEME) » : pour changer son rôle, renvoyez la demande avec l’en-tête If-Match reçu (ETag).`,
    );
    expect(again.body.error.current).toMatchObject({ email, role: 'admin', version: 1 });
    expect(await counts()).toEqual(before);
    expect((await call('GET', '/v1/me', { as: email })).body.role).toBe('admin');
    // The same role again: nothing to do, nothing written.
    expect(
      (await call('POST', '/v1/members', { body: { email: email.toUpperCase(), role: 'admin' } })).status,
    ).toBe(200);
    expect(await counts()).toEqual(before);
    // The change, made knowingly with the member's ETag: one row, the new role, audited.
    const changed = await call('POST', '/v1/members', {
      body: { email: email.toUpperCase(), role: 'viewer' },
      headers: { 'if-match': again.headers.get('etag')! },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toEqual({ email, role: 'viewer', name: null });
    const rows = await env.DB.prepare('SELECT email, role FROM members WHERE lower(email) = ?')
      .bind(email)
      .all();
    expect(rows.results).toEqual([{ email, role: 'viewer' }]);
    expect((await counts()).audit).toBe((before.audit ?? 0) + 1);
  });

  it('an administrator of the configuration is no member to add or change', async () => {
    const before = await counts();
    const res = await call('POST', '/v1/members', { body: { email: ADMIN.toUpperCase(), role: 'viewer' } });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/administrateur par la configuration \(ADMIN_EMAILS\)/);
    expect(await counts()).toEqual(before);
  });
});
