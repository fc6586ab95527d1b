// A local stand-in for Google's OAuth token endpoint and Drive v3, speaking their documented
// wire format: the JWT-bearer grant (RFC 7523, RS256 signature checked against the service
// account's public key), multipart uploads converted to Google Docs, files.update with media,
// and files.export to PDF — the export really prints the uploaded HTML with headless Chromium.
// Test hooks under /__ let a test read what was received and script failures.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportPKCS8, generateKeyPair, jwtVerify } from 'jose';
import { PDFDocument } from 'pdf-lib';
import { type BrowserContext, chromium } from 'playwright-core';
import { chromiumPath } from './chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const USER_TOKEN_PREFIX = 'ya29.user-';
const DOC_MIME = 'application/vnd.google-apps.document';

export interface LoggedCall {
  kind: 'token' | 'create' | 'update' | 'export' | 'delete' | 'other';
  method: string;
  path: string;
  query: Record<string, string>;
  authorization?: string;
  status: number;
  contentType?: string;
  metadata?: Record<string, unknown>;
  mediaType?: string;
  mediaChars?: number;
  jwt?: { iss: string; aud: string; scope: string; kid?: string; alg: string };
  /** Pages of the exported PDF, counted with pdf-lib. */
  pages?: number;
  error?: string;
}

interface StoredFile {
  id: string;
  name: string;
  mimeType: string;
  parents: string[];
  html: string;
  revisions: number;
}

interface Failure {
  kind: LoggedCall['kind'];
  status: number;
  times: number;
}

/** Splits a multipart/related body into its parts (headers lower-cased, body as text). */
export function parseMultipart(body: string, boundary: string) {
  const parts: { headers: Record<string, string>; body: string }[] = [];
  const chunks = body.split(`--${boundary}`);
  for (const chunk of chunks.slice(1)) {
    if (chunk.startsWith('--')) break;
    const text = chunk.replace(/^\r\n/, '').replace(/\r\n$/, '');
    const sep = text.indexOf('\r\n\r\n');
    if (sep < 0) continue;
    const headers: Record<string, string> = {};
    for (const line of text.slice(0, sep).split('\r\n')) {
      const i = line.indexOf(':');
      if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
    }
    parts.push({ headers, body: text.slice(sep + 4) });
  }
  return parts;
}

const readBody = (req: IncomingMessage) =>
  new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });

