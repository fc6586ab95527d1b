import { env as baseEnv } from 'cloudflare:test';
import { exportPKCS8, generateKeyPair } from 'jose';
import { beforeEach, describe, expect, it } from 'vitest';
import { app } from '../../worker/app';
import { SUMMARY_HEADINGS } from '../../worker/documents/territory-summary';
import { documentCount, headings, territoryWithRecord } from './documents-fixtures';
import { ADMIN, counts, uid } from './helpers';

// The fake Google server (tests/support/fake-google.ts) runs in Node; the worker reaches it
// through the GOOGLE_* bindings this project sets, and the tests read its log over HTTP.
// This project's bindings (vitest.config.ts) point the worker at the stand-in.
const env = baseEnv as typeof baseEnv & { GOOGLE_TOKEN_URL: string; GOOGLE_SERVICE_ACCOUNT_KEY: string };
const base = env.GOOGLE_TOKEN_URL.replace(/\/token$/, '');
const DOC_MIME = 'application/vnd.google-apps.document';

interface Logged {
  kind: string;
  method: string;
  path: string;
  query: Record<string, string>;
  authorization?: string;
  status: number;
  contentType?: string;
  metadata?: { name?: string; mimeType?: string; parents?: string[] };
  mediaType?: string;
  jwt?: { iss: string; aud: string; scope: string; kid?: string; alg: string };
  pages?: number;
}

const hook = async (path: string, body?: unknown) => {
  const res = await fetch(`${base}${path}`, {
    method: body ? 'POST' : 'GET',
    body: body ? JSON.stringify(body) : undefined,
  });
  return res.json() as Promise<{ calls: Logged[] }>;
};
const googleCalls = async () => (await hook('/__log')).calls;
const fakeFile = async (id: string) =>
  (await fetch(`${base}/__files/${id}`)).json() as Promise<{
    name: string;
    html: string;
    revisions: number;
    parents: string[];
  }>;

/** A fresh service-account email per test, so the worker's token cache never hides a JWT. */
function saEnv(over: Record<string, unknown> = {}) {
  const key = JSON.parse(env.GOOGLE_SERVICE_ACCOUNT_KEY);
  return {
    ...env,
    GOOGLE_SERVICE_ACCOUNT_KEY: JSON.stringify({
      ...key,
      client_email: `${uid('sa')}@veli-velo-test.iam.gserviceaccount.com`,
      ...over,
    }),
  };
}

async function generate(
  body: unknown,
  opts: { as?: string; headers?: Record<string, string>; env?: object } = {},
) {
  const res = await app.request(
    '/v1/documents',
    {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-dev-user': opts.as ?? ADMIN,
        ...(opts.headers ?? {}),
      },
      body: JSON.stringify(body),
    },
    opts.env ?? saEnv(),
  );
  // biome-ignore lint/suspicious/noExplicitAny: JSON bodies of several shapes, asserted field by field.
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
}

beforeEach(async () => {
  await hook('/__reset', {});
});

