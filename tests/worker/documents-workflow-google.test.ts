// The workflow of issue 17 in Google (against the local stand-in): submitting stamps the Doc
// with its author and status, exports it to PDF and keeps the PDF in the Shared Drive's
// « Validés » folder with its SHA-256 in the audit; validating renames it; sending it back
// removes it; sharing gives Drive permissions and Drive's e-mail. Google calls counted.
import { beforeEach, describe, expect, it } from 'vitest';
import { WARNING_CODES } from '../../shared/documents/consistency';
import { territoryWithRecord } from './documents-fixtures';
import { fakeFile, googleCalls, hook, request, saEnv } from './documents-google-support';
import { SHARED_FOLDER_ID } from './fake-google-wire';
import { ADMIN, call } from './helpers';

const ACK = { acknowledge: [...WARNING_CODES] };
const summaryOf = (territoryId: string) => ({ type: 'territory-summary', territoryId });

const sha256 = async (base64: string) => {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
};

beforeEach(async () => {
  await hook('/__reset', {});
});

describe('submit in Google: the PDF of the Doc, kept in « Validés »', () => {
  it('stamps the Doc, exports it, keeps the PDF and its SHA-256; 3 calls (+ the folder once)', async () => {
    const { territory, consultant } = await territoryWithRecord({ partners: 1 });
    const sa = saEnv();
    const doc = await request('POST', '/v1/documents', summaryOf(territory.id), { as: consultant, env: sa });
    expect(doc.status, JSON.stringify(doc.body)).toBe(201);
    await hook('/__reset', {});

    const first = await request('POST', `/v1/documents/${doc.body.id}/submit`, ACK, {
      as: consultant,
      env: sa,
    });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    // The token is cached from the generation; the folder is looked up once, then remembered.
    const kinds = (await googleCalls()).map((c) => c.kind);
    expect(kinds).toEqual(['replace-text', 'export', 'list', 'create-folder', 'create']);

    const version = first.body.version;
    expect(version).toMatchObject({ status: 'submitted', author: `${consultant}, consultant (AMO)` });
    const pdfId = /\/d\/([^/]+)\//.exec(version.pdfUrl)?.[1] ?? '';
    const pdf = (await fakeFile(pdfId))!;
    expect(pdf.mimeType).toBe('application/pdf');
    expect(pdf.name).toMatch(/^Synthèse territoriale — .+ — version 1 — soumise le \d{2}-\d{2}-\d{4}\.pdf$/);
    expect(await sha256(pdf.bytes!)).toBe(version.sha256);
    // In a « Validés » folder of the programme's folder, in the Shared Drive.
    expect(pdf.driveId).toBe('drive-veli');
    expect(pdf.parents[0]).not.toBe(SHARED_FOLDER_ID);
    // The Doc itself now names its author and says it is submitted.
    const gdoc = (await fakeFile(doc.body.googleDocId))!;
    expect(gdoc.imported).toContain(`${consultant}, consultant (AMO)`);
    expect(gdoc.imported).toContain('Soumise à la validation de l’ADEME le');
    expect(gdoc.imported).not.toContain('Désigné à la soumission');

    // A second submission (another version) costs the stamp, the export and the upload only.
    await request('POST', '/v1/documents', summaryOf(territory.id), { as: consultant, env: sa });
    await call('POST', `/v1/documents/${doc.body.id}/request-changes`, { body: { comment: 'À revoir.' } });
    await hook('/__reset', {});
    const third = await request('POST', '/v1/documents', summaryOf(territory.id), {
      as: consultant,
      env: sa,
    });
    expect(third.body.version).toBe(3);
    await hook('/__reset', {});
    const again = await request('POST', `/v1/documents/${doc.body.id}/submit`, ACK, {
      as: consultant,
      env: sa,
    });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect((await googleCalls()).map((c) => c.kind)).toEqual(['replace-text', 'export', 'create']);
    expect(again.headers.get('x-google-calls')).toBe('3');
  });
});