export async function startFakeGoogle() {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const clientEmail = 'veli-docs@veli-velo-test.iam.gserviceaccount.com';
  const keyId = 'test-key-1';
  const serviceAccountKey = JSON.stringify({
    type: 'service_account',
    client_email: clientEmail,
    private_key: await exportPKCS8(privateKey),
    private_key_id: keyId,
  });
  const issued = new Set<string>();
  const files = new Map<string, StoredFile>();
  let log: LoggedCall[] = [];
  let failures: Failure[] = [];
  let exportScale = 1;
  let seq = 0;
  let browser: BrowserContext | null = null;
  const profile = mkdtempSync(join(tmpdir(), 'fake-google-'));

  async function printPdf(html: string): Promise<Buffer> {
    browser ??= await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath(),
      args: CHROMIUM_ARGS,
      javaScriptEnabled: false,
    });
    const page = await browser.newPage();
    try {
      await page.setContent(html, { waitUntil: 'load' });
      return await page.pdf({
        format: 'A4',
        preferCSSPageSize: true,
        scale: exportScale,
        printBackground: true,
      });
    } finally {
      await page.close();
    }
  }

  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' });
    res.end(JSON.stringify(body));
  };
  const googleError = (status: number, message: string) => ({
    error: { code: status, message, errors: [{ message, reason: 'test' }] },
  });

  function scripted(kind: LoggedCall['kind']): number | null {
    const f = failures.find((x) => x.kind === kind && x.times > 0);
    if (!f) return null;
    f.times--;
    return f.status;
  }

  async function handle(req: IncomingMessage, res: ServerResponse, base: string) {
    const url = new URL(req.url ?? '/', base);
    const query = Object.fromEntries(url.searchParams);
    const path = url.pathname;
    const raw = await readBody(req);

    // ---- test hooks -------------------------------------------------------------------
    if (path === '/__log') return json(res, 200, { calls: log });
    if (path === '/__reset') {
      log = [];
      failures = [];
      exportScale = 1;
      return json(res, 200, { ok: true });
    }
    if (path === '/__fail') {
      failures.push(JSON.parse(raw.toString('utf8')) as Failure);
      return json(res, 200, { ok: true });
    }
    if (path === '/__config') {
      exportScale = Number((JSON.parse(raw.toString('utf8')) as { exportScale?: number }).exportScale ?? 1);
      return json(res, 200, { ok: true });
    }
    if (path.startsWith('/__files/')) {
      const f = files.get(decodeURIComponent(path.slice('/__files/'.length)));
      return f ? json(res, 200, f) : json(res, 404, {});
    }

    const entry: LoggedCall = {
      kind: 'other',
      method: req.method ?? 'GET',
      path,
      query,
      authorization: req.headers.authorization,
      contentType: req.headers['content-type'],
      status: 0,
    };
    log.push(entry);
    const reply = (status: number, body: unknown) => {
      entry.status = status;
      if (status >= 400 && !entry.error) entry.error = JSON.stringify(body);
      return json(res, status, body);
    };

    // ---- OAuth token endpoint -----------------------------------------------------------
    if (path === '/token' && req.method === 'POST') {
      entry.kind = 'token';
      const form = new URLSearchParams(raw.toString('utf8'));
      if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer')
        return reply(400, { error: 'unsupported_grant_type' });
      const forced = scripted('token');
      if (forced) return reply(forced, { error: 'temporarily_unavailable' });
      try {
        // Any service account of the test project, as long as our key signed it (tests vary
        // the account's email to get past the worker's token cache).
        const { payload, protectedHeader } = await jwtVerify(form.get('assertion') ?? '', publicKey, {
          audience: `${base}/token`,
          algorithms: ['RS256'],
        });
        if (!/^[^@]+@veli-velo-test\.iam\.gserviceaccount\.com$/.test(String(payload.iss)))
          return reply(400, { error: 'invalid_grant', error_description: 'unknown service account' });
        entry.jwt = {
          iss: String(payload.iss),
          aud: String(payload.aud),
          scope: String(payload.scope),
          kid: protectedHeader.kid,
          alg: protectedHeader.alg,
        };
        if (!payload.exp || !payload.iat || payload.exp - payload.iat > 3600)
          return reply(400, { error: 'invalid_grant', error_description: 'bad lifetime' });
        const token = `ya29.sa-${++seq}-${Math.random().toString(36).slice(2)}`;
        issued.add(token);
        return reply(200, { access_token: token, expires_in: 3599, token_type: 'Bearer' });
      } catch (err) {
        entry.error = (err as Error).message;
        return reply(400, { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' });
      }
    }

    // ---- Drive v3 -------------------------------------------------------------------------
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!bearer || !(issued.has(bearer) || bearer.startsWith(USER_TOKEN_PREFIX))) {
      return reply(401, { error: { code: 401, message: 'Request had invalid authentication credentials.' } });
    }

    const upload = /^\/upload\/drive\/v3\/files(?:\/([^/]+))?$/.exec(path);
    if (upload && (req.method === 'POST' || req.method === 'PATCH')) {
      const id = upload[1] ? decodeURIComponent(upload[1]) : null;
      entry.kind = id ? 'update' : 'create';
      const forced = scripted(entry.kind);
      if (forced) return reply(forced, googleError(forced, 'scripted failure'));
      if (query.uploadType !== 'multipart')
        return reply(400, { error: { message: 'uploadType must be multipart' } });
      const boundary = /boundary=("?)([^";]+)\1/.exec(req.headers['content-type'] ?? '')?.[2];
      if (!req.headers['content-type']?.startsWith('multipart/related') || !boundary)
        return reply(400, { error: { message: 'multipart/related with a boundary expected' } });
      const parts = parseMultipart(raw.toString('utf8'), boundary);
      const [metaPart, mediaPart] = parts;
      if (
        parts.length !== 2 ||
        !metaPart ||
        !mediaPart ||
        !metaPart.headers['content-type']?.startsWith('application/json')
      )
        return reply(400, { error: { message: 'metadata part then media part expected' } });
      const metadata = JSON.parse(metaPart.body) as { name?: string; mimeType?: string; parents?: string[] };
      entry.metadata = metadata;
      entry.mediaType = mediaPart.headers['content-type'];
      entry.mediaChars = mediaPart.body.length;
      if (!entry.mediaType?.startsWith('text/html'))
        return reply(400, { error: { message: 'media must be HTML' } });
      if (id) {
        const f = files.get(id);
        if (!f) return reply(404, { error: { code: 404, message: `File not found: ${id}.` } });
        if (metadata.mimeType && metadata.mimeType !== f.mimeType)
          return reply(400, { error: { message: 'mimeType cannot change' } });
        f.html = mediaPart.body;
        f.name = metadata.name ?? f.name;
        f.revisions++;
        return reply(200, { id: f.id, webViewLink: `https://docs.google.com/document/d/${f.id}/edit` });
      }
      if (metadata.mimeType !== DOC_MIME)
        return reply(400, { error: { message: 'expected conversion to a Google Doc' } });
      const f: StoredFile = {
        id: `doc-${++seq}-${Math.random().toString(36).slice(2, 8)}`,
        name: metadata.name ?? 'Untitled',
        mimeType: DOC_MIME,
        parents: metadata.parents ?? [],
        html: mediaPart.body,
        revisions: 1,
      };
      files.set(f.id, f);
      return reply(200, { id: f.id, webViewLink: `https://docs.google.com/document/d/${f.id}/edit` });
    }

    const exp = /^\/drive\/v3\/files\/([^/]+)\/export$/.exec(path);
    if (exp && req.method === 'GET') {
      entry.kind = 'export';
      const forced = scripted('export');
      if (forced) return reply(forced, googleError(forced, 'scripted failure'));
      const f = files.get(decodeURIComponent(exp[1] ?? ''));
      if (!f) return reply(404, { error: { code: 404, message: 'File not found.' } });
      if (query.mimeType !== 'application/pdf')
        return reply(400, { error: { message: 'unsupported export type' } });
      const pdf = await printPdf(f.html);
      entry.pages = (await PDFDocument.load(pdf)).getPageCount();
      entry.status = 200;
      res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': pdf.length });
      return res.end(pdf);
    }

    const del = /^\/drive\/v3\/files\/([^/]+)$/.exec(path);
    if (del && req.method === 'DELETE') {
      entry.kind = 'delete';
      const existed = files.delete(decodeURIComponent(del[1] ?? ''));
      entry.status = existed ? 204 : 404;
      res.writeHead(entry.status);
      return res.end();
    }
    return reply(404, { error: { message: `no route ${req.method} ${path}` } });
  }

  const server = createServer((req, res) => {
    handle(req, res, base).catch((err: Error) => {
      if (!res.headersSent) json(res, 500, { error: { message: err.message } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    base,
    serviceAccountKey,
    clientEmail,
    keyId,
    files,
    calls: () => log,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await browser?.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export type FakeGoogle = Awaited<ReturnType<typeof startFakeGoogle>>;

/** Env values pointing the worker at this server. */
export const googleEnv = (g: { base: string; serviceAccountKey: string }) => ({
  GOOGLE_TOKEN_URL: `${g.base}/token`,
  GOOGLE_DRIVE_URL: `${g.base}/drive/v3`,
  GOOGLE_DRIVE_UPLOAD_URL: `${g.base}/upload/drive/v3`,
  GOOGLE_SERVICE_ACCOUNT_KEY: g.serviceAccountKey,
});
