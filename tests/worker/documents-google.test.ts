import { exportPKCS8, generateKeyPair } from 'jose';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MSG } from '../../shared/i18n/messages';
import { app } from '../../worker/app';
import { MAX_TIGHTENINGS } from '../../worker/documents/publish';
import { PAGE } from '../../worker/documents/render';
import { SUMMARY_HEADINGS } from '../../worker/documents/territory-summary';
import { documentCount, territoryWithRecord } from './documents-fixtures';
import { base, env, fakeFile, googleCalls, hook, request, saEnv } from './documents-google-support';
import { DOC_MIME, LETTER, type LoggedCall, MY_DRIVE_FOLDER_ID, SHARED_FOLDER_ID } from './fake-google-wire';
import { ADMIN, counts } from './helpers';

/** Headings of an HTML page as a reader sees them (entities decoded). */
const headingsOf = (html: string) =>
  [...html.matchAll(/<h([1-3])[^>]*>([\s\S]*?)<\/h\1>/g)].map((m) =>
    (m[2] ?? '')
      .replace(/<[^>]+>/g, '')
      .replace(/&nbsp;/g, '\u00A0')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"'),
  );

/** POST /v1/documents with a Google-configured environment. */
const generate = (
  body: unknown,
  opts: { as?: string; headers?: Record<string, string>; env?: object } = {},
) => request('POST', '/v1/documents', body, opts);

/** Long enough that its loosest budget is at the limit, short enough that a tighter one fits. */
const MID = { partners: 3, sessions: 40, blockers: 30, indicators: 40, textChars: 1500 };
/** The stress territory: 3 partners, 5,000-character texts, 40 blockers, 60 sessions. */
const STRESS = { partners: 3, sessions: 60, blockers: 40, indicators: 50, textChars: 5000 };
const summaryOf = (territoryId: string) => ({ type: 'territory-summary', territoryId });
const snapshot = async () => ({ ...(await counts()), documents: await documentCount() });

beforeEach(async () => {
  await hook('/__reset', {});
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('documents — Google Docs in the programme’s Shared Drive (local stand-in)', () => {
  it('creates the Doc with the service account in the Shared Drive, sets A4, exports and counts: 4 calls', async () => {
    const { territory, consultant } = await territoryWithRecord({ partners: 2 });
    const sa = saEnv();
    const res = await generate(summaryOf(territory.id), { as: consultant, env: sa });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ pagesCountedBy: 'google-pdf', version: 1 });
    expect(res.body.url).toBe(`https://docs.google.com/document/d/${res.body.googleDocId}/edit`);
    const calls = await googleCalls();
    expect(calls.map((c) => c.kind)).toEqual(['token', 'create', 'page-setup', 'export']);
    expect(res.headers.get('x-google-calls')).toBe('4');
    const [token, create, setup, exp] = calls as [LoggedCall, LoggedCall, LoggedCall, LoggedCall];
    expect(token.jwt).toMatchObject({
      iss: JSON.parse(sa.GOOGLE_SERVICE_ACCOUNT_KEY).client_email,
      aud: `${base}/token`,
      scope: 'https://www.googleapis.com/auth/drive',
      alg: 'RS256',
      kid: 'test-key-1',
    });
    expect(create).toMatchObject({ method: 'POST', path: '/upload/drive/v3/files', status: 200 });
    expect(create.query).toMatchObject({ uploadType: 'multipart', supportsAllDrives: 'true' });
    expect(create.contentType).toMatch(/^multipart\/related; boundary=/);
    expect(create.metadata).toEqual({
      name: res.body.title,
      mimeType: DOC_MIME,
      parents: [SHARED_FOLDER_ID],
    });
    expect(create.authorization).toMatch(/^Bearer ya29\.sa-/);
    // The page: A4 and the renderer's margins, in points, as updateDocumentStyle takes them.
    expect(setup).toMatchObject({
      method: 'POST',
      path: `/v1/documents/${res.body.googleDocId}:batchUpdate`,
    });
    expect(setup.requests).toEqual([
      {
        updateDocumentStyle: {
          documentStyle: {
            documentFormat: { documentMode: 'PAGES' },
            pageSize: { width: { magnitude: 595.28, unit: 'PT' }, height: { magnitude: 841.89, unit: 'PT' } },
            marginTop: { magnitude: PAGE.marginTopPt, unit: 'PT' },
            marginBottom: { magnitude: PAGE.marginBottomPt, unit: 'PT' },
            marginLeft: { magnitude: PAGE.marginLeftPt, unit: 'PT' },
            marginRight: { magnitude: PAGE.marginRightPt, unit: 'PT' },
          },
          fields: 'documentFormat,pageSize,marginTop,marginBottom,marginLeft,marginRight',
        },
      },
    ]);
    expect(exp).toMatchObject({ path: `/drive/v3/files/${res.body.googleDocId}/export`, status: 200 });
    expect(exp.page).toMatchObject({ widthPt: 595.28, heightPt: 841.89, marginLeftPt: PAGE.marginLeftPt });
    expect(res.body.pages).toBe(exp.pages);
    // In the Shared Drive, and every heading survived the import as a heading.
    const stored = (await fakeFile(res.body.googleDocId))!;
    expect(stored).toMatchObject({ parents: [SHARED_FOLDER_ID], driveId: 'drive-veli' });
    for (const h of Object.values(SUMMARY_HEADINGS)) expect(headingsOf(stored.imported)).toContain(h);
  });
});