describe('validation in Google', () => {
  it('validating renames the PDF, its bytes untouched; sending back moves it from « Validés » to the trash', async () => {
    const { territory, consultant } = await territoryWithRecord({ partners: 1 });
    const sa = saEnv();
    const doc = await request('POST', '/v1/documents', summaryOf(territory.id), { as: consultant, env: sa });
    const sub = await request('POST', `/v1/documents/${doc.body.id}/submit`, ACK, {
      as: consultant,
      env: sa,
    });
    const pdfId = /\/d\/([^/]+)\//.exec(sub.body.version.pdfUrl)?.[1] ?? '';
    const before = (await fakeFile(pdfId))!;
    const ok = await request('POST', `/v1/documents/${doc.body.id}/validate`, {}, { env: sa });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    const after = (await fakeFile(pdfId))!;
    expect(after.name).toMatch(/— version 1 — validée le \d{2}-\d{2}-\d{4}\.pdf$/);
    expect(after.bytes).toBe(before.bytes);
    expect(ok.body.version).toMatchObject({
      status: 'validated',
      validator: ADMIN,
      sha256: sub.body.version.sha256,
    });

    await request('POST', '/v1/documents', summaryOf(territory.id), { as: consultant, env: sa });
    const second = await request('POST', `/v1/documents/${doc.body.id}/submit`, ACK, {
      as: consultant,
      env: sa,
    });
    const secondPdf = /\/d\/([^/]+)\//.exec(second.body.version.pdfUrl)?.[1] ?? '';
    const back = await request(
      'POST',
      `/v1/documents/${doc.body.id}/request-changes`,
      { comment: 'Précisez les recommandations.' },
      { env: sa },
    );
    expect(back.status).toBe(200);
    // In the trash (a permanent delete in a Shared Drive takes a Manager, not a Content manager).
    expect((await fakeFile(secondPdf))?.trashed).toBe(true);
    // The validated one is still there, and listed.
    expect(await fakeFile(pdfId)).toMatchObject({ id: pdfId });
    expect((await fakeFile(pdfId))?.trashed).not.toBe(true);
    const list = await call('GET', `/v1/documents/${doc.body.id}/versions`);
    expect(list.body.versions.map((v: { status: string }) => v.status)).toEqual([
      'changes-requested',
      'validated',
    ]);
    expect(list.body.versions[1].pdfUrl).toContain(pdfId);
    expect(list.body.versions[0].pdfUrl).toBeNull();
  });
});

describe('share in Google', () => {
  it('gives each contact a Drive permission with Drive’s e-mail in French, and records it', async () => {
    const { territory, consultant } = await territoryWithRecord({ partners: 1 });
    await call('PATCH', `/v1/territories/${territory.id}`, {
      body: {
        contacts: [
          { name: 'Camille Durand', role: 'Chargée de mobilité', email: 'camille@albi.example' },
          { name: 'Lou Garcia', role: 'Directrice', phone: '05 61 00 00 00' },
        ],
      },
    });
    const sa = saEnv();
    const doc = await request('POST', '/v1/documents', summaryOf(territory.id), { as: consultant, env: sa });
    await hook('/__reset', {});
    const shared = await request(
      'POST',
      `/v1/documents/${doc.body.id}/share`,
      { to: 'territory', role: 'commenter' },
      { as: consultant, env: sa },
    );
    expect(shared.status, JSON.stringify(shared.body)).toBe(200);
    expect((await googleCalls()).map((c) => c.kind)).toEqual(['share']);
    const gdoc = (await fakeFile(doc.body.googleDocId))!;
    expect(gdoc.permissions).toEqual([
      expect.objectContaining({ email: 'camille@albi.example', role: 'commenter', notified: true }),
    ]);
    expect(gdoc.permissions[0]!.message).toContain('Le programme VELI VELO Occitanie vous partage');
    expect(shared.body.sharedWith).toEqual([
      expect.objectContaining({ email: 'camille@albi.example', drive: true }),
    ]);
  });
});
