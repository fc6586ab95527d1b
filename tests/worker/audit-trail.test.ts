import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { zonedDayStart } from '../../shared/dates';
import { session } from './bodies';
import { ADMIN, call, makeTerritory, uid } from './helpers';
import { appRoutes, makeWorld, ROUTE_CASES, WRITE_METHODS } from './security-fixtures';

type Row = Record<string, string | number | null>;
const auditRows = async (sql = 'SELECT * FROM audit ORDER BY seq', ...args: unknown[]) =>
  (
    await env.DB.prepare(sql)
      .bind(...args)
      .all<Row>()
  ).results;
const json = (v: string | number | null | undefined) => (v == null ? null : JSON.parse(String(v)));

const writeRoutes = () => appRoutes().filter((r) => WRITE_METHODS.has(r.split(' ')[0] ?? ''));

type AuditSpec = { action: string; entity: string };

/** Runs `route` once as admin and checks the one audit line its request left. */
async function expectOneAuditLine(route: string, spec: AuditSpec) {
  const world = await makeWorld();
  const req = await ROUTE_CASES[route]!.build(world);
  const res = await call(route.split(' ')[0]!, req.path, { body: req.body });
  expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
  const requestId = res.headers.get('x-request-id');
  expect(requestId).toBeTruthy();
  const lines = await auditRows('SELECT * FROM audit WHERE request_id = ? ORDER BY seq', requestId);
  expect(lines).toHaveLength(1);
  const line = lines[0]!;
  expect(line).toMatchObject({ actor: ADMIN, role: 'admin', action: spec.action, entity: spec.entity });
  expect(Date.parse(String(line.at))).not.toBeNaN();
  const before = json(line.before);
  const after = json(line.after);
  if (spec.action === 'create') {
    expect(before).toBeNull();
    const id = res.body.session?.id ?? res.body.id ?? res.body.email;
    expect(line.entity_id).toBe(id);
    if (res.body.session) expect(after).toMatchObject({ id, kind: res.body.session.kind });
    else if (spec.entity === 'member')
      expect(after).toEqual({ email: id, role: (req.body as { role: string }).role });
    else expect(after).toMatchObject({ id });
  } else if (spec.action === 'delete') {
    expect(before).not.toBeNull();
    expect(after).toBeNull();
  } else {
    expect(after).not.toBeNull();
    if (!spec.entity.endsWith('-assessment')) expect(before).not.toBeNull();
    // What was sent is what the line says the record became.
    if (route.startsWith('PATCH') || route.startsWith('PUT')) expect(after).toMatchObject(req.body as object);
  }
}

describe('audit trail: every write recorded once, with its before and after', () => {
  it('every write route says what it records', () => {
    const routes = writeRoutes();
    expect(routes.length).toBeGreaterThanOrEqual(15);
    expect(routes.filter((r) => !ROUTE_CASES[r]?.audit)).toEqual([]);
  });

  for (const route of writeRoutes()) {
    const spec = ROUTE_CASES[route]?.audit;
    if (!spec || 'none' in spec) continue;
    it(`${route} → one "${spec.action}" line on ${spec.entity}`, () => expectOneAuditLine(route, spec));
  }
});

