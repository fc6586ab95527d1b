// Deliverables ADEME validates (issue 17), local default: submit → validate or request changes,
// who may do what, 409 NOT_READY until warnings are acknowledged, frozen and immutable
// versions, versions listed, documents as of a past date kept apart, sharing recorded, the
// preview that stores nothing, the programme's syntheses written by people.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { workshop } from './bodies';
import { documentCount, generate, rowCounts, territoryWithRecord } from './documents-fixtures';
import { ADMIN, call, freeWorkshopNumber, makeTerritory } from './helpers';
import { plain } from './plain';

const submit = (as: string, id: string, body: unknown = {}) =>
  call('POST', `/v1/documents/${id}/submit`, { as, body });

/** A territory whose summary has no warning: its strategy written in full, nothing condensed. */
async function cleanTerritory() {
  const t = await territoryWithRecord({ blockers: 0 });
  const put = await call('PUT', `/v1/territories/${t.territory.id}/assessment`, {
    as: t.consultant,
    body: {
      findings: 'Le territoire a trois partenaires engagés.',
      stakes: 'Le stationnement des vélos cargos.',
      recommendations: 'Inscrire les VELI au plan de mobilité.',
      needs: 'Des trajets de 5 à 15 km.',
      infrastructure: 'Des abris près des gares.',
      complementarities: 'Le TER et les cars régionaux.',
      planningDocuments: [
        {
          kind: 'pdm',
          title: 'Plan de mobilité 2030',
          status: 'in-revision',
          veliIntegration: 'Un volet VELI.',
        },
      ],
    },
  });
  expect(put.status, JSON.stringify(put.body)).toBe(200);
  return t;
}

describe('names in documents', () => {
  it('names who generated and who submitted by their member name when an admin has given one', async () => {
    const { territory, consultant } = await cleanTerritory();
    const named = await call('POST', '/v1/members', {
      body: { email: consultant, role: 'consultant', name: 'Claire Martin' },
    });
    expect(named.status, JSON.stringify(named.body)).toBe(200);
    const doc = await generate(consultant, { type: 'territory-summary', territoryId: territory.id });
    const draft = plain((await call('GET', `/v1/documents/${doc.id}/html`)).body as string);
    expect(draft).toMatch(/\d{4} par Claire Martin, consultant \(AMO\)</);
    const submitted = await submit(consultant, doc.id);
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect(submitted.body.version.author).toBe('Claire Martin, consultant (AMO)');
    const frozen = plain((await call('GET', `/v1/documents/${doc.id}/versions/1/html`)).body as string);
    expect(frozen).toContain('Claire Martin, consultant (AMO)');
    expect(frozen).not.toContain(consultant);
  });
});

describe('submit → validate', () => {
  it('freezes the version, makes the submitter its author, and an admin validates it', async () => {
    const { territory, consultant } = await cleanTerritory();
    const doc = await generate(ADMIN, { type: 'territory-summary', territoryId: territory.id });
    expect(doc).toMatchObject({ status: 'draft', warnings: [], shortened: [] });
    // The draft names nobody as its author: an admin's click does not make ADEME the author.
    const draftHtml = (await call('GET', `/v1/documents/${doc.id}/html`)).body as string;
    expect(plain(draftHtml)).toContain('Désigné à la soumission');

    const submitted = await submit(consultant, doc.id);
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect(submitted.body.document.status).toBe('submitted');
    expect(submitted.body.version).toMatchObject({
      version: 1,
      status: 'submitted',
      author: `${consultant}, consultant (AMO)`,
    });
    expect(submitted.body.version.sha256).toMatch(/^[0-9a-f]{64}$/);
    const frozen = plain((await call('GET', `/v1/documents/${doc.id}/versions/1/html`)).body as string);
    expect(frozen).toContain(`${consultant}, consultant (AMO)`);
    expect(frozen).toContain('Soumise à la validation de l’ADEME le');
    expect(frozen).not.toContain('Désigné à la soumission');

    // Consultants do not validate; admins do.
    expect(
      (await call('POST', `/v1/documents/${doc.id}/validate`, { as: consultant, body: {} })).status,
    ).toBe(403);
    const validated = await call('POST', `/v1/documents/${doc.id}/validate`, { body: {} });
    expect(validated.status, JSON.stringify(validated.body)).toBe(200);
    expect(validated.body.version).toMatchObject({
      status: 'validated',
      validator: ADMIN,
      author: `${consultant}, consultant (AMO)`,
    });
    expect(validated.body.document.status).toBe('validated');
    const audit = await env.DB.prepare(
      "SELECT after FROM audit WHERE entity = 'document' AND entity_id = ? ORDER BY seq",
    )
      .bind(doc.id)
      .all<{ after: string }>();
    const lines = audit.results.map((r) => JSON.parse(r.after));
    expect(lines.filter((l) => l.sha256 === submitted.body.version.sha256).map((l) => l.status)).toEqual([
      'submitted',
      'validated',
    ]);
  });
});

