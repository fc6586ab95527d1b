// Which contacts' details a document's signed link lets its holder read (`pd`), as each route
// hands it out: the list (the territories read once for a consultant), a single document, its
// versions, and the answers of share and submit. ADEME reads them all; a consultant, their own
// territory's; nobody else's.
import { describe, expect, it } from 'vitest';
import { generate } from './documents-fixtures';
import { ADMIN, call } from './helpers';
import { makeWorld } from './security-fixtures';

/** The scope a signed link carries (`null`: no contact details). */
const pd = (url: string | null) => (url ? new URL(url).searchParams.get('pd') : 'no link');

describe('the personal-data scope of documents’ links', () => {
  it('the list gives each document the scope its reader has there, as a single read does', async () => {
    const w = await makeWorld();
    const own = await generate(w.consultant, { type: 'territory-summary', territoryId: w.territory.id });
    const other = await generate(w.otherConsultant, { type: 'territory-summary', territoryId: w.other.id });
    const expected: [string, Record<string, string | null>][] = [
      [ADMIN, { [own.id]: 'all', [other.id]: 'all' }],
      [w.viewer, { [own.id]: 'all', [other.id]: 'all' }],
      [w.consultant, { [own.id]: w.territory.id, [other.id]: null }],
      [w.otherConsultant, { [own.id]: null, [other.id]: w.other.id }],
    ];
    for (const [as, scopes] of expected) {
      const list = await call('GET', '/v1/documents', { as });
      expect(list.status).toBe(200);
      const listed = new Map(list.body.documents.map((d: { id: string; url: string }) => [d.id, pd(d.url)]));
      for (const [id, scope] of Object.entries(scopes)) {
        expect(listed.get(id), `${as} lists ${id}`).toBe(scope);
        const one = await call('GET', `/v1/documents/${id}`, { as });
        expect(pd(one.body.url), `${as} reads ${id}`).toBe(scope);
      }
    }
  });

  it('versions, share and submit answer with the caller’s scope', async () => {
    const w = await makeWorld();
    const doc = await generate(w.consultant, { type: 'territory-summary', territoryId: w.territory.id });
    for (const [as, scope] of [
      [ADMIN, 'all'],
      [w.consultant, w.territory.id],
      [w.otherConsultant, null],
    ] as const) {
      const versions = await call('GET', `/v1/documents/${doc.id}/versions`, { as });
      expect(pd(versions.body.versions[0].htmlUrl), as).toBe(scope);
    }
    const shared = await call('POST', `/v1/documents/${doc.id}/share`, {
      as: w.consultant,
      body: { to: ['elu@ville.example'], role: 'reader' },
    });
    expect(shared.status, JSON.stringify(shared.body)).toBe(200);
    expect(pd(shared.body.url)).toBe(w.territory.id);
    const submitted = await call('POST', `/v1/documents/${doc.id}/submit`, {
      as: w.consultant,
      body: { acknowledge: doc.warnings.map((x: { code: string }) => x.code) },
    });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect(pd(submitted.body.document.url)).toBe(w.territory.id);
    expect(pd(submitted.body.version.htmlUrl)).toBe(w.territory.id);
  });
});
