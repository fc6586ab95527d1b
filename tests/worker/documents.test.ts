import { describe, expect, it } from 'vitest';
import { ACTION_HEADINGS } from '../../worker/documents/action-sheet';
import { REPORT_HEADINGS, REPORT_TITLES } from '../../worker/documents/progress-report';
import { FINAL_HEADINGS } from '../../worker/documents/report-final';
import { SUMMARY_HEADINGS } from '../../worker/documents/territory-summary';
import { WORKSHOP_HEADINGS } from '../../worker/documents/workshop-sheet';
import { action, workshop } from './bodies';
import {
  documentCount,
  documentHtml,
  generate,
  headings,
  requestDocument,
  requestSummary,
  rowCounts,
  territoryWithRecord,
  XSS,
} from './documents-fixtures';
import { ADMIN, call, freeWorkshopNumber, makePartner, makeTerritory, uid } from './helpers';
import { plain } from './plain';

const SUMMARY_REQUIRED = Object.values(SUMMARY_HEADINGS);

/** Every heading of `required` stands among the page's headings. */
const expectHeadings = (page: string, required: string[]) => {
  for (const h of required) expect(headings(page)).toContain(h);
};

/** The workshop sheet of a territory, by its consultant, with figures to show. */
async function workshopFor(territoryId: string, consultant: string, over: Record<string, unknown> = {}) {
  const res = await call('POST', '/v1/workshops', {
    as: consultant,
    body: workshop({
      number: await freeWorkshopNumber(),
      date: '2025-05-20',
      hostTerritoryId: territoryId,
      participants: 18,
      keyFigures: [{ label: 'Arceaux posés', value: '20', unit: 'arceaux' }],
      ...over,
    }),
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

describe('documents — territory summary, local default (no Google configured)', () => {
  it('keeps a small territory’s summary, with every heading, and serves it as HTML', async () => {
    const { territory, consultant } = await territoryWithRecord();
    const doc = await generate(consultant, { type: 'territory-summary', territoryId: territory.id });
    expect(doc).toMatchObject({
      type: 'territory-summary',
      title: `Synthèse territoriale — ${territory.name}`,
      pagesCountedBy: 'estimate',
      createdBy: consultant,
      version: 1,
    });
    expect(doc.googleDocId).toBeUndefined();
    expect(doc.pages).toBeGreaterThanOrEqual(1);
    expect(doc.pages).toBeLessThan(5);
    expect(doc.url).toMatch(
      new RegExp(`/v1/documents/${doc.id}/html/signed\\?expires=\\d+(&pd=[^&]+)?&signature=`),
    );
    const page = await documentHtml(doc.id);
    expectHeadings(page, SUMMARY_REQUIRED);
    // Fiche descriptive: legal form, central city with its INSEE population, named contacts;
    // never the consultants' e-mail addresses.
    expect(page).toContain('Communauté d’agglomération');
    expect(page).toMatch(/Albi \(code INSEE 81004/);
    expect(page).toMatch(/\d habitants/);
    expect(page).toContain('Aucun contact nommé');
    // (The identification block names who generated the version; the fiche lists no e-mail.)
    const fiche = page.slice(
      page.indexOf('>Fiche descriptive</h2>'),
      page.indexOf('<h2', page.indexOf('>Fiche descriptive</h2>')),
    );
    expect(fiche.length).toBeGreaterThan(100);
    expect(fiche).not.toContain(consultant);
    // CO₂ from VELI km with ADEME's factors, the source cited; date and version.
    expect(page).toContain('kg CO₂e');
    expect(page).toContain('Impact CO₂');
    expect(page).toMatch(/<th[^>]*>Version<\/th><td[^>]*>1<\/td>/);
    const listed = await call('GET', `/v1/documents?territoryId=${territory.id}`);
    expect(listed.body.documents.map((d: { id: string }) => d.id)).toEqual([doc.id]);
    const one = await call('GET', `/v1/documents/${doc.id}`, { as: consultant });
    expect(one.body).toMatchObject({ id: doc.id, pages: doc.pages });
  });
});

describe('documents — territory summary, regenerated, oversized and escaped', () => {
  it('regenerating the same summary updates the same document (version 2, one row)', async () => {
    const { territory, consultant } = await territoryWithRecord();
    const first = await generate(consultant, { type: 'territory-summary', territoryId: territory.id });
    const before = await documentCount();
    const second = await generate(ADMIN, { type: 'territory-summary', territoryId: territory.id });
    expect(second).toMatchObject({ id: first.id, version: 2, updatedBy: ADMIN, createdBy: consultant });
    expect(await documentCount()).toBe(before);
    expect(await documentHtml(first.id)).toMatch(/<th[^>]*>Version<\/th><td[^>]*>2<\/td>/);
  });

  it('fits an oversized territory under the page budget, summarising and saying so', {
    timeout: 60_000,
  }, async () => {
    const big = { partners: 3, sessions: 60, blockers: 40, indicators: 50, textChars: 5000 };
    const { territory, consultant } = await territoryWithRecord(big);
    const doc = await generate(consultant, { type: 'territory-summary', territoryId: territory.id });
    expect(doc.pages).toBeLessThanOrEqual(4);
    const page = await documentHtml(doc.id);
    expectHeadings(page, SUMMARY_REQUIRED);
    expect(page).toMatch(/autres verrous non détaillés : /);
    expect(page).toMatch(/Texte abrégé pour tenir le format : [\d\s]+ caractères sur 5\s000/);
    expect(page).toMatch(/périodes antérieures|autres indicateurs non détaillés/);
    expect(page).toContain('60 séances tenues');
    expect(page).toContain('40 verrous consignés');
    // Recommendations are never shortened: the whole 5,000 characters are there.
    expect(page).toContain('Recommandation');
  });

  it('escapes every user text: markup shows as text', async () => {
    const small = { marker: XSS, partners: 1, blockers: 2, indicators: 5 };
    const { territory, consultant } = await territoryWithRecord(small);
    const doc = await generate(consultant, { type: 'territory-summary', territoryId: territory.id });
    const page = await documentHtml(doc.id);
    expect(page).not.toMatch(/<script/i);
    expect(page).not.toMatch(/<img/i);
    expect(page).toContain('&lt;script&gt;window.__pwned = 1&lt;/script&gt;');
    const head = await call('GET', `/v1/documents/${doc.id}/html`);
    expect(head.headers.get('content-security-policy')).toContain("default-src 'none'");
  });
});

describe('documents — who may ask, and requests that cannot be served', () => {
  it('refuses viewers, other territories’ consultants and incomplete requests, writing nothing', async () => {
    const { territory } = await makeTerritory();
    const other = await makeTerritory();
    const viewer = `${uid('v')}@ademe.example`;
    await call('POST', '/v1/members', { body: { email: viewer, role: 'viewer' } });
    const before = await rowCounts();
    expect((await requestSummary(viewer, territory.id)).status).toBe(403);
    const asOther = await requestSummary(other.consultant, territory.id);
    expect(asOther.status).toBe(403);
    expect(asOther.body.error.message).toContain('consultant du territoire');
    const missing = await requestDocument(ADMIN, { type: 'territory-summary' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.issues[0]).toMatchObject({
      path: 'territoryId',
      message: expect.stringContaining('territoire'),
    });
    expect((await requestDocument(ADMIN, { type: 'poster' })).status).toBe(400);
    expect((await requestDocument(ADMIN, { type: 'progress-report' })).status).toBe(400);
    expect((await requestSummary(ADMIN, 'nope')).status).toBe(404);
    expect(await rowCounts()).toEqual(before);
    expect((await call('GET', '/v1/documents/nope')).status).toBe(404);
    expect((await call('GET', '/v1/documents/nope/html')).status).toBe(404);
  });
});

describe('documents — workshop and action sheets', () => {
  it('workshop sheet: problématique, verrous et solutions, jeu d’acteurs, exemples et contacts, chiffres clés', async () => {
    const { territory, consultant } = await makeTerritory();
    const w = await workshopFor(territory.id, consultant, { actors: `Acteurs ${XSS}` });
    const doc = await generate(consultant, { type: 'workshop-sheet', workshopId: w.id });
    expect(doc.title).toBe(`Fiche atelier n° ${w.number} — Stationnement des vélos cargos`);
    const page = await documentHtml(doc.id);
    expectHeadings(page, Object.values(WORKSHOP_HEADINGS));
    expect(page).toContain('Arceaux posés');
    expect(page).toContain('20 arceaux');
    expect(page).toContain('Acteurs &lt;script&gt;');
    expect(page).not.toMatch(/<script/i);
    const listed = await call('GET', `/v1/documents?territoryId=${territory.id}`);
    expect(listed.body.documents.map((d: { type: string }) => d.type)).toEqual(['workshop-sheet']);
  });

  it('action sheet: description, acteur, délai, verrous and the degree of reproducibility', async () => {
    const { territory, consultant } = await makeTerritory();
    const partner = await makePartner(territory.id, { name: 'Biocoop du Tarn' });
    const a = await call('POST', '/v1/actions', {
      as: consultant,
      body: action({
        partnerId: partner.id,
        title: 'Livraisons en triporteur',
        reproducibility: { ease: 3, duplicationPotential: 3, actorsInvolved: 2 },
      }),
    });
    expect(a.status).toBe(201);
    const doc = await generate(consultant, { type: 'action-sheet', actionId: a.body.id });
    const page = await documentHtml(doc.id);
    expectHeadings(page, Object.values(ACTION_HEADINGS));
    for (const label of [
      'Facilité de mise en œuvre',
      'Potentiel de duplication',
      'Nombre d’acteurs impliqués',
    ])
      expect(page).toContain(label);
    expect(page).toMatch(/Degré de reproductibilité<\/th><td[^>]*>Élevé/);
    expect(page).toContain('Biocoop du Tarn');
    expect(page).toContain('3 mois');
    const other = await makeTerritory();
    const refused = await requestDocument(other.consultant, { type: 'action-sheet', actionId: a.body.id });
    expect(refused.status).toBe(403);
  });
});

describe('documents — progress reports', () => {
  it('reports 1, 2 and final gather the summaries, workshop sheets, action sheets and the assessment', async () => {
    const { territory, consultant, partners } = await territoryWithRecord({ partners: 1 });
    const w = await workshopFor(territory.id, consultant);
    await call('POST', '/v1/actions', {
      as: consultant,
      body: action({
        partnerId: partners[0]!.id,
        title: 'Navette vélo-bus',
        reproducibility: { ease: 1, duplicationPotential: 2, actorsInvolved: 8 },
      }),
    });
    await call('PUT', '/v1/programme/assessment', {
      body: {
        finalCopilMinutes: 'Le COPIL final valide le bilan.',
        criticalView: 'Le prestataire regrette le manque de stationnement.',
      },
    });

    const r1 = await generate(consultant, { type: 'progress-report', report: 1 });
    expect(plain(r1.title)).toBe(REPORT_TITLES['1']);
    const p1 = await documentHtml(r1.id);
    expectHeadings(p1, [`Synthèse territoriale — ${territory.name}`, ...SUMMARY_REQUIRED]);

    const r2 = await generate(ADMIN, { type: 'progress-report', report: '2' });
    expectHeadings(await documentHtml(r2.id), [
      `Fiche atelier n° ${w.number} — Stationnement des vélos cargos`,
      ...Object.values(WORKSHOP_HEADINGS),
    ]);

    const rf = await generate(ADMIN, { type: 'progress-report', report: 'final' });
    const pageF = await documentHtml(rf.id);
    expectHeadings(pageF, [
      FINAL_HEADINGS.totals,
      FINAL_HEADINGS.matrix,
      `${REPORT_HEADINGS.actions} — ${territory.name}`,
      REPORT_HEADINGS.assessment,
      REPORT_HEADINGS.copil,
      REPORT_HEADINGS.critical,
      'Fiche action — Navette vélo-bus',
    ]);
    // In the report the sheets are compact (several share a page): their items are table rows.
    for (const label of [
      'Statut',
      'Délai de mise en œuvre',
      'Acteurs impliqués',
      'Degré de reproductibilité',
    ])
      expect(pageF).toMatch(new RegExp(`<th[^>]*>${label.replace(/'/g, '&#39;')}</th>`));
    expect(pageF).toContain('Le COPIL final valide le bilan.');
    expect(pageF).toContain('Le prestataire regrette le manque de stationnement.');
    expect(pageF).toContain(territory.name.replace(/'/g, '&#39;'));
  });
});
