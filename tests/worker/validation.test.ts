import { describe, expect, it } from 'vitest';
import { MSG } from '../../shared/i18n/messages';
import { action, blocker, indicator, session, workshop } from './bodies';
import { call, counts, makeTerritory, makeTerritoryWithPartner } from './helpers';

type Issue = { path: string; message: string };
/** A refused body: what it tests, the body, and the path of the issue it must name. */
type Case = [label: string, body: unknown, issuePath: string];

/**
 * Posts each case to `path` and checks the refusal: 400 VALIDATION_FAILED naming the field, a
 * French message (not the library's English default), and nothing written.
 */
async function expectRefused(path: string, as: string | undefined, cases: Case[]) {
  for (const [label, body, issuePath] of cases) {
    const before = await counts();
    const res = await call('POST', path, { as, body });
    expect(res.status, `${label}: ${JSON.stringify(res.body)}`).toBe(400);
    expect(res.body.error.code, label).toBe('VALIDATION_FAILED');
    const issue = (res.body.error.issues as Issue[]).find((i) => i.path === issuePath);
    expect(issue, `${label}: ${JSON.stringify(res.body.error.issues)}`).toBeDefined();
    expect(issue!.message, label).toMatch(/[a-zàâçéèêëîïôûùüÿœ]/i);
    expect(issue!.message, label).not.toMatch(/\b(Invalid|Expected|Required|received)\b/);
    expect(await counts(), label).toEqual(before);
  }
}

describe('bad input: 400 in French with paths, and nothing written — sessions, blockers, indicators', () => {
  it('sessions: wrong types, impossible dates, negative durations, unknown fields and references, empty strings', async () => {
    const { territory, consultant } = await makeTerritory();
    const base = session({ territoryId: territory.id });
    await expectRefused('/v1/sessions', consultant, [
      ['wrong type', { ...base, durationMinutes: '120' }, 'durationMinutes'],
      ['float minutes', { ...base, durationMinutes: 12.5 }, 'durationMinutes'],
      ['negative duration', { ...base, durationMinutes: -30 }, 'durationMinutes'],
      ['zero participants', { ...base, participants: 0 }, 'participants'],
      ['impossible date', { ...base, date: '2025-02-30' }, 'date'],
      ['not a date', { ...base, date: '10/03/2025' }, 'date'],
      ['date outside the programme', { ...base, date: '2024-12-31' }, 'date'],
      ['unknown kind', { ...base, kind: 'coffee' }, 'kind'],
      ['unknown field', { ...base, invoiceAmount: 1000 }, ''],
      ['empty summary', { ...base, summary: '' }, 'summary'],
      ['blank summary', { ...base, summary: '   ' }, 'summary'],
      ['summary over 5,000 characters', { ...base, summary: 'x'.repeat(5001) }, 'summary'],
      ['missing summary', { ...base, summary: undefined }, 'summary'],
      ['unknown territory', { ...base, territoryId: 'nowhere' }, 'territoryId'],
      ['unknown blocker', { ...base, blockerIds: ['nope'] }, 'blockerIds.0'],
      ['null body field', { ...base, mode: null }, 'mode'],
    ]);
  });

  it('blockers and indicators: unknown codes, a resolution without solution, values out of range', async () => {
    const { territory, consultant } = await makeTerritory();
    const territoryId = territory.id;
    await expectRefused('/v1/blockers', consultant, [
      ['resolved without solution', blocker({ territoryId, status: 'resolved' }), 'solution'],
      ['unknown category', blocker({ territoryId, category: 'weather' }), 'category'],
    ]);
    await expectRefused('/v1/indicators', consultant, [
      [
        'usage rate over 100',
        indicator({ territoryId, indicator: 'usage-rate', unit: '%', value: 140 }),
        'value',
      ],
      ['custom without label', indicator({ territoryId, indicator: 'custom', unit: 'u' }), 'label'],
      [
        'period reversed',
        indicator({ territoryId, periodStart: '2025-03-01', periodEnd: '2025-02-01' }),
        'periodEnd',
      ],
      ['negative value', indicator({ territoryId, value: -1 }), 'value'],
    ]);
  });
});