describe('a validated version', () => {
  it('a validated version stays as it was when the document is regenerated; the new one is a draft', async () => {
    const { territory, consultant } = await cleanTerritory();
    const doc = await generate(consultant, { type: 'territory-summary', territoryId: territory.id });
    expect((await submit(consultant, doc.id)).status).toBe(200);
    expect((await call('POST', `/v1/documents/${doc.id}/validate`, { body: {} })).status).toBe(200);
    const before = (await call('GET', `/v1/documents/${doc.id}/versions/1/html`)).body;

    await call('PUT', `/v1/territories/${territory.id}/assessment`, {
      as: consultant,
      body: { findings: 'Un constat revu après validation.', stakes: 'Enjeux.', recommendations: 'Reco.' },
    });
    const again = await generate(consultant, { type: 'territory-summary', territoryId: territory.id });
    expect(again).toMatchObject({ id: doc.id, version: 2, status: 'draft' });
    expect((await call('GET', `/v1/documents/${doc.id}/versions/1/html`)).body).toBe(before);

    const list = await call('GET', `/v1/documents/${doc.id}/versions`, { as: consultant });
    expect(list.status).toBe(200);
    expect(list.body.versions.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual(
      [
        [2, 'draft'],
        [1, 'validated'],
      ],
    );
    const [draft, valid] = list.body.versions;
    expect(valid).toMatchObject({ author: `${consultant}, consultant (AMO)`, validator: ADMIN });
    expect(valid.htmlUrl).toMatch(/\/versions\/1\/html\/signed\?expires=/);
    expect(draft).toMatchObject({ author: null, validator: null, generatedBy: consultant });
    // The database itself refuses to change a validated version.
    for (const change of ["status = 'draft'", "title = 'x'"]) {
      const err = await env.DB.prepare(
        `UPDATE document_versions SET ${change} WHERE document_id = ? AND version = 1`,
      )
        .bind(doc.id)
        .run()
        .catch((e: Error) => e.message);
      expect(err).toMatch(/a validated version is immutable|a submitted version is frozen/);
    }
    const row = await env.DB.prepare(
      'SELECT status, title FROM document_versions WHERE document_id = ? AND version = 1',
    )
      .bind(doc.id)
      .first<{ status: string; title: string }>();
    expect(row).toEqual({ status: 'validated', title: doc.title });
    // Its frozen HTML opens by its signed link, without an identity.
    const url = new URL(valid.htmlUrl);
    const signed = await call('GET', `${url.pathname}${url.search}`, { as: null });
    expect(signed.status).toBe(200);
    expect(signed.body).toBe(before);
  });
});

describe('changes requested', () => {
  it('request-changes sends the version back with the comment; a new version is submitted after', async () => {
    const { territory, consultant } = await cleanTerritory();
    const doc = await generate(consultant, { type: 'territory-summary', territoryId: territory.id });
    expect((await submit(consultant, doc.id)).status).toBe(200);
    const noComment = await call('POST', `/v1/documents/${doc.id}/request-changes`, { body: {} });
    expect(noComment.status).toBe(400);
    const back = await call('POST', `/v1/documents/${doc.id}/request-changes`, {
      body: { comment: 'Précisez les recommandations sur le stationnement.' },
    });
    expect(back.status).toBe(200);
    expect(back.body.version).toMatchObject({
      status: 'changes-requested',
      reviewComment: 'Précisez les recommandations sur le stationnement.',
    });
    expect(back.body.document.status).toBe('changes-requested');
    // The same version is not submitted twice; a regenerated one is.
    expect((await submit(consultant, doc.id)).status).toBe(409);
    await generate(consultant, { type: 'territory-summary', territoryId: territory.id });
    expect((await submit(consultant, doc.id)).body.version).toMatchObject({
      version: 2,
      status: 'submitted',
    });
  });
});

describe('who may act, and what is refused', () => {
  it('409 NOT_READY while warnings are not acknowledged, naming them; acknowledged, it goes', async () => {
    const { territory, consultant } = await makeTerritory();
    const doc = await generate(consultant, { type: 'territory-summary', territoryId: territory.id });
    const codes = [...new Set(doc.warnings.map((w: { code: string }) => w.code))];
    expect(codes).toContain('empty-section');
    const before = await rowCounts();
    const refused = await submit(consultant, doc.id);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('NOT_READY');
    expect(plain(refused.body.error.message)).toContain('section vide');
    expect(refused.body.error.warnings.length).toBe(doc.warnings.length);
    const partly = await submit(consultant, doc.id, { acknowledge: codes.slice(1) });
    expect(partly.status).toBe(409);
    expect(await rowCounts()).toEqual(before);
    const bad = await submit(consultant, doc.id, { acknowledge: ['not-a-rule'] });
    expect(bad.status).toBe(400);
    const ok = await submit(consultant, doc.id, { acknowledge: codes });
    expect(ok.status).toBe(200);
    expect(ok.body.version.acknowledged).toEqual(codes);
  });

  it('viewers and other territories’ consultants neither submit, validate nor share; nothing changes', async () => {
    const { territory, consultant } = await cleanTerritory();
    const other = await makeTerritory();
    const viewer = 'lecteur-workflow@ademe.example';
    await call('POST', '/v1/members', { body: { email: viewer, role: 'viewer' } });
    const doc = await generate(consultant, { type: 'territory-summary', territoryId: territory.id });
    const before = await rowCounts();
    for (const as of [viewer, other.consultant]) {
      expect((await submit(as, doc.id)).status).toBe(403);
      expect(
        (
          await call('POST', `/v1/documents/${doc.id}/share`, {
            as,
            body: { to: ['x@example.org'], role: 'reader' },
          })
        ).status,
      ).toBe(403);
    }
    expect((await call('POST', `/v1/documents/${doc.id}/validate`, { as: viewer, body: {} })).status).toBe(
      403,
    );
    expect((await call('POST', `/v1/documents/${doc.id}/validate`, { body: {} })).status).toBe(404);
    expect(await rowCounts()).toEqual(before);
    // Viewers read the versions.
    expect((await call('GET', `/v1/documents/${doc.id}/versions`, { as: viewer })).status).toBe(200);
  });
});

describe('documents as of a past date', () => {
  it('are their own document and versions, never the live one', async () => {
    const { territory, consultant } = await cleanTerritory();
    const live = await generate(consultant, { type: 'territory-summary', territoryId: territory.id });
    const dated = await generate(consultant, {
      type: 'territory-summary',
      territoryId: territory.id,
      asOf: '2025-06-30',
    });
    expect(dated.id).not.toBe(live.id);
    expect(dated).toMatchObject({ version: 1, asOf: '2025-06-30' });
    expect(plain(dated.title)).toContain('données au 30 juin 2025');
    expect(live.asOf).toBeNull();
    const liveAgain = await generate(consultant, { type: 'territory-summary', territoryId: territory.id });
    expect(liveAgain).toMatchObject({ id: live.id, version: 2 });
    const datedAgain = await generate(consultant, {
      type: 'territory-summary',
      territoryId: territory.id,
      asOf: '2025-06-30',
    });
    expect(datedAgain).toMatchObject({ id: dated.id, version: 2 });
  });
});

describe('sharing and preview', () => {
  it('records a share with the territory’s contacts (locally: no Drive), and refuses a territory without addresses', async () => {
    const { territory, consultant } = await cleanTerritory();
    const doc = await generate(consultant, { type: 'territory-summary', territoryId: territory.id });
    const none = await call('POST', `/v1/documents/${doc.id}/share`, {
      as: consultant,
      body: { to: 'territory', role: 'reader' },
    });
    expect(none.status).toBe(400);
    await call('PATCH', `/v1/territories/${territory.id}`, {
      body: {
        contacts: [{ name: 'Camille Durand', role: 'Chargée de mobilité', email: 'camille@albi.example' }],
      },
    });
    const shared = await call('POST', `/v1/documents/${doc.id}/share`, {
      as: consultant,
      body: { to: 'territory', role: 'commenter' },
    });
    expect(shared.status, JSON.stringify(shared.body)).toBe(200);
    expect(shared.body.sharedWith).toEqual([
      expect.objectContaining({
        email: 'camille@albi.example',
        role: 'commenter',
        by: consultant,
        drive: false,
      }),
    ]);
  });

  it('the preview shows the first page, the warnings and the pages, and stores nothing', async () => {
    const { territory, consultant } = await territoryWithRecord({ textChars: 2500, blockers: 6 });
    const before = await documentCount();
    const res = await call('POST', '/v1/documents/preview', {
      as: consultant,
      body: { type: 'territory-summary', territoryId: territory.id },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.pagesCountedBy).toBe('estimate');
    expect(res.body.warnings.length).toBeGreaterThan(0);
    expect(res.body.firstPage).toContain('<h1>');
    expect(res.body.firstPage).toContain('Fiche descriptive');
    expect(res.body.pages).toBeGreaterThan(1);
    // Only the first page: the indicators come later in the summary.
    expect(res.body.firstPage).not.toContain('Indicateurs par action');
    expect(await documentCount()).toBe(before);
  });
});

describe('the programme’s syntheses, written by people', () => {
  it('consultants and admins write them; texts left out stay; a v1.1 critical view is read as « ce qui a fonctionné »', async () => {
    const { consultant } = await makeTerritory();
    const put = (as: string, body: unknown) => call('PUT', '/v1/programme/assessment', { as, body });
    expect(
      (await put(consultant, { report1Synthesis: 'Les dix territoires partagent trois verrous.' })).status,
    ).toBe(200);
    const second = await put(ADMIN, {
      criticalView: { worked: 'Les ateliers de terrain.', didNotWork: 'Les assurances.' },
    });
    expect(second.body).toMatchObject({
      report1Synthesis: 'Les dix territoires partagent trois verrous.',
      criticalView: { worked: 'Les ateliers de terrain.', didNotWork: 'Les assurances.' },
    });
    const legacy = await put(consultant, { criticalView: 'Un regard critique en un seul texte.' });
    expect(legacy.body.criticalView).toEqual({ worked: 'Un regard critique en un seul texte.' });
    const cleared = await put(consultant, { report1Synthesis: '' });
    expect(cleared.body.report1Synthesis).toBeUndefined();
    const before = await rowCounts();
    expect((await put(consultant, {})).status).toBe(400);
    expect((await put('lecteur@ademe.example', { report2Lessons: 'x' })).status).toBe(403);
    expect(await rowCounts()).toEqual(before);
  });
});

describe('named contacts of a workshop sheet, by the v1.1 personal-data rules', () => {
  it('ADEME and the host territory’s consultants read the e-mail and phone; other consultants do not', async () => {
    const host = await makeTerritory();
    const other = await makeTerritory();
    const number = await freeWorkshopNumber();
    const created = await call('POST', '/v1/workshops', {
      as: host.consultant,
      body: workshop({
        number,
        hostTerritoryId: host.territory.id,
        examples: [
          {
            achievement: 'Abri fermé pour vélos cargos en gare',
            place: 'Albi',
            contactName: 'Camille Durand',
            contactOrganisation: 'Service mobilité',
            contactEmail: 'camille.durand@albi.example',
            contactPhone: '05 63 00 12 34',
          },
        ],
      }),
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const doc = await generate(host.consultant, { type: 'workshop-sheet', workshopId: created.body.id });
    const html = async (as: string) =>
      plain((await call('GET', `/v1/documents/${doc.id}/html`, { as })).body);
    for (const as of [ADMIN, host.consultant]) {
      const page = await html(as);
      expect(page).toContain('Camille Durand, Service mobilité');
      expect(page).toContain('camille.durand@albi.example · 05 63 00 12 34');
    }
    const elsewhere = await html(other.consultant);
    expect(elsewhere).toContain('Camille Durand, Service mobilité');
    expect(elsewhere).not.toContain('camille.durand@albi.example');
    expect(elsewhere).not.toContain('05 63 00 12 34');
    expect(elsewhere).toContain('Coordonnées réservées à l’ADEME et aux consultants du territoire');
    // The link handed to the other consultant carries the same restriction, signed.
    const listed = await call('GET', `/v1/documents/${doc.id}`, { as: other.consultant });
    const url = new URL(listed.body.url);
    const signed = plain((await call('GET', `${url.pathname}${url.search}`, { as: null })).body);
    expect(signed).not.toContain('camille.durand@albi.example');
    const tampered = `${url.pathname}${url.search.replace('&signature', `&pd=${host.territory.id}&signature`)}`;
    expect((await call('GET', tampered, { as: null })).status).toBe(403);
  });
});