describe('documents — what Google’s import keeps, and its page', () => {
  it('a report’s page breaks and headings survive the import in Google’s own forms', async () => {
    await territoryWithRecord({ partners: 1 });
    const res = await generate({ type: 'progress-report', report: 1 });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const file = (await fakeFile(res.body.googleDocId))!;
    const breaks = (file.html.match(/<hr[^>]*style="page-break-before:always;display:none"/g) ?? []).length;
    expect(breaks).toBeGreaterThan(0);
    expect((file.imported.match(/data-google-page-break/g) ?? []).length).toBe(breaks);
    expect(headingsOf(file.imported)).toEqual(headingsOf(file.html));
    expect(file.html).not.toMatch(/<section|<colgroup/);
  });

  it('the stand-in lays a new Doc out as US Letter until its page is set, as Google does', async () => {
    // A person's upload straight to the stand-in: same HTML, exported before and after page setup.
    const { territory, consultant } = await territoryWithRecord({
      partners: 3,
      sessions: 20,
      blockers: 20,
      textChars: 3000,
    });
    const res = await generate(summaryOf(territory.id), { as: consultant });
    const html = (await fakeFile(res.body.googleDocId))!.html;
    const auth = { authorization: 'Bearer ya29.user-claire' };
    const boundary = 'b-test';
    const up = await fetch(`${base}/upload/drive/v3/files?uploadType=multipart`, {
      method: 'POST',
      headers: { ...auth, 'content-type': `multipart/related; boundary=${boundary}` },
      body: `--${boundary}\r\ncontent-type: application/json\r\n\r\n${JSON.stringify({ name: 'x', mimeType: DOC_MIME })}\r\n--${boundary}\r\ncontent-type: text/html\r\n\r\n${html}\r\n--${boundary}--\r\n`,
    });
    const { id } = (await up.json()) as { id: string };
    await fetch(`${base}/drive/v3/files/${id}/export?mimeType=application%2Fpdf`, { headers: auth });
    const setup = await fetch(`${base}/v1/documents/${id}:batchUpdate`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({
        requests: [
          {
            updateDocumentStyle: {
              documentStyle: {
                pageSize: {
                  width: { magnitude: 595.28, unit: 'PT' },
                  height: { magnitude: 841.89, unit: 'PT' },
                },
              },
              fields: 'pageSize',
            },
          },
        ],
      }),
    });
    expect(setup.status).toBe(200);
    await fetch(`${base}/drive/v3/files/${id}/export?mimeType=application%2Fpdf`, { headers: auth });
    const [before, after] = (await googleCalls()).filter((c) => c.kind === 'export' && c.path.includes(id));
    expect(before?.page).toMatchObject({ ...LETTER, marginTopPt: 72, marginLeftPt: 72 });
    expect(after?.page).toMatchObject({ widthPt: 595.28, heightPt: 841.89, marginLeftPt: 72 });
    // The @page rule of the upload played no part: Letter with 1-inch margins runs longer.
    expect(before!.pages!).toBeGreaterThan(res.body.pages);
  });
});

