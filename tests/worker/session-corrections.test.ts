// A session is corrected (PATCH) or cancelled (DELETE) by its author or an admin; a change of
// duration or date re-checks the quota in the same atomic step: 409 and nothing written.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { blocker, session } from './bodies';
import { ADMIN, call, makeTerritory, uid } from './helpers';
import { plain } from './plain';

/** Everything a refused correction must leave as it was. */
const state = async (id: string) => ({
  row: await env.DB.prepare('SELECT * FROM sessions WHERE id = ?').bind(id).first(),
  usage: (await env.DB.prepare('SELECT * FROM quota_usage ORDER BY kind, subject').all()).results,
  audit: await env.DB.prepare('SELECT COUNT(*) AS n FROM audit').first(),
});

/** The use recounted from the sessions themselves, per quota subject. */
async function recount(kind: string) {
  const { results } = await env.DB.prepare(
    `SELECT quota_subject AS subject, COUNT(*) AS sessions, SUM(duration_minutes) AS minutes FROM sessions
     WHERE deleted_at IS NULL AND kind = ? GROUP BY quota_subject ORDER BY quota_subject`,
  )
    .bind(kind)
    .all();
  return results;
}
const usage = async (kind: string) =>
  (
    await env.DB.prepare(
      'SELECT subject, sessions, minutes FROM quota_usage WHERE kind = ? AND sessions > 0 ORDER BY subject',
    )
      .bind(kind)
      .all()
  ).results;

async function logged(as: string, body: Record<string, unknown>) {
  const res = await call('POST', '/v1/sessions', { as, body: session(body) });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.session.id as string;
}

/** A session logged by the consultant of a fresh territory. */
async function ownSession(over: Record<string, unknown> = {}) {
  const { territory, consultant } = await makeTerritory();
  const id = await logged(consultant, { territoryId: territory.id, ...over });
  return { territory, consultant, id };
}

/** PATCH of a session, as `as` (the admin when null). */
const patch = (id: string, as: string | null, body: Record<string, unknown>) =>
  call('PATCH', `/v1/sessions/${id}`, { ...(as ? { as } : {}), body });