describe('bad input: 400 in French with paths, and nothing written — actions, workshops, partners, territories, members', () => {
  it('actions, workshops and partners: scales, numbers and kinds out of range', async () => {
    const { territory, consultant, partner } = await makeTerritoryWithPartner();
    const reproducibility = { ease: 4, duplicationPotential: 1, actorsInvolved: 1 };
    await expectRefused('/v1/actions', consultant, [
      ['ease out of scale', action({ partnerId: partner.id, reproducibility }), 'reproducibility.ease'],
    ]);
    await expectRefused('/v1/workshops', consultant, [
      ['number 0', workshop({ hostTerritoryId: territory.id, number: 0 }), 'number'],
      ['number beyond the programme', workshop({ hostTerritoryId: territory.id, number: 5 }), 'number'],
    ]);
    await expectRefused(`/v1/territories/${territory.id}/partners`, consultant, [
      [
        'unknown kind',
        { name: 'P', kind: 'bank', useCase: { category: 'commute', description: 'D' } },
        'kind',
      ],
    ]);
  });

  it('territories and members (as the admin): a bad e-mail, an unknown role', async () => {
    await expectRefused('/v1/territories', undefined, [
      [
        'bad email',
        { name: 'T', legalForm: 'cc', centralCityInsee: '81004', consultants: ['not-an-email'] },
        'consultants.0',
      ],
    ]);
    await expectRefused('/v1/members', undefined, [
      ['unknown role', { email: 'x@y.example', role: 'owner' }, 'role'],
    ]);
  });
});

describe('bad bodies as a whole', () => {
  it('names every problem of a body at once, with French messages', async () => {
    const { territory, consultant } = await makeTerritory();
    const res = await call('POST', '/v1/sessions', {
      as: consultant,
      body: {
        kind: 'diagnostic',
        territoryId: territory.id,
        date: '2025-13-01',
        durationMinutes: -1,
        mode: 'video',
        participants: 'trois',
        summary: '',
        extra: true,
      },
    });
    expect(res.status).toBe(400);
    const byPath = Object.fromEntries((res.body.error.issues as Issue[]).map((i) => [i.path, i.message]));
    expect(byPath).toEqual({
      date: 'Valeur attendue\u00a0: une date réelle au format AAAA-MM-JJ.',
      durationMinutes: 'La valeur doit être au moins 1.',
      mode: 'Valeur non reconnue. Valeurs possibles\u00a0: remote, on-site.',
      participants: 'Valeur attendue\u00a0: un nombre.',
      summary: 'Ce champ est obligatoire.',
      '': 'Champ inconnu\u00a0: «\u00a0extra\u00a0».',
    });
    expect(res.body.error.message).toBe(MSG.validation);
  });

  it('rejects malformed JSON and non-object bodies', async () => {
    const { consultant } = await makeTerritory();
    const before = await counts();
    for (const raw of ['{"kind": "diagnostic",', 'not json', '[]', 'null', '42', '']) {
      const res = await call('POST', '/v1/sessions', {
        as: consultant,
        raw,
        headers: { 'content-type': 'application/json' },
      });
      expect(res.status, raw).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.message).toMatch(/JSON/);
    }
    expect(await counts()).toEqual(before);
  });
});

describe('text is data', () => {
  it('stores HTML and SQL in text verbatim', async () => {
    const { territory, consultant } = await makeTerritory();
    const nasty = `<script>alert('x')</script><img src=x onerror=alert(1)> '); DROP TABLE sessions; -- "=SUM(A1)" 🚲 é`;
    const res = await call('POST', '/v1/sessions', {
      as: consultant,
      body: session({ territoryId: territory.id, summary: nasty, decisions: `  ${nasty}  ` }),
    });
    expect(res.status).toBe(201);
    const back = await call('GET', `/v1/sessions/${res.body.session.id}`);
    expect(back.body.summary).toBe(nasty);
    expect(back.body.decisions).toBe(`  ${nasty}  `);
    const stored = await call('POST', '/v1/blockers', {
      as: consultant,
      body: blocker({
        territoryId: territory.id,
        category: 'other',
        title: nasty.slice(0, 200),
        description: nasty,
        owner: 'other',
      }),
    });
    expect(stored.status).toBe(201);
    expect((await call('GET', `/v1/blockers/${stored.body.id}`)).body.description).toBe(nasty);
  });
});
