import { describe, expect, it } from 'vitest';
import { ACTION_HEADINGS } from '../../worker/documents/action-sheet';
import { REPORT_HEADINGS, REPORT_TITLES } from '../../worker/documents/progress-report';
import { FINAL_HEADINGS } from '../../worker/documents/report-final';
import { SUMMARY_HEADINGS } from '../../worker/documents/territory-summary';
import { WORKSHOP_HEADINGS } from '../../worker/documents/workshop-sheet';
import { documentCount, headings, territoryWithRecord, XSS } from './documents-fixtures';
import { ADMIN, call, counts, makePartner, makeTerritory, uid } from './helpers';
import { plain } from './plain';

const SUMMARY_REQUIRED = Object.values(SUMMARY_HEADINGS);

async function html(id: string) {
  const res = await call('GET', `/v1/documents/${id}/html`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/html/);
  return plain(res.body as string);
}

async function workshopFor(territoryId: string, consultant: string, over: Record<string, unknown> = {}) {
  const { body: existing } = await call('GET', '/v1/workshops');
  const used = new Set(existing.workshops.map((w: { number: number }) => w.number));
  const number = [1, 2, 3, 4].find((n) => !used.has(n));
  const res = await call('POST', '/v1/workshops', {
    as: consultant,
    body: {
      number,
      theme: 'Stationnement des vélos cargos',
      date: '2025-05-20',
      hostTerritoryId: territoryId,
      participants: 18,
      problem: 'Où garer les vélos cargos en centre-ville ?',
      blockersAndSolutions: 'Manque d’arceaux adaptés : la mairie en pose vingt.',
      actors: 'Mairie, commerçants, association de cyclistes.',
      examplesAndContacts: 'Albi : abri sécurisé en gare (contact : service mobilité).',
      keyFigures: [{ label: 'Arceaux posés', value: '20', unit: 'arceaux' }],
      ...over,
    },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

describe('documents — local default (no Google configured)', () => {
  it('keeps a small territory’s summary, with every heading, and serves it as HTML', async () => {
    const { territory, consultant } = await territoryWithRecord();
    const res = await call('POST', '/v1/documents', {
      as: consultant,
      body: { type: 'territory-summary', territoryId: territory.id },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      type: 'territory-summary',
      title: `Synthèse territoriale — ${territory.name}`,
      pagesCountedBy: 'estimate',
      createdBy: consultant,
      version: 1,
    });
    expect(res.body.googleDocId).toBeUndefined();
    expect(res.body.pages).toBeGreaterThanOrEqual(1);
    expect(res.body.pages).toBeLessThan(5);
    expect(res.body.url).toMatch(
      new RegExp(`/v1/documents/${res.body.id}/html/signed\\?expires=\\d+&signature=`),
    );
    const page = await html(res.body.id);
    for (const h of SUMMARY_REQUIRED) expect(headings(page)).toContain(h);
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
    expect(listed.body.documents.map((d: { id: string }) => d.id)).toEqual([res.body.id]);
    const one = await call('GET', `/v1/documents/${res.body.id}`, { as: consultant });
    expect(one.body).toMatchObject({ id: res.body.id, pages: res.body.pages });
  });

  it('regenerating the same summary updates the same document (version 2, one row)', async () => {
    const { territory, consultant } = await territoryWithRecord();
    const first = await call('POST', '/v1/documents', {
      as: consultant,
      body: { type: 'territory-summary', territoryId: territory.id },
    });
    const before = await documentCount();
    const second = await call('POST', '/v1/documents', {
      as: ADMIN,
      body: { type: 'territory-summary', territoryId: territory.id },
    });
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({
      id: first.body.id,
      version: 2,
      updatedBy: ADMIN,
      createdBy: consultant,
    });
    expect(await documentCount()).toBe(before);
    expect(await html(first.body.id)).toMatch(/<th[^>]*>Version<\/th><td[^>]*>2<\/td>/);
  });

  it('fits an oversized territory under the page budget, summarising and saying so', {
    timeout: 60_000,
  }, async () => {
    const { territory, consultant } = await territoryWithRecord({
      partners: 3,
      sessions: 60,
      blockers: 40,
      indicators: 50,
      textChars: 5000,
    });
    const res = await call('POST', '/v1/documents', {
      as: consultant,
      body: { type: 'territory-summary', territoryId: territory.id },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.pages).toBeLessThanOrEqual(4);
    const page = await html(res.body.id);
    for (const h of SUMMARY_REQUIRED) expect(headings(page)).toContain(h);
    expect(page).toMatch(/autres verrous non détaillés : /);
    expect(page).toMatch(/Texte abrégé pour tenir le format : [\d\s]+ caractères sur 5\s000/);
    expect(page).toMatch(/périodes antérieures|autres indicateurs non détaillés/);
    expect(page).toContain('60 séances tenues');
    expect(page).toContain('40 verrous consignés');
    // Recommendations are never shortened: the whole 5,000 characters are there.
    expect(page).toContain('Recommandation');
  });

  it('escapes every user text: markup shows as text', async () => {
    const { territory, consultant } = await territoryWithRecord({
      marker: XSS,
      partners: 1,
      blockers: 2,
      indicators: 5,
    });
    const res = await call('POST', '/v1/documents', {
      as: consultant,
      body: { type: 'territory-summary', territoryId: territory.id },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const page = await html(res.body.id);
    expect(page).not.toMatch(/<script/i);
    expect(page).not.toMatch(/<img/i);
    expect(page).toContain('&lt;script&gt;window.__pwned = 1&lt;/script&gt;');
    const head = await call('GET', `/v1/documents/${res.body.id}/html`);
    expect(head.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('refuses viewers, other territories’ consultants and incomplete requests, writing nothing', async () => {
    const { territory } = await makeTerritory();
    const other = await makeTerritory();
    const viewer = `${uid('v')}@ademe.example`;
    await call('POST', '/v1/members', { body: { email: viewer, role: 'viewer' } });
    const before = { ...(await counts()), documents: await documentCount() };
    const asViewer = await call('POST', '/v1/documents', {
      as: viewer,
      body: { type: 'territory-summary', territoryId: territory.id },
    });
    expect(asViewer.status).toBe(403);
    const asOther = await call('POST', '/v1/documents', {
      as: other.consultant,
      body: { type: 'territory-summary', territoryId: territory.id },
    });
    expect(asOther.status).toBe(403);
    expect(asOther.body.error.message).toContain('consultant du territoire');
    const missing = await call('POST', '/v1/documents', { body: { type: 'territory-summary' } });
    expect(missing.status).toBe(400);
    expect(missing.body.error.issues[0]).toMatchObject({
      path: 'territoryId',
      message: expect.stringContaining('territoire'),
    });
    const badType = await call('POST', '/v1/documents', { body: { type: 'poster' } });
    expect(badType.status).toBe(400);
    const noReport = await call('POST', '/v1/documents', { body: { type: 'progress-report' } });
    expect(noReport.status).toBe(400);
    const unknown = await call('POST', '/v1/documents', {
      body: { type: 'territory-summary', territoryId: 'nope' },
    });
    expect(unknown.status).toBe(404);
    expect({ ...(await counts()), documents: await documentCount() }).toEqual(before);
    expect((await call('GET', '/v1/documents/nope')).status).toBe(404);
    expect((await call('GET', '/v1/documents/nope/html')).status).toBe(404);
  });

  it('workshop sheet: problématique, verrous et solutions, jeu d’acteurs, exemples et contacts, chiffres clés', async () => {
    const { territory, consultant } = await makeTerritory();
    const w = await workshopFor(territory.id, consultant, { actors: `Acteurs ${XSS}` });
    const res = await call('POST', '/v1/documents', {
      as: consultant,
      body: { type: 'workshop-sheet', workshopId: w.id },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.title).toBe(`Fiche atelier n° ${w.number} — Stationnement des vélos cargos`);
    const page = await html(res.body.id);
    for (const h of Object.values(WORKSHOP_HEADINGS)) expect(headings(page)).toContain(h);
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
      body: {
        partnerId: partner.id,
        title: 'Livraisons en triporteur',
        description: 'Les livraisons de moins de 3 km passent au triporteur.',
        actors: 'Biocoop, la communauté d’agglomération',
        implementationDelay: '3 mois',
        blockers: 'Assurance du triporteur.',
        reproducibility: { ease: 3, duplicationPotential: 3, actorsInvolved: 2 },
      },
    });
    expect(a.status).toBe(201);
    const res = await call('POST', '/v1/documents', {
      as: consultant,
      body: { type: 'action-sheet', actionId: a.body.id },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const page = await html(res.body.id);
    for (const h of Object.values(ACTION_HEADINGS)) expect(headings(page)).toContain(h);
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
    const refused = await call('POST', '/v1/documents', {
      as: other.consultant,
      body: { type: 'action-sheet', actionId: a.body.id },
    });
    expect(refused.status).toBe(403);
  });

  it('progress reports 1, 2 and final gather the summaries, workshop sheets, action sheets and the assessment', async () => {
    const { territory, consultant, partners } = await territoryWithRecord({ partners: 1 });
    const w = await workshopFor(territory.id, consultant);
    await call('POST', '/v1/actions', {
      as: consultant,
      body: {
        partnerId: partners[0].id,
        title: 'Navette vélo-bus',
        description: 'Une navette en vélo-bus pour l’école.',
        actors: 'École, parents',
        implementationDelay: '1 an',
        blockers: 'Encadrement.',
        reproducibility: { ease: 1, duplicationPotential: 2, actorsInvolved: 8 },
      },
    });
    await call('PUT', '/v1/programme/assessment', {
      body: {
        finalCopilMinutes: 'Le COPIL final valide le bilan.',
        criticalView: 'Le prestataire regrette le manque de stationnement.',
      },
    });

    const r1 = await call('POST', '/v1/documents', {
      as: consultant,
      body: { type: 'progress-report', report: 1 },
    });
    expect(r1.status, JSON.stringify(r1.body)).toBe(201);
    expect(plain(r1.body.title)).toBe(REPORT_TITLES['1']);
    const p1 = headings(await html(r1.body.id));
    expect(p1).toContain(`Synthèse territoriale — ${territory.name}`);
    for (const h of SUMMARY_REQUIRED) expect(p1).toContain(h);

    const r2 = await call('POST', '/v1/documents', { body: { type: 'progress-report', report: '2' } });
    expect(r2.status).toBe(201);
    const p2 = headings(await html(r2.body.id));
    expect(p2).toContain(`Fiche atelier n° ${w.number} — Stationnement des vélos cargos`);
    for (const h of Object.values(WORKSHOP_HEADINGS)) expect(p2).toContain(h);

    const rf = await call('POST', '/v1/documents', { body: { type: 'progress-report', report: 'final' } });
    expect(rf.status).toBe(201);
    const pageF = await html(rf.body.id);
    const pf = headings(pageF);
    for (const h of [
      FINAL_HEADINGS.totals,
      FINAL_HEADINGS.matrix,
      `${REPORT_HEADINGS.actions} — ${territory.name}`,
      REPORT_HEADINGS.assessment,
      REPORT_HEADINGS.copil,
      REPORT_HEADINGS.critical,
    ])
      expect(pf).toContain(h);
    expect(pf).toContain('Fiche action — Navette vélo-bus');
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