describe('documents — the Shared Drive', () => {
  it('refuses a service account creating outside a Shared Drive (403 storageQuotaExceeded): 502 in French, nothing kept', async () => {
    const { territory, consultant } = await territoryWithRecord();
    const before = await snapshot();
    const res = await generate(summaryOf(territory.id), {
      as: consultant,
      env: saEnv({}, { DRIVE_FOLDER_ID: MY_DRIVE_FOLDER_ID }),
    });
    expect(res.status).toBe(502);
    expect(res.body.error).toEqual({ code: 'UPSTREAM_FAILED', message: MSG.sharedDriveRequired });
    const calls = await googleCalls();
    expect(calls.map((c) => `${c.kind} ${c.status}`)).toEqual(['token 200', 'create 403']);
    expect(calls[1]?.error).toContain('storageQuotaExceeded');
    expect(await snapshot()).toEqual(before);

    // Without a folder at all the worker does not even try: Google would refuse the same way.
    await hook('/__reset', {});
    const none = await generate(summaryOf(territory.id), {
      as: consultant,
      env: saEnv({}, { DRIVE_FOLDER_ID: '' }),
    });
    expect(none.status).toBe(502);
    expect(none.body.error.message).toBe(MSG.driveFolderMissing);
    expect(await googleCalls()).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });

  it('sends supportsAllDrives=true on every Drive call that takes it; without it a Shared Drive file is not found', async () => {
    const { territory, consultant } = await territoryWithRecord();
    const sa = saEnv();
    const first = await generate(summaryOf(territory.id), { as: consultant, env: sa });
    await generate(summaryOf(territory.id), { as: consultant, env: sa });
    const drive = (await googleCalls()).filter((c) =>
      ['create', 'update', 'metadata', 'delete'].includes(c.kind),
    );
    expect(drive.map((c) => c.kind)).toEqual(['create', 'metadata', 'update']);
    for (const c of drive) expect(c.query.supportsAllDrives, `${c.kind}`).toBe('true');

    const token = (await googleCalls()).find((c) => c.kind === 'create')!.authorization!;
    const bare = await fetch(`${base}/drive/v3/files/${first.body.googleDocId}?fields=id`, {
      headers: { authorization: token },
    });
    expect(bare.status).toBe(404);
    expect(((await bare.json()) as { error: { errors: { reason: string }[] } }).error.errors[0]?.reason).toBe(
      'notFound',
    );
  });
});

describe('documents — regenerating a Google Doc', () => {
  it('regenerating updates the same Doc in place, re-applying A4 after the re-import', async () => {
    const { territory, consultant } = await territoryWithRecord();
    const sa = saEnv();
    const first = await generate(summaryOf(territory.id), { as: consultant, env: sa });
    await hook('/__reset', {});
    const before = await documentCount();
    const second = await generate(summaryOf(territory.id), { as: consultant, env: sa });
    expect(second.status, JSON.stringify(second.body)).toBe(201);
    expect(second.body).toMatchObject({ id: first.body.id, googleDocId: first.body.googleDocId, version: 2 });
    expect(second.body.notice).toBeUndefined();
    expect(await documentCount()).toBe(before);
    const calls = await googleCalls();
    // The token is cached: metadata (was it edited?), upload, page setup, export.
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      `GET /drive/v3/files/${first.body.googleDocId}`,
      `PATCH /upload/drive/v3/files/${first.body.googleDocId}`,
      `POST /v1/documents/${first.body.googleDocId}:batchUpdate`,
      `GET /drive/v3/files/${first.body.googleDocId}/export`,
    ]);
    expect(second.headers.get('x-google-calls')).toBe('4');
    expect(calls.at(-1)?.page).toMatchObject({ widthPt: 595.28, heightPt: 841.89 });
    const file = (await fakeFile(first.body.googleDocId))!;
    // Back in pages after the re-import (a re-imported Doc is pageless until set again).
    expect([file.revisions, file.documentMode]).toEqual([2, 'PAGES']);
    expect(file.html).toMatch(/<th[^>]*>Version<\/th><td[^>]*>2<\/td>/);

    // A version kept locally in between (Google not configured) does not lose the Doc.
    const local = await generate(summaryOf(territory.id), {
      as: consultant,
      env: { ...env, GOOGLE_SERVICE_ACCOUNT_KEY: undefined },
    });
    expect(local.body).toMatchObject({ version: 3, pagesCountedBy: 'estimate' });
    expect(local.body.googleDocId).toBeUndefined();
    const third = await generate(summaryOf(territory.id), { as: consultant, env: sa });
    expect(third.body).toMatchObject({
      googleDocId: first.body.googleDocId,
      version: 4,
      pagesCountedBy: 'google-pdf',
    });
    expect((await fakeFile(first.body.googleDocId))!.revisions).toBe(3);
  });
});

