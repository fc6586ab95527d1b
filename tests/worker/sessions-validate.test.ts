// POST /v1/sessions/validate: every rule of POST /v1/sessions on a batch of rows, in order,
// each accepted row counted before the next, nothing stored. The last test sends each row to
// POST /v1/sessions afterwards: the answers are what the check predicted.
import { describe, expect, it } from 'vitest';
import { session } from './bodies';
import { ADMIN, call, counts, makeTerritory, makeTerritoryWithPartner, uid } from './helpers';
import { plain } from './plain';

const validate = (as: string, rows: Record<string, unknown>[], extra: Record<string, unknown> = {}) =>
  call('POST', '/v1/sessions/validate', { as, body: { rows, ...extra } });

/** A collective support (at most 120 min, 5 a territory) of `territoryId`, on row `row`. */
const support = (territoryId: string, row: number, over: Record<string, unknown> = {}) => ({
  row,
  ...session({ kind: 'collective-support', territoryId, date: '2025-10-14', durationMinutes: 120 }),
  ...over,
});

interface Checked {
  row: number;
  ok: boolean;
  errors: { field: string; code: string; message: string }[];
  quota?: { used: number; limit: number; status: string };
  stored?: true;
  override?: true;
}
const results = (res: { status: number; body: { results: Checked[] } }) => {
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.results;
};

describe('checking rows without writing', () => {
  it('answers each row in order and stores nothing, audit included', async () => {
    const { territory, consultant } = await makeTerritory();
    const before = await counts();
    const out = results(await validate(consultant, [support(territory.id, 2), support(territory.id, 3)]));
    expect(out.map((r) => [r.row, r.ok, r.errors])).toEqual([
      [2, true, []],
      [3, true, []],
    ]);
    expect(out.map((r) => r.quota?.used)).toEqual([1, 2]);
    expect(await counts()).toEqual(before);
    const listed = await call('GET', `/v1/sessions?territoryId=${territory.id}`);
    expect(listed.body.sessions).toEqual([]);
  });

  it('counts quotas down the batch, from what is stored, as if each accepted row were written', async () => {
    const { territory, consultant } = await makeTerritory();
    const { row: _, ...body } = support(territory.id, 1);
    for (const _ of [1, 2])
      expect((await call('POST', '/v1/sessions', { as: consultant, body })).status).toBe(201);
    const rows = [2, 3, 4, 5].map((row) => support(territory.id, row));
    const out = results(await validate(consultant, rows));
    expect(out.map((r) => r.ok)).toEqual([true, true, true, false]);
    expect(out[2]?.quota).toMatchObject({ used: 5, limit: 5, status: 'reached' });
    expect(out[3]?.errors).toEqual([
      {
        field: 'territoryId',
        code: 'QUOTA_EXCEEDED',
        message: expect.stringMatching(
          new RegExp(
            `^Territoire «\u00a0${territory.name}\u00a0» — Quota dépassé\u00a0: Appui collectif — 5\u00a0séances`,
          ),
        ),
      },
    ]);
  });
});

describe('checking each row’s limits', () => {
  it('refuses a session over its kind’s maximum, saying the maximum, before counting it', async () => {
    const { territory, consultant } = await makeTerritory();
    const out = results(
      await validate(consultant, [
        support(territory.id, 7, { durationMinutes: 210 }),
        support(territory.id, 8),
      ]),
    );
    expect(out[0]).toMatchObject({ ok: false, quota: { used: 0 } });
    expect(plain(out[0]!.errors[0]!.message)).toBe(
      'Appui collectif : 120 min au plus par séance (210 min saisies). Un administrateur peut déroger avec un motif.',
    );
    expect(out[1]).toMatchObject({ ok: true, quota: { used: 1 } });
  });

  it('says one thing per field, for every field that is wrong, and keeps the calendar', async () => {
    const { territory, consultant } = await makeTerritory();
    const out = results(
      await validate(consultant, [
        { row: 2, ...session({ territoryId: territory.id, date: '2025-10-32', summary: '', mode: 'visio' }) },
        { row: 3, ...session({ territoryId: territory.id, date: '2030-01-15' }) },
        { row: 4, ...session({ territoryId: territory.id, durationMinutes: 0, unknown: 1 }) },
      ]),
    );
    expect(out[0]!.errors.map((e) => e.field).sort()).toEqual(['date', 'mode', 'summary']);
    expect(new Set(out[0]!.errors.map((e) => e.message)).size).toBe(3);
    expect(out[1]!.errors).toEqual([
      {
        field: 'date',
        code: 'VALIDATION_FAILED',
        message:
          'La date doit être comprise entre le 1er\u00a0février\u00a02025 et le 30\u00a0juin\u00a02026.',
      },
    ]);
    expect(out[2]!.errors.map((e) => e.field).sort()).toEqual(['durationMinutes', 'row']);
  });

  it('takes a workshop host and an ADEME month once, even twice in the same batch', async () => {
    const host = await makeTerritory();
    const month = '2025-11';
    const rows = [
      { row: 2, ...session({ kind: 'workshop', territoryId: host.territory.id, date: '2025-06-12' }) },
      { row: 3, ...session({ kind: 'workshop', territoryId: host.territory.id, date: '2025-06-19' }) },
      { row: 4, ...session({ kind: 'ademe-monthly', date: `${month}-05`, durationMinutes: 45 }) },
      { row: 5, ...session({ kind: 'ademe-monthly', date: `${month}-20`, durationMinutes: 45 }) },
    ];
    const out = results(await validate(ADMIN, rows));
    expect(out.map((r) => r.ok)).toEqual([true, false, true, false]);
    expect(out[1]!.errors[0]).toMatchObject({ field: 'territoryId', code: 'QUOTA_EXCEEDED' });
    expect(out[3]!.errors[0]).toMatchObject({ field: 'date', code: 'QUOTA_EXCEEDED' });
  });
});

