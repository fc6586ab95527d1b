// POST /v1/documents: asOf, status, and a summary that cannot fit (422 DOES_NOT_FIT).
import { describe, expect, it } from 'vitest';
import { blocker, session } from './bodies';
import { documentCount, documentHtml, generate, requestSummary, rowCounts } from './documents-fixtures';
import { ADMIN, call, makePartner, makeTerritory } from './helpers';

/** A territory with two diagnostic days, one before and one after the phase 1 cut-off. */
async function territoryOverTime() {
  const { territory, consultant } = await makeTerritory();
  for (const date of ['2025-03-11', '2025-09-16']) {
    const res = await call('POST', '/v1/sessions', {
      as: consultant,
      body: session({ territoryId: territory.id, date, durationMinutes: 420 }),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
  const stored = await call('POST', '/v1/blockers', {
    as: consultant,
    body: blocker({
      territoryId: territory.id,
      category: 'parking',
      title: 'Stationnement des vélos cargos',
    }),
  });
  expect(stored.status, JSON.stringify(stored.body)).toBe(201);
  return { territory, consultant };
}

describe('POST /v1/documents — as of a date', () => {
  it('freezes the record at asOf and says so; without it, the whole record as of today', async () => {
    const { territory, consultant } = await territoryOverTime();
    const then = await generate(consultant, {
      type: 'territory-summary',
      territoryId: territory.id,
      asOf: '2025-04-30',
    });
    const page = await documentHtml(then.id);
    expect(page).toContain(`Situation arrêtée au 30 avril 2025`);
    expect(page).toContain(`1 j sur 4`);
    expect(page).toContain(`1 séance tenue au 30 avril 2025`);
    // The blocker was recorded today, long after the cut-off.
    expect(page).toContain('Aucun verrou consigné à cette date.');

    const now = await generate(consultant, { type: 'territory-summary', territoryId: territory.id });
    const current = await documentHtml(now.id);
    expect(current).toContain(`2 j sur 4`);
    expect(current).toContain('Stationnement des vélos cargos');
  });

  it('refuses a date in the future or before the programme, writing nothing', async () => {
    const { territory, consultant } = await makeTerritory();
    const before = await rowCounts();
    for (const asOf of ['2999-01-01', '2020-01-01']) {
      const res = await requestSummary(consultant, territory.id, { asOf });
      expect(res.status).toBe(400);
      expect(res.body.error.issues[0]).toMatchObject({
        path: 'asOf',
        message: expect.stringContaining('date d’arrêté'),
      });
    }
    expect(await rowCounts()).toEqual(before);
  });

  it('names the reports there are when asked for another, writing nothing', async () => {
    const before = await rowCounts();
    const res = await call('POST', '/v1/documents', { body: { type: 'progress-report', report: 3 } });
    expect(res.status).toBe(400);
    expect(res.body.error.issues).toEqual([
      { path: 'report', message: 'Valeur non reconnue. Valeurs possibles\u00a0: 1, 2, final.' },
    ]);
    expect(await rowCounts()).toEqual(before);
  });
});

describe('POST /v1/documents — status', () => {
  it('never validates a version at its generation, even for an admin: the workflow does', async () => {
    const { territory, consultant } = await makeTerritory();
    const before = await documentCount();
    for (const as of [consultant, ADMIN]) {
      const refused = await requestSummary(as, territory.id, { status: 'validated' });
      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toContain('soumettez-le');
    }
    expect(await documentCount()).toBe(before);
    const draft = await generate(consultant, {
      type: 'territory-summary',
      territoryId: territory.id,
      status: 'draft',
    });
    expect(draft).toMatchObject({ version: 1, status: 'draft' });
  });
});

describe('POST /v1/documents — a summary that cannot fit', () => {
  it('answers 422 DOES_NOT_FIT naming the field and by how much, and stores nothing', async () => {
    const { territory, consultant } = await makeTerritory();
    await makePartner(territory.id);
    // One sentence of 16,000 characters: recommendations are never shortened.
    const recommendations =
      `${'Intégrer les véhicules intermédiaires au plan de mobilité '.repeat(276)}`.slice(0, 15_999);
    const put = await call('PUT', `/v1/territories/${territory.id}/assessment`, {
      as: consultant,
      body: { findings: 'Constat court.', stakes: 'Enjeu court.', recommendations: `${recommendations}.` },
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const before = await rowCounts();
    const res = await requestSummary(consultant, territory.id);
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    expect(res.body.error.code).toBe('DOES_NOT_FIT');
    expect(res.body.error.message).toContain('Recommandations');
    const [field] = res.body.error.fields;
    expect(field).toMatchObject({
      field: 'assessment.recommendations',
      label: 'Recommandations',
      length: 16_000,
    });
    expect(field.shortenBy).toBeGreaterThan(0);
    expect(res.body.error.message).toContain(
      `à raccourcir de ${field.shortenBy.toLocaleString('fr-FR').replace(/\s/g, '\u202F')}`,
    );
    expect(await rowCounts()).toEqual(before);
  });
});