describe('documents — a Doc a person edited', () => {
  it('keeps a Doc a person edited since the worker wrote it and creates a new one, saying so', async () => {
    const { territory, consultant } = await territoryWithRecord();
    const sa = saEnv();
    const first = await generate(summaryOf(territory.id), { as: consultant, env: sa });
    await hook(`/__edit/${first.body.googleDocId}`, {
      by: 'claire.martin@ademe.example',
      text: 'Relu par Claire.',
    });
    await hook('/__reset', {});
    const second = await generate(summaryOf(territory.id), { as: consultant, env: sa });
    expect(second.status, JSON.stringify(second.body)).toBe(201);
    expect(second.body).toMatchObject({
      id: first.body.id,
      version: 2,
      notice: MSG.keptEditedDoc,
      previousGoogleDocId: first.body.googleDocId,
    });
    expect(second.body.googleDocId).not.toBe(first.body.googleDocId);
    expect((await googleCalls()).map((c) => c.kind)).toEqual(['metadata', 'create', 'page-setup', 'export']);
    // The person's version is untouched, in the Shared Drive.
    const kept = (await fakeFile(first.body.googleDocId))!;
    expect(kept).toMatchObject({ revisions: 1, lastModifyingUser: 'claire.martin@ademe.example' });
    expect(kept.imported).toContain('Relu par Claire.');
    expect((await fakeFile(second.body.googleDocId))!.parents).toEqual([SHARED_FOLDER_ID]);

    // Nobody touched the new Doc: the next generation updates it in place.
    await hook('/__reset', {});
    const third = await generate(summaryOf(territory.id), { as: consultant, env: sa });
    expect(third.body).toMatchObject({ googleDocId: second.body.googleDocId, version: 3 });
    expect(third.body.notice).toBeUndefined();
    expect((await googleCalls()).map((c) => c.kind)).toEqual(['metadata', 'update', 'page-setup', 'export']);
  });
});

describe('documents — user tokens and retries', () => {
  it('uses the forwarded user token only where the fallback is configured and no service account is', async () => {
    const { territory, consultant } = await territoryWithRecord();
    const noSa = { ...env, GOOGLE_SERVICE_ACCOUNT_KEY: undefined };
    const headers = { 'x-google-access-token': 'ya29.user-alice' };
    const off = await generate(summaryOf(territory.id), { as: consultant, headers, env: noSa });
    expect(off.body.pagesCountedBy).toBe('estimate');
    expect(await googleCalls()).toEqual([]);

    const on = await generate(summaryOf(territory.id), {
      as: consultant,
      headers,
      env: { ...noSa, DOCUMENTS_USER_TOKEN_FALLBACK: 'true' },
    });
    expect(on.status, JSON.stringify(on.body)).toBe(201);
    const calls = await googleCalls();
    expect(calls.map((c) => c.kind)).toEqual(['create', 'page-setup', 'export']);
    for (const c of calls) expect(c.authorization).toBe('Bearer ya29.user-alice');

    // With a service account configured, the header is ignored.
    await hook('/__reset', {});
    await generate(summaryOf(territory.id), {
      as: consultant,
      headers,
      env: saEnv({}, { DOCUMENTS_USER_TOKEN_FALLBACK: 'true' }),
    });
    for (const c of (await googleCalls()).filter((x) => x.kind !== 'token'))
      expect(c.authorization).toMatch(/^Bearer ya29\.sa-/);
  });

  it('retries a 429 and a 503 and still counts one call per operation', async () => {
    const { territory, consultant } = await territoryWithRecord();
    await hook('/__fail', { kind: 'create', status: 429, times: 1 });
    await hook('/__fail', { kind: 'export', status: 503, times: 1 });
    const res = await generate(summaryOf(territory.id), { as: consultant });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const drive = (await googleCalls()).filter((c) => c.kind !== 'token');
    expect(drive.map((c) => `${c.kind} ${c.status}`)).toEqual([
      'create 429',
      'create 200',
      'page-setup 200',
      'export 503',
      'export 200',
    ]);
    expect(res.headers.get('x-google-calls')).toBe('4');
  });
});