describe('who may check what', () => {
  it('tells a consultant which rows are another territory’s; a viewer may not check at all', async () => {
    const mine = await makeTerritory();
    const theirs = await makeTerritory();
    const viewer = `${uid('viewer')}@ademe.example`;
    await call('POST', '/v1/members', { body: { email: viewer, role: 'viewer' } });
    const out = results(
      await validate(mine.consultant, [support(mine.territory.id, 2), support(theirs.territory.id, 3)]),
    );
    expect(out[0]!.ok).toBe(true);
    expect(out[1]!.errors).toEqual([
      {
        field: 'territoryId',
        code: 'FORBIDDEN',
        message: `Vous n’êtes pas consultant du territoire «\u00a0${theirs.territory.name}\u00a0».`,
      },
    ]);
    const refused = await validate(viewer, [support(mine.territory.id, 2)]);
    expect(refused.status).toBe(403);
  });

  it('lets only an admin override: per row, or where needed for the whole batch', async () => {
    const { territory, consultant } = await makeTerritory();
    const reason = { reason: 'Appui supplémentaire validé en COPIL.' };
    const own = results(await validate(consultant, [support(territory.id, 2, { override: reason })]));
    expect(own[0]!.errors).toEqual([
      { field: 'override', code: 'FORBIDDEN', message: 'Seul un administrateur peut déroger à un quota.' },
    ]);
    expect(
      (await validate(consultant, [support(territory.id, 2)], { overrideWhereNeeded: reason })).status,
    ).toBe(403);
    const rows = [2, 3, 4, 5, 6, 7].map((row) => support(territory.id, row));
    rows[0] = support(territory.id, 2, { durationMinutes: 150 });
    const out = results(await validate(ADMIN, rows, { overrideWhereNeeded: reason }));
    expect(out.map((r) => [r.ok, r.override ?? false])).toEqual([
      [true, true],
      [true, false],
      [true, false],
      [true, false],
      [true, false],
      [true, true],
    ]);
    expect(out[5]!.quota).toMatchObject({ used: 6, limit: 5, status: 'exceeded' });
  });
});

describe('ids already used', () => {
  it('a stored id with the same body is a replay; with another body, the conflict POST answers', async () => {
    const { territory, consultant } = await makeTerritory();
    const body = session({ id: crypto.randomUUID(), territoryId: territory.id });
    expect((await call('POST', '/v1/sessions', { as: consultant, body })).status).toBe(201);
    const again = { row: 2, ...body };
    const changed = { row: 3, ...body, durationMinutes: 60 };
    const fresh = { row: 4, ...session({ id: crypto.randomUUID(), territoryId: territory.id }) };
    const repeated = { ...fresh, row: 5, participants: 9 };
    const out = results(await validate(consultant, [again, changed, fresh, repeated]));
    expect(out[0]).toMatchObject({ ok: true, stored: true, quota: { used: 120 } });
    expect(out[1]!.errors).toEqual([
      {
        field: 'id',
        code: 'IDEMPOTENCY_CONFLICT',
        message: expect.stringContaining('(10/03/2025, 120\u00a0min, Diagnostic et accompagnement)'),
      },
    ]);
    expect(out[2]).toMatchObject({ ok: true, quota: { used: 240 } });
    expect(out[3]).toMatchObject({ ok: false, errors: [{ field: 'id', code: 'IDEMPOTENCY_CONFLICT' }] });
  });

  it('refuses more than 500 rows in one call', async () => {
    const { territory } = await makeTerritory();
    const rows = Array.from({ length: 501 }, (_, i) => support(territory.id, i + 2, { summary: 'x' }));
    const res = await validate(ADMIN, rows);
    expect(res.status).toBe(400);
    expect(res.body.error.issues[0].path).toBe('rows');
  });
});

describe('the check predicts what POST /v1/sessions answers', () => {
  it('row by row, in order: accepted exactly when predicted, refused with the predicted code', async () => {
    const { territory, consultant, partner } = await makeTerritoryWithPartner();
    const other = await makeTerritory();
    const p = (row: number, over: Record<string, unknown>) => ({
      row,
      ...session({ id: crypto.randomUUID(), territoryId: territory.id }),
      ...over,
    });
    const rows = [
      ...[2, 3, 4, 5, 6, 7].map((row) => support(territory.id, row, { id: crypto.randomUUID() })),
      p(8, { kind: 'partner-support', partnerId: partner.id, durationMinutes: 90 }),
      p(9, { kind: 'partner-support', partnerId: partner.id, durationMinutes: 150 }),
      p(10, { kind: 'partner-support', durationMinutes: 60 }),
      p(11, { territoryId: other.territory.id }),
      p(12, { durationMinutes: 1680 }),
      p(13, { durationMinutes: 60 }),
      p(14, { date: '2026-07-01' }),
      p(15, { kind: 'workshop', date: '2025-06-12' }),
      p(16, { kind: 'workshop', date: '2025-06-19' }),
    ];
    const predicted = results(await validate(consultant, rows));
    for (const [i, { row, ...body }] of rows.entries()) {
      const res = await call('POST', '/v1/sessions', { as: consultant, body });
      const guess = predicted[i]!;
      expect([row, res.status < 300], JSON.stringify(res.body)).toEqual([row, guess.ok]);
      if (!guess.ok) expect(res.body.error.code).toBe(guess.errors[0]!.code);
    }
    expect(predicted.filter((r) => r.ok).length).toBeGreaterThanOrEqual(5);
    expect(predicted.filter((r) => !r.ok).length).toBeGreaterThanOrEqual(5);
  });
});