describe('documents — Google Docs through Drive v3 (local stand-in)', () => {
  it('uploads a multipart Google Doc with the service account’s signed JWT, exports it and counts its pages', async () => {
    const { territory, consultant } = await territoryWithRecord({ partners: 2 });
    const sa = saEnv();
    const res = await generate(
      { type: 'territory-summary', territoryId: territory.id },
      { as: consultant, env: sa },
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ pagesCountedBy: 'google-pdf', version: 1 });
    expect(res.body.url).toBe(`https://docs.google.com/document/d/${res.body.googleDocId}/edit`);

    const calls = await googleCalls();
    expect(calls.map((c) => c.kind)).toEqual(['token', 'create', 'export']);
    const [token, create, exp] = calls as [Logged, Logged, Logged];
    // The JWT was signed with the service account's key: the server verified it.
    expect(token.status).toBe(200);
    expect(token.jwt).toMatchObject({
      iss: JSON.parse(sa.GOOGLE_SERVICE_ACCOUNT_KEY).client_email,
      aud: `${base}/token`,
      scope: 'https://www.googleapis.com/auth/drive.file',
      alg: 'RS256',
      kid: 'test-key-1',
    });
    expect(create).toMatchObject({ method: 'POST', path: '/upload/drive/v3/files', status: 200 });
    expect(create.query.uploadType).toBe('multipart');
    expect(create.contentType).toMatch(/^multipart\/related; boundary=/);
    expect(create.metadata).toEqual({
      name: res.body.title,
      mimeType: DOC_MIME,
      parents: ['folder-veli-test'],
    });
    expect(create.mediaType).toMatch(/^text\/html/);
    expect(create.authorization).toMatch(/^Bearer ya29\.sa-/);
    expect(exp).toMatchObject({
      method: 'GET',
      path: `/drive/v3/files/${res.body.googleDocId}/export`,
      status: 200,
    });
    expect(exp.query.mimeType).toBe('application/pdf');
    expect(exp.authorization).toBe(create.authorization);
    // `pages` is Chromium's layout of the uploaded HTML, as counted by pdf-lib on the other side.
    expect(res.body.pages).toBe(exp.pages);
    expect(res.headers.get('x-google-calls')).toBe('2');
    const stored = await fakeFile(res.body.googleDocId);
    for (const h of Object.values(SUMMARY_HEADINGS)) expect(headings(stored.html)).toContain(h);
    const local = await app.request(
      `/v1/documents/${res.body.id}/html`,
      { headers: { 'x-dev-user': ADMIN } },
      env,
    );
    expect(await local.text()).toBe(stored.html);
  });

  it('uses the user’s OAuth token when the add-on sends one (no service-account grant)', async () => {
    const { territory, consultant } = await territoryWithRecord();
    const res = await generate(
      { type: 'territory-summary', territoryId: territory.id },
      { as: consultant, headers: { 'x-google-access-token': 'ya29.user-alice' } },
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const calls = await googleCalls();
    expect(calls.map((c) => c.kind)).toEqual(['create', 'export']);
    for (const c of calls) expect(c.authorization).toBe('Bearer ya29.user-alice');
  });

  it('retries a 429 and still makes two Google calls for the document', async () => {
    const { territory, consultant } = await territoryWithRecord();
    await hook('/__fail', { kind: 'create', status: 429, times: 1 });
    await hook('/__fail', { kind: 'export', status: 503, times: 1 });
    const res = await generate({ type: 'territory-summary', territoryId: territory.id }, { as: consultant });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const drive = (await googleCalls()).filter((c) => c.kind !== 'token');
    expect(drive.map((c) => `${c.kind} ${c.status}`)).toEqual([
      'create 429',
      'create 200',
      'export 503',
      'export 200',
    ]);
    expect(res.headers.get('x-google-calls')).toBe('2');
  });

  it('regenerating updates the same Google Doc in place', async () => {
    const { territory, consultant } = await territoryWithRecord();
    const first = await generate(
      { type: 'territory-summary', territoryId: territory.id },
      { as: consultant },
    );
    await hook('/__reset', {});
    const before = await documentCount();
    const second = await generate(
      { type: 'territory-summary', territoryId: territory.id },
      { as: consultant },
    );
    expect(second.status, JSON.stringify(second.body)).toBe(201);
    expect(second.body).toMatchObject({ id: first.body.id, googleDocId: first.body.googleDocId, version: 2 });
    expect(await documentCount()).toBe(before);
    const drive = (await googleCalls()).filter((c) => c.kind !== 'token');
    expect(drive.map((c) => `${c.method} ${c.path}`)).toEqual([
      `PATCH /upload/drive/v3/files/${first.body.googleDocId}`,
      `GET /drive/v3/files/${first.body.googleDocId}/export`,
    ]);
    expect(drive[0]?.query.uploadType).toBe('multipart');
    const file = await fakeFile(first.body.googleDocId);
    expect(file.revisions).toBe(2);
    expect(file.html).toMatch(/version 2/);

    // A version kept locally in between (Google not configured) does not lose the Doc.
    const local = await generate(
      { type: 'territory-summary', territoryId: territory.id },
      { as: consultant, env: { ...env, GOOGLE_SERVICE_ACCOUNT_KEY: undefined } },
    );
    expect(local.body).toMatchObject({ version: 3, pagesCountedBy: 'estimate' });
    expect(local.body.googleDocId).toBeUndefined();
    const third = await generate(
      { type: 'territory-summary', territoryId: territory.id },
      { as: consultant },
    );
    expect(third.body).toMatchObject({
      googleDocId: first.body.googleDocId,
      version: 4,
      pagesCountedBy: 'google-pdf',
    });
    expect((await fakeFile(first.body.googleDocId)).revisions).toBe(3);
  });

  it('keeps an oversized territory at 4 pages or fewer in the exported PDF', async () => {
    const { territory, consultant } = await territoryWithRecord({
      partners: 3,
      sessions: 60,
      blockers: 40,
      indicators: 50,
      textChars: 5000,
    });
    const res = await generate({ type: 'territory-summary', territoryId: territory.id }, { as: consultant });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const exports = (await googleCalls()).filter((c) => c.kind === 'export');
    expect(res.body.pages).toBe(exports.at(-1)?.pages);
    expect(res.body.pages).toBeLessThanOrEqual(4);

    // A layout that runs longer than ours (as Google's may): 5+ pages → one tighter update.
    await hook('/__reset', {});
    await hook('/__config', { exportScale: 1.5 });
    const again = await generate(
      { type: 'territory-summary', territoryId: territory.id },
      { as: consultant },
    );
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    const drive = (await googleCalls()).filter((c) => c.kind !== 'token');
    expect(drive.map((c) => c.kind)).toEqual(['update', 'export', 'update', 'export']);
    const [, firstExport, , lastExport] = drive as [Logged, Logged, Logged, Logged];
    expect(firstExport.pages).toBeGreaterThanOrEqual(5);
    expect(lastExport.pages).toBeLessThan(firstExport.pages!);
    expect(again.body.pages).toBe(lastExport.pages);
  });

  it('answers 502 in French and records nothing when Google keeps failing', async () => {
    const { territory, consultant } = await territoryWithRecord();
    const before = { ...(await counts()), documents: await documentCount() };
    await hook('/__fail', { kind: 'export', status: 500, times: 10 });
    const res = await generate({ type: 'territory-summary', territoryId: territory.id }, { as: consultant });
    expect(res.status).toBe(502);
    expect(res.body.error).toMatchObject({
      code: 'UPSTREAM_FAILED',
      message: expect.stringContaining('Google ne répond pas'),
    });
    expect({ ...(await counts()), documents: await documentCount() }).toEqual(before);
    // The Doc created before the export failed was removed again.
    const calls = await googleCalls();
    const created = calls.find((c) => c.kind === 'create');
    expect(calls.filter((c) => c.kind === 'export')).toHaveLength(4);
    expect(calls.at(-1)).toMatchObject({ kind: 'delete', status: 204 });
    expect(calls.at(-1)?.path).toMatch(/^\/drive\/v3\/files\/doc-/);
    expect(created?.status).toBe(200);
  });

  it('refuses a service-account key the token endpoint cannot verify: 502, nothing recorded', async () => {
    const { territory, consultant } = await territoryWithRecord();
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    const before = { ...(await counts()), documents: await documentCount() };
    const res = await generate(
      { type: 'territory-summary', territoryId: territory.id },
      { as: consultant, env: saEnv({ private_key: await exportPKCS8(privateKey) }) },
    );
    expect(res.status).toBe(502);
    expect(res.body.error.code).toBe('UPSTREAM_FAILED');
    const calls = await googleCalls();
    expect(calls.map((c) => `${c.kind} ${c.status}`)).toEqual(['token 400']);
    expect({ ...(await counts()), documents: await documentCount() }).toEqual(before);
  });
});