describe('documents — the page guarantee in Google’s layout (stand-in)', () => {
  it('the stress territory is under 5 pages in the stand-in’s Google layout, or 422 with nothing kept', async () => {
    const { territory, consultant } = await territoryWithRecord(STRESS);
    const res = await generate(summaryOf(territory.id), { as: consultant });
    const exports = (await googleCalls()).filter((c) => c.kind === 'export');
    if (res.status === 422) {
      expect(res.body.error.code).toBe('DOES_NOT_FIT');
      expect(Array.isArray(res.body.error.fields)).toBe(true);
      return;
    }
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.pages).toBe(exports.at(-1)?.pages);
    expect(res.body.pages).toBeLessThan(5);
    for (const e of exports) expect(e.page).toMatchObject({ widthPt: 595.28, heightPt: 841.89 });
  });

  it('a layout that runs longer than ours is tightened, a bounded number of times, and lands under 5 pages', async () => {
    const { territory, consultant } = await territoryWithRecord(MID);
    const sa = saEnv();
    const first = await generate(summaryOf(territory.id), { as: consultant, env: sa });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    await hook('/__reset', {});
    // Google spacing lines wider than we asked: the first version comes out at 5 pages or more.
    await hook('/__config', { lineSpacing: 1.5 });
    const again = await generate(summaryOf(territory.id), { as: consultant, env: sa });
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    const exports = (await googleCalls()).filter((c) => c.kind === 'export');
    expect(exports[0]!.pages!).toBeGreaterThanOrEqual(5);
    expect(exports.length).toBeGreaterThanOrEqual(2);
    expect(exports.length).toBeLessThanOrEqual(MAX_TIGHTENINGS + 1);
    expect(again.body.pages).toBe(exports.at(-1)?.pages);
    expect(again.body.pages).toBeLessThan(5);
    expect(again.body).toMatchObject({ googleDocId: first.body.googleDocId, version: 2 });
  });
});

describe('documents — the page guarantee when a layout cannot fit', () => {
  it('a regeneration that cannot fit puts the Doc’s previous content back and keeps the stored version', async () => {
    const { territory, consultant } = await territoryWithRecord({ partners: 2, sessions: 10, blockers: 10 });
    const sa = saEnv();
    const first = await generate(summaryOf(territory.id), { as: consultant, env: sa });
    const firstFile = (await fakeFile(first.body.googleDocId))!;
    await hook('/__reset', {});
    await hook('/__config', { lineSpacing: 6 });
    const again = await generate(summaryOf(territory.id), { as: consultant, env: sa });
    expect(again.status, JSON.stringify(again.body)).toBe(422);
    expect(again.body.error.code).toBe('DOES_NOT_FIT');
    const calls = await googleCalls();
    expect(calls.slice(-2).map((c) => c.kind)).toEqual(['update', 'page-setup']);
    const file = (await fakeFile(first.body.googleDocId))!;
    expect(file.html).toBe(firstFile.html);
    expect(file.page).toMatchObject({ widthPt: 595.28, heightPt: 841.89 });
    const stored = await app.request(
      `/v1/documents/${first.body.id}`,
      { headers: { 'x-dev-user': ADMIN } },
      sa,
    );
    expect(((await stored.json()) as { version: number }).version).toBe(1);
  });

  it('answers 422 DOES_NOT_FIT with what to shorten when Google never fits, and leaves no Doc behind', async () => {
    const { territory, consultant } = await territoryWithRecord(MID);
    const before = await snapshot();
    await hook('/__config', { lineSpacing: 1.8 });
    const res = await generate(summaryOf(territory.id), { as: consultant });
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    expect(res.body.error.code).toBe('DOES_NOT_FIT');
    expect(res.body.error.message).toMatch(/^La synthèse ne tient pas en moins de 5 pages/);
    // What to shorten, by how much, against the allowance Google's layout leaves; or, when
    // even the bare lists overrun it, that no text is to blame.
    const fields = res.body.error.fields as { field: string; label: string; shortenBy: number }[];
    if (!fields.length) expect(res.body.error.message).toContain('aucun texte en cause');
    for (const f of fields) {
      expect(f).toMatchObject({ field: expect.any(String), label: expect.any(String) });
      expect(f.shortenBy).toBeGreaterThan(0);
      expect(res.body.error.message).toContain(f.label);
    }
    const calls = await googleCalls();
    const exports = calls.filter((c) => c.kind === 'export');
    // Tightened while a tighter budget was left, never more than MAX_TIGHTENINGS times.
    expect(exports.length).toBeGreaterThanOrEqual(2);
    expect(exports.length).toBeLessThanOrEqual(MAX_TIGHTENINGS + 1);
    for (const e of exports) expect(e.pages!).toBeGreaterThanOrEqual(5);
    expect(calls.filter((c) => c.kind === 'create')).toHaveLength(1);
    // Trashed, not deleted for good: in a Shared Drive that takes a Manager, which the service
    // account is not (the stand-in refuses it as Google does).
    const removed = calls.at(-1)!;
    expect(removed).toMatchObject({ kind: 'trash', status: 200 });
    const docId = removed.path.replace('/drive/v3/files/', '');
    expect(exports.every((e) => e.path === `/drive/v3/files/${docId}/export`)).toBe(true);
    expect((await fakeFile(docId))?.trashed).toBe(true);
    expect(calls.some((c) => c.kind === 'delete')).toBe(false);
    expect(await snapshot()).toEqual(before);
  });
});

