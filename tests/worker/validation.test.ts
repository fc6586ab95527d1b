import { describe, expect, it } from 'vitest';
import { MSG } from '../../shared/i18n/messages';
import { call, counts, makePartner, makeTerritory, session } from './helpers';

type Issue = { path: string; message: string };

describe('bad input: 400 in French with paths, and nothing written', () => {
  it('rejects wrong types, unknown fields, empty strings, impossible dates and negative durations', async () => {
    const { territory, consultant } = await makeTerritory();
    const partner = await makePartner(territory.id);
    const base = session({ territoryId: territory.id });
    const cases: [string, string, unknown, string][] = [
      ['/v1/sessions', 'wrong type', { ...base, durationMinutes: '120' }, 'durationMinutes'],
      ['/v1/sessions', 'float minutes', { ...base, durationMinutes: 12.5 }, 'durationMinutes'],
      ['/v1/sessions', 'negative duration', { ...base, durationMinutes: -30 }, 'durationMinutes'],
      ['/v1/sessions', 'zero participants', { ...base, participants: 0 }, 'participants'],
      ['/v1/sessions', 'impossible date', { ...base, date: '2025-02-30' }, 'date'],
      ['/v1/sessions', 'not a date', { ...base, date: '10/03/2025' }, 'date'],
      ['/v1/sessions', 'date outside the programme', { ...base, date: '2024-12-31' }, 'date'],
      ['/v1/sessions', 'unknown kind', { ...base, kind: 'coffee' }, 'kind'],
      ['/v1/sessions', 'unknown field', { ...base, invoiceAmount: 1000 }, ''],
      ['/v1/sessions', 'empty summary', { ...base, summary: '' }, 'summary'],
      ['/v1/sessions', 'blank summary', { ...base, summary: '   ' }, 'summary'],
      ['/v1/sessions', 'summary over 5,000 characters', { ...base, summary: 'x'.repeat(5001) }, 'summary'],
      ['/v1/sessions', 'missing summary', { ...base, summary: undefined }, 'summary'],
      ['/v1/sessions', 'unknown territory', { ...base, territoryId: 'nowhere' }, 'territoryId'],
      ['/v1/sessions', 'unknown blocker', { ...base, blockerIds: ['nope'] }, 'blockerIds.0'],
      ['/v1/sessions', 'null body field', { ...base, mode: null }, 'mode'],
      [
        '/v1/blockers',
        'resolved without solution',
        {
          territoryId: territory.id,
          category: 'cost',
          title: 'T',
          description: 'D',
          owner: 'territory',
          status: 'resolved',
        },
        'solution',
      ],
      [
        '/v1/blockers',
        'unknown category',
        { territoryId: territory.id, category: 'weather', title: 'T', description: 'D', owner: 'territory' },
        'category',
      ],
      [
        '/v1/indicators',
        'usage rate over 100',
        {
          territoryId: territory.id,
          indicator: 'usage-rate',
          unit: '%',
          periodStart: '2025-01-01',
          periodEnd: '2025-02-01',
          value: 140,
        },
        'value',
      ],
      [
        '/v1/indicators',
        'custom without label',
        {
          territoryId: territory.id,
          indicator: 'custom',
          unit: 'u',
          periodStart: '2025-01-01',
          periodEnd: '2025-02-01',
          value: 1,
        },
        'label',
      ],
      [
        '/v1/indicators',
        'period reversed',
        {
          territoryId: territory.id,
          indicator: 'km',
          unit: 'km',
          periodStart: '2025-03-01',
          periodEnd: '2025-02-01',
          value: 1,
        },
        'periodEnd',
      ],
      [
        '/v1/indicators',
        'negative value',
        {
          territoryId: territory.id,
          indicator: 'km',
          unit: 'km',
          periodStart: '2025-01-01',
          periodEnd: '2025-02-01',
          value: -1,
        },
        'value',
      ],
      [
        '/v1/actions',
        'ease out of scale',
        {
          partnerId: partner.id,
          title: 'T',
          description: 'D',
          actors: 'A',
          implementationDelay: '1 mois',
          blockers: 'B',
          reproducibility: { ease: 4, duplicationPotential: 1, actorsInvolved: 1 },
        },
        'reproducibility.ease',
      ],
      [
        '/v1/workshops',
        'number 0',
        {
          number: 0,
          theme: 'T',
          date: '2025-05-01',
          hostTerritoryId: territory.id,
          participants: 5,
          problem: 'P',
          blockersAndSolutions: 'B',
          actors: 'A',
          examplesAndContacts: 'E',
          keyFigures: [],
        },
        'number',
      ],
      [
        '/v1/workshops',
        'number beyond the programme',
        {
          number: 5,
          theme: 'T',
          date: '2025-05-01',
          hostTerritoryId: territory.id,
          participants: 5,
          problem: 'P',
          blockersAndSolutions: 'B',
          actors: 'A',
          examplesAndContacts: 'E',
          keyFigures: [],
        },
        'number',
      ],
      [
        `/v1/territories/${territory.id}/partners`,
        'unknown kind',
        { name: 'P', kind: 'bank', useCase: { category: 'commute', description: 'D' } },
        'kind',
      ],
      [
        '/v1/territories',
        'bad email',
        { name: 'T', legalForm: 'cc', centralCityInsee: '81004', consultants: ['not-an-email'] },
        'consultants.0',
      ],
      ['/v1/members', 'unknown role', { email: 'x@y.example', role: 'owner' }, 'role'],
    ];
    for (const [path, label, body, path_] of cases) {
      const before = await counts();
      const res = await call('POST', path, {
        as: path === '/v1/territories' || path === '/v1/members' ? undefined : consultant,
        body,
      });
      expect(res.status, `${label}: ${JSON.stringify(res.body)}`).toBe(400);
      expect(res.body.error.code, label).toBe('VALIDATION_FAILED');
      const issue = (res.body.error.issues as Issue[]).find((i) => i.path === path_);
      expect(issue, `${label}: ${JSON.stringify(res.body.error.issues)}`).toBeDefined();
      // French, and not the library's English defaults.
      expect(issue!.message, label).toMatch(/[a-zàâçéèêëîïôûùüÿœ]/i);
      expect(issue!.message, label).not.toMatch(/\b(Invalid|Expected|Required|received)\b/);
      expect(await counts(), label).toEqual(before);
    }
  });

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
    const blocker = await call('POST', '/v1/blockers', {
      as: consultant,
      body: {
        territoryId: territory.id,
        category: 'other',
        title: nasty.slice(0, 200),
        description: nasty,
        owner: 'other',
      },
    });
    expect(blocker.status).toBe(201);
    expect((await call('GET', `/v1/blockers/${blocker.body.id}`)).body.description).toBe(nasty);
  });
});