describe('audit trail: overrides and refused writes', () => {
  it('an override records the session and, separately, who overrode and why', async () => {
    const { territory } = await makeTerritory();
    await call('POST', '/v1/sessions', {
      body: session({ kind: 'territory-interview', territoryId: territory.id }),
    });
    const res = await call('POST', '/v1/sessions', {
      body: session({
        kind: 'territory-interview',
        territoryId: territory.id,
        override: { reason: 'Second entretien demandé par le COPIL.' },
      }),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const lines = await auditRows(
      'SELECT * FROM audit WHERE request_id = ? ORDER BY seq',
      res.headers.get('x-request-id'),
    );
    expect(lines.map((l) => l.action)).toEqual(['create', 'override']);
    expect(json(lines[1]!.after)).toEqual({ reason: 'Second entretien demandé par le COPIL.' });
  });

  it('a refused write leaves no audit line', async () => {
    const { territory, consultant } = await makeTerritory();
    const before = await auditRows('SELECT COUNT(*) AS n FROM audit');
    const res = await call('POST', '/v1/sessions', {
      as: consultant,
      body: session({ territoryId: territory.id, durationMinutes: 0 }),
    });
    expect(res.status).toBe(400);
    expect(await auditRows('SELECT COUNT(*) AS n FROM audit')).toEqual(before);
  });
});

describe('audit trail: append-only', () => {
  it('no route changes or deletes a line, and the table refuses it outright', async () => {
    const world = await makeWorld();
    // A territory whose contact an erase will later remove: its old lines must survive intact.
    const contact = `${uid('contact')}@mairie.example`;
    await call('PATCH', `/v1/territories/${world.territory.id}`, {
      body: { contacts: [{ name: 'Dominique Roux', role: 'DGS', email: contact, phone: '05 61 00 00 00' }] },
    });
    const snapshot = await auditRows();
    expect(snapshot.length).toBeGreaterThan(0);
    for (const route of writeRoutes()) {
      const req = await ROUTE_CASES[route]!.build(world);
      await call(route.split(' ')[0]!, req.path, { body: req.body });
    }
    const erase = await call('POST', `/v1/people/${encodeURIComponent(contact)}/erase`);
    expect(erase.status).toBe(200);
    const now = await auditRows();
    expect(now.length).toBeGreaterThan(snapshot.length);
    expect(now.slice(0, snapshot.length)).toEqual(snapshot);
    expect(JSON.stringify(now.slice(0, snapshot.length))).toContain(contact);

    await expect(env.DB.prepare("UPDATE audit SET actor = 'someone-else'").run()).rejects.toThrow(
      /append-only/,
    );
    await expect(env.DB.prepare('DELETE FROM audit').run()).rejects.toThrow(/append-only/);
    expect(await auditRows()).toEqual(now);
  });
});

describe('GET /v1/audit (admin)', () => {
  it('filters by entity, entity id and actor, oldest first', async () => {
    const { territory, consultant } = await makeTerritory();
    const s = await call('POST', '/v1/sessions', {
      as: consultant,
      body: session({ territoryId: territory.id }),
    });
    const byEntity = await call('GET', `/v1/audit?entity=session&entityId=${s.body.session.id}`);
    expect(byEntity.status).toBe(200);
    expect(byEntity.body.entries).toHaveLength(1);
    expect(byEntity.body.entries[0]).toMatchObject({
      actor: consultant,
      role: 'consultant',
      action: 'create',
      entity: 'session',
      entityId: s.body.session.id,
      before: null,
      requestId: s.headers.get('x-request-id'),
    });
    const byActor = await call('GET', `/v1/audit?actor=${encodeURIComponent(consultant.toUpperCase())}`);
    expect(byActor.body.entries.map((e: { entityId: string }) => e.entityId)).toEqual([s.body.session.id]);
    const seqs = (await call('GET', '/v1/audit?entity=territory')).body.entries.map(
      (e: { seq: number }) => e.seq,
    );
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  });

  it('filters by Paris calendar dates (from and to inclusive) and by instants', async () => {
    const email = `${uid('dated')}@example.org`;
    await call('POST', '/v1/members', { body: { email, role: 'viewer' } });
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
    const q = (extra: string) =>
      call('GET', `/v1/audit?entity=member&entityId=${encodeURIComponent(email)}${extra}`);
    expect((await q(`&from=${today}&to=${today}`)).body.entries).toHaveLength(1);
    expect((await q('&to=2025-01-01')).body.entries).toHaveLength(0);
    expect((await q('&from=2999-01-01')).body.entries).toHaveLength(0);
    expect((await q(`&to=${new Date(Date.now() + 60_000).toISOString()}`)).body.entries).toHaveLength(1);
    expect(zonedDayStart('2025-01-15')).toBe('2025-01-14T23:00:00.000Z');
    expect(zonedDayStart('2025-07-15')).toBe('2025-07-14T22:00:00.000Z');
    expect(zonedDayStart('2025-03-30', 'Europe/Paris', 1)).toBe('2025-03-30T22:00:00.000Z');
  });
});

describe('GET /v1/audit paging and refusals (admin)', () => {
  it('pages with limit and next', async () => {
    const email = `${uid('paged')}@example.org`;
    // Each change of role with the member's ETag (a change without it is refused: harmful-input.test.ts).
    let etag = '';
    for (const role of ['viewer', 'consultant', 'viewer']) {
      const res = await call('POST', '/v1/members', {
        body: { email, role },
        headers: etag ? { 'if-match': etag } : {},
      });
      etag = res.headers.get('etag') ?? '';
    }
    const base = `/v1/audit?entity=member&entityId=${encodeURIComponent(email)}&limit=2`;
    const first = await call('GET', base);
    expect(first.body.entries.map((e: { action: string }) => e.action)).toEqual(['create', 'update']);
    expect(first.body.next).toBe(first.body.entries[1].seq);
    const second = await call('GET', `${base}&after=${first.body.next}`);
    expect(second.body.entries.map((e: { after: { role: string } }) => e.after.role)).toEqual(['viewer']);
    expect(second.body.next).toBeNull();
  });

  it.each([
    ['from=hier', 'from'],
    ['to=2025-13-45', 'to'],
    // Days a month does not have, refused as /v1/sessions refuses them (not read as 2 March).
    ['from=2025-02-30', 'from'],
    ['to=2025-04-31', 'to'],
    ['from=2025-02-30T10:00:00Z', 'from'],
    ['limit=0', 'limit'],
    ['limit=abc', 'limit'],
    ['after=-1', 'after'],
  ])('refuses the malformed filter %s in French', async (query, path) => {
    const res = await call('GET', `/v1/audit?${query}`);
    expect(res.status, query).toBe(400);
    expect(res.body.error.issues[0].path).toBe(path);
    expect(res.body.error.message).toMatch(/attendu/);
  });
});

describe('GET /v1/audit?entity=&id=: one record’s history, for its readers', () => {
  it('gives a viewer and another territory’s consultant a session’s history; the whole trail stays the admins’', async () => {
    const { territory, consultant } = await makeTerritory();
    const other = await makeTerritory();
    const viewer = `${uid('v')}@ademe.example`;
    await call('POST', '/v1/members', { body: { email: viewer, role: 'viewer' } });
    const s = await call('POST', '/v1/sessions', {
      as: consultant,
      body: session({ territoryId: territory.id }),
    });
    const id = s.body.session.id as string;
    await call('PATCH', `/v1/sessions/${id}`, { body: { participants: 7 } });
    for (const reader of [viewer, other.consultant, consultant]) {
      const res = await call('GET', `/v1/audit?entity=session&id=${id}`, { as: reader });
      expect(res.status, reader).toBe(200);
      expect(res.body.entries.map((e: { action: string; actor: string }) => [e.action, e.actor])).toEqual([
        ['create', consultant],
        ['update', ADMIN],
      ]);
      expect(res.body.entries[1].after.participants).toBe(7);
    }
    for (const path of [
      '/v1/audit',
      '/v1/audit?entity=session',
      `/v1/audit?id=${id}`,
      `/v1/audit?entity=member&id=${encodeURIComponent(viewer)}`,
    ]) {
      const res = await call('GET', path, { as: viewer });
      expect(res.status, path).toBe(403);
      expect(res.body.error.message).toMatch(
        /^Le journal d’audit complet est réservé aux administrateurs ADEME/,
      );
    }
  });
});

describe('GET /v1/audit?entity=territory&id=: a territory’s history', () => {
  it('holds a territory’s assessment lines, its contacts’ details only for those who may read them', async () => {
    const contact = {
      name: 'Léa Garcia',
      role: 'Cheffe de projet mobilité',
      email: 'lea.garcia@agglo.example',
      phone: '05 63 00 00 00',
    };
    const { territory, consultant } = await makeTerritory({ contacts: [contact] });
    const other = await makeTerritory();
    await call('PUT', `/v1/territories/${territory.id}/assessment`, {
      as: consultant,
      body: { findings: 'Constat.', stakes: 'Enjeux.', recommendations: 'Recommandations.' },
    });
    const history = async (as: string) =>
      (await call('GET', `/v1/audit?entity=territory&id=${territory.id}`, { as })).body.entries as {
        entity: string;
        after: { contacts?: unknown[] };
      }[];
    const own = await history(consultant);
    expect(own.map((e) => e.entity)).toEqual(['territory', 'territory-assessment']);
    expect(own[0]!.after.contacts).toEqual([contact]);
    const foreign = await history(other.consultant);
    expect(foreign.map((e) => e.entity)).toEqual(['territory', 'territory-assessment']);
    expect(foreign[0]!.after.contacts).toEqual([{ name: contact.name, role: contact.role }]);
    expect(JSON.stringify(foreign)).not.toContain('lea.garcia');
  });
});