describe('documents — Google failures', () => {
  it('answers 502 in French and records nothing when Google keeps failing; the new Doc is removed', async () => {
    const { territory, consultant } = await territoryWithRecord();
    const before = await snapshot();
    await hook('/__fail', { kind: 'export', status: 500, times: 10 });
    const res = await generate(summaryOf(territory.id), { as: consultant });
    expect(res.status).toBe(502);
    expect(res.body.error).toEqual({ code: 'UPSTREAM_FAILED', message: MSG.upstream });
    expect(await snapshot()).toEqual(before);
    const calls = await googleCalls();
    expect(calls.filter((c) => c.kind === 'export')).toHaveLength(4);
    expect(calls.at(-1)).toMatchObject({ kind: 'trash', status: 200 });
  });

  it('gives up on a Google call that does not answer in time (GOOGLE_FETCH_TIMEOUT_MS)', async () => {
    const { territory, consultant } = await territoryWithRecord();
    const before = await snapshot();
    await hook('/__fail', { kind: 'export', delayMs: 1500, times: 10 });
    const started = Date.now();
    const res = await generate(summaryOf(territory.id), {
      as: consultant,
      env: saEnv({}, { GOOGLE_FETCH_TIMEOUT_MS: '200' }),
    });
    expect(res.status).toBe(502);
    expect(res.body.error.message).toBe(MSG.upstream);
    // Four attempts of 200 ms and short retry waits, far from the 1.5 s the stand-in takes each time.
    expect(Date.now() - started).toBeLessThan(1500 * 2);
    expect(await snapshot()).toEqual(before);
  });
});

describe('documents — Google failures: keys', () => {
  it('a malformed service-account key answers 502 in French and is logged without the key', async () => {
    const { territory, consultant } = await territoryWithRecord();
    const before = await snapshot();
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const secret = 'not-json-but-secret-material-1234';
    const res = await generate(summaryOf(territory.id), {
      as: consultant,
      env: { ...env, GOOGLE_SERVICE_ACCOUNT_KEY: secret },
    });
    expect(res.status).toBe(502);
    expect(res.body.error).toEqual({ code: 'UPSTREAM_FAILED', message: MSG.serviceAccountKeyInvalid });
    const lines = logged.mock.calls.map((c) => c.join(' '));
    expect(lines.some((l) => l.includes('service-account-key-malformed'))).toBe(true);
    for (const l of lines) expect(l).not.toContain(secret);
    // A key that is JSON but not a private key: same answer, nothing sent to Google.
    const pem = await generate(summaryOf(territory.id), {
      as: consultant,
      env: saEnv({ private_key: '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----' }),
    });
    expect(pem.body.error.message).toBe(MSG.serviceAccountKeyInvalid);
    expect(await googleCalls()).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a service-account key the token endpoint cannot verify: 502, nothing recorded', async () => {
    const { territory, consultant } = await territoryWithRecord();
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    const before = await snapshot();
    const res = await generate(summaryOf(territory.id), {
      as: consultant,
      env: saEnv({ private_key: await exportPKCS8(privateKey) }),
    });
    expect(res.status).toBe(502);
    expect(res.body.error.code).toBe('UPSTREAM_FAILED');
    expect((await googleCalls()).map((c) => `${c.kind} ${c.status}`)).toEqual(['token 400']);
    expect(await snapshot()).toEqual(before);
  });
});