/** A second consultant, member and consultant of the territory beside its first. */
async function addColleague(territoryId: string, consultant: string) {
  const colleague = `${uid('colleague')}@amo.example`;
  await call('POST', '/v1/members', { body: { email: colleague, role: 'consultant' } });
  const res = await call('PATCH', `/v1/territories/${territoryId}`, {
    body: { consultants: [consultant, colleague] },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return colleague;
}

/** A blocker of a fresh other territory. */
async function foreignBlocker() {
  const other = await makeTerritory();
  const res = await call('POST', '/v1/blockers', { body: blocker({ territoryId: other.territory.id }) });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { other, blockerId: res.body.id as string };
}

describe('GET /v1/sessions?createdBy=me', () => {
  it('lists the live sessions the caller logged, whoever else logged on the same territory', async () => {
    const { territory, consultant } = await makeTerritory();
    const colleague = await addColleague(territory.id, consultant);
    const mine = [
      await logged(consultant, { territoryId: territory.id, date: '2025-03-12' }),
      await logged(consultant, { territoryId: territory.id, date: '2025-03-11' }),
    ];
    const theirs = await logged(colleague, { territoryId: territory.id });
    const cancelled = await logged(consultant, { territoryId: territory.id });
    expect((await call('DELETE', `/v1/sessions/${cancelled}`, { as: consultant })).status).toBe(200);
    const res = await call('GET', '/v1/sessions?createdBy=me', { as: consultant });
    expect(res.status).toBe(200);
    expect(res.body.sessions.map((s: { id: string }) => s.id)).toEqual([mine[1], mine[0]]);
    const all = await call('GET', `/v1/sessions?territoryId=${territory.id}`, { as: consultant });
    expect(all.body.sessions.map((s: { id: string }) => s.id)).toContain(theirs);
    const other = await call('GET', '/v1/sessions?createdBy=me', { as: colleague });
    expect(other.body.sessions.map((s: { id: string }) => s.id)).toEqual([theirs]);
    const admin = await call('GET', `/v1/sessions?createdBy=me&territoryId=${territory.id}`);
    expect(admin.body.sessions).toEqual([]);
  });

  it('takes only `me`: another author is a French 400', async () => {
    const res = await call('GET', `/v1/sessions?createdBy=${encodeURIComponent('x@amo.example')}`);
    expect(res.status).toBe(400);
    expect(res.body.error.issues[0]).toMatchObject({ path: 'createdBy' });
    expect(res.body.error.issues[0].message).toBe('Valeur non reconnue. Valeurs possibles\u00a0: me.');
  });
});

describe('PATCH /v1/sessions/:id by its author', () => {
  it('corrects what was written, audited, with the new version and who corrected it', async () => {
    const { territory, consultant, id } = await ownSession({ durationMinutes: 60 });
    const res = await patch(id, consultant, {
      summary: 'Diagnostic complété.',
      decisions: 'Relancer les entreprises.',
      durationMinutes: 90,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.headers.get('etag')).toBe('"2"');
    expect(res.body.session).toMatchObject({
      id,
      summary: 'Diagnostic complété.',
      decisions: 'Relancer les entreprises.',
      durationMinutes: 90,
      createdBy: consultant,
      updatedBy: consultant,
      version: 2,
    });
    expect(res.body.quota).toMatchObject({ key: 'diagnostic', subjectId: territory.id, used: 90 });
    const line = await env.DB.prepare(
      "SELECT actor, before, after FROM audit WHERE entity = 'session' AND entity_id = ? AND action = 'update'",
    )
      .bind(id)
      .first<{ actor: string; before: string; after: string }>();
    expect(line?.actor).toBe(consultant);
    expect(JSON.parse(line!.before)).toMatchObject({ durationMinutes: 60, version: 1 });
    expect(JSON.parse(line!.after)).toMatchObject({ durationMinutes: 90, summary: 'Diagnostic complété.' });
    expect(await usage('diagnostic')).toEqual(await recount('diagnostic'));
  });
});

describe('PATCH /v1/sessions/:id re-checks the quota', () => {
  it('a longer session that would pass the quota is a 409 QUOTA_EXCEEDED, and nothing is written', async () => {
    const { territory, consultant } = await ownSession({ durationMinutes: 1200 });
    const id = await logged(consultant, { territoryId: territory.id, durationMinutes: 400 });
    const before = await state(id);
    const res = await patch(id, consultant, { durationMinutes: 500 });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('QUOTA_EXCEEDED');
    expect(res.body.error.quota).toMatchObject({ key: 'diagnostic', used: 1600, limit: 1680 });
    expect(plain(res.body.error.message)).toMatch(
      /^Quota dépassé : Diagnostic .* cette saisie en demande 100 min/,
    );
    expect(await state(id)).toEqual(before);
    // Within what is left, it passes; shorter always does.
    expect((await patch(id, consultant, { durationMinutes: 480 })).status).toBe(200);
    expect((await patch(id, consultant, { durationMinutes: 30 })).status).toBe(200);
    expect(await usage('diagnostic')).toEqual(await recount('diagnostic'));
  });

  it('keeps the cap of one session (collective support, 120 min)', async () => {
    const { consultant, id } = await ownSession({ kind: 'collective-support', durationMinutes: 90 });
    const before = await state(id);
    const res = await patch(id, consultant, { durationMinutes: 150 });
    expect(res.status).toBe(409);
    expect(res.body.error.issues[0].path).toBe('durationMinutes');
    expect(plain(res.body.error.message)).toMatch(/120 min au plus par séance \(150 min saisies\)/);
    expect(await state(id)).toEqual(before);
  });

  it('a new date moves the monthly ADEME meeting to its month, if that month has none yet', async () => {
    const april = await logged(ADMIN, { kind: 'ademe-monthly', date: '2026-04-07', durationMinutes: 45 });
    const may = await logged(ADMIN, { kind: 'ademe-monthly', date: '2026-05-05', durationMinutes: 45 });
    const before = await state(may);
    const taken = await patch(may, null, { date: '2026-04-21' });
    expect(taken.status).toBe(409);
    expect(taken.body.error.quota).toMatchObject({
      key: 'ademe-monthly',
      subjectId: '2026-04',
      used: 1,
      limit: 1,
    });
    expect(await state(may)).toEqual(before);
    const moved = await patch(may, null, { date: '2026-06-02' });
    expect(moved.status).toBe(200);
    expect(moved.body.quota).toMatchObject({ subjectId: '2026-06', used: 1 });
    const month = await env.DB.prepare('SELECT month, quota_subject FROM sessions WHERE id = ?')
      .bind(may)
      .first();
    expect(month).toEqual({ month: '2026-06', quota_subject: '2026-06' });
    expect(await usage('ademe-monthly')).toEqual(await recount('ademe-monthly'));
    expect(april).toBeTruthy();
  });
});

describe('PATCH /v1/sessions/:id under concurrency', () => {
  it('20 concurrent lengthenings racing for the last minutes of a quota never overshoot it', async () => {
    const { territory, consultant } = await makeTerritory();
    const ids: string[] = [];
    for (let i = 0; i < 20; i++)
      ids.push(await logged(consultant, { territoryId: territory.id, durationMinutes: 60 }));
    // 1,200 of 1,680 minutes used: 480 left, so 8 of the 20 (+60 each) can pass.
    const answers = await Promise.all(ids.map((id) => patch(id, consultant, { durationMinutes: 120 })));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(8);
    expect(statuses.filter((s) => s === 409)).toHaveLength(12);
    const total = await env.DB.prepare(
      "SELECT SUM(duration_minutes) AS n FROM sessions WHERE territory_id = ? AND kind = 'diagnostic' AND deleted_at IS NULL",
    )
      .bind(territory.id)
      .first<{ n: number }>();
    expect(total?.n).toBe(1680);
    expect(await usage('diagnostic')).toEqual(await recount('diagnostic'));
  });
});

describe('a session names only what it may', () => {
  it('refuses a date outside the programme, blockers of another territory, and what may not change', async () => {
    const { consultant, id } = await ownSession();
    const { other, blockerId } = await foreignBlocker();
    const before = await state(id);
    const outside = await patch(id, consultant, { date: '2024-01-10' });
    expect(outside.status).toBe(400);
    expect(outside.body.error.issues[0].path).toBe('date');
    const foreign = await patch(id, consultant, { blockerIds: [blockerId] });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.issues[0]).toEqual({
      path: 'blockerIds.0',
      message: `Le verrou ${blockerId} concerne un autre territoire que cette séance.`,
    });
    for (const body of [
      { kind: 'copil' },
      { territoryId: other.territory.id },
      { override: { reason: 'x'.repeat(12) } },
    ])
      expect((await patch(id, consultant, body)).status).toBe(400);
    expect(await state(id)).toEqual(before);
  });

  it('a session names only blockers of its own territory when logged, too', async () => {
    const { territory, consultant } = await makeTerritory();
    const { blockerId } = await foreignBlocker();
    const res = await call('POST', '/v1/sessions', {
      as: consultant,
      body: session({ territoryId: territory.id, blockerIds: [blockerId] }),
    });
    expect(res.status).toBe(400);
    expect(res.body.error.issues[0].path).toBe('blockerIds.0');
    expect(plain(res.body.error.message)).toMatch(/concerne un autre territoire/);
  });
});

describe('who corrects or cancels a session', () => {
  it('only its author (still consultant of the territory) or an admin corrects or cancels it', async () => {
    const { territory, consultant, id } = await ownSession();
    const colleague = await addColleague(territory.id, consultant);
    const byColleague = await patch(id, colleague, { participants: 9 });
    expect(byColleague.status).toBe(403);
    expect(byColleague.body.error.message).toBe(
      `Seuls l’auteur de cette séance (${consultant}) et les administrateurs ADEME peuvent la corriger ou l’annuler.`,
    );
    expect((await call('DELETE', `/v1/sessions/${id}`, { as: colleague })).status).toBe(403);
    // Removed from the territory, the author no longer writes for it.
    await call('PATCH', `/v1/territories/${territory.id}`, { body: { consultants: [colleague] } });
    const removed = await patch(id, consultant, { participants: 9 });
    expect(removed.status).toBe(403);
    expect(removed.body.error.message).toMatch(/pas consultant du territoire/);
    expect((await patch(id, null, { participants: 9 })).status).toBe(200);
  });

  it('cancelled, it frees its quota, answers 404 to a correction, and a stale If-Match is a 412', async () => {
    const { consultant, id } = await ownSession({ durationMinutes: 120 });
    const cancel = (etag: string) =>
      call('DELETE', `/v1/sessions/${id}`, { as: consultant, headers: { 'if-match': etag } });
    const stale = await cancel('"9"');
    expect(stale.status).toBe(412);
    expect(stale.body.error.current).toMatchObject({ id, version: 1 });
    const del = await cancel('"1"');
    expect(del.status).toBe(200);
    expect(del.body.session).toMatchObject({ deletedBy: consultant, version: 2 });
    expect(del.body.quota).toMatchObject({ used: 0 });
    expect((await patch(id, consultant, { participants: 4 })).status).toBe(404);
    expect(await usage('diagnostic')).toEqual(await recount('diagnostic'));
  });
});
