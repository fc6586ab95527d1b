// A local stand-in for Google's OAuth token endpoint, Drive v3 and the Docs API, speaking
// their documented wire format and behaving as Google documents it:
// - the JWT-bearer grant (RFC 7523, RS256 signature checked against the service account's key);
// - multipart uploads converted to Google Docs through a model of Drive's HTML import
//   (fake-google-import.ts): `@page` ignored, headings only as children of <body>, Google's
//   own page-break form, widths from cells; a new or re-imported Doc is US Letter with
//   one-inch margins until `documents.batchUpdate` → `updateDocumentStyle` sets its page;
// - a service account owns no storage: it may create only inside a Shared Drive it belongs to
//   (else 403 `storageQuotaExceeded`), and Shared Drive items are invisible (404) to calls
//   without `supportsAllDrives=true`;
// - files.get with the version, modifiedTime and last modifying user Drive reports;
// - files.export to PDF: the imported Doc printed by headless Chromium at the Doc's own page
//   size and margins, its pages counted with pdf-lib;
// - a new Doc is pageless (as for a person whose default is pageless) until
//   `updateDocumentStyle` sets `documentFormat.documentMode`; `replaceAllText` replaces text;
// - files uploaded without conversion (a PDF) are kept byte for byte; folders are found
//   (files.list with a `q`) and created; files renamed; `permissions.create` records the
//   person, the role and the notification e-mail Drive would send.
// - files.update with `{trashed: true}`: the file goes to the trash (still readable by id);
//   files.delete (permanent) of a Shared Drive file takes an organizer (Manager) of its folder,
//   which the service account, a Content manager, is not: 403 `insufficientFilePermissions`;
// - the Sheets values resource of fake-google-sheets.ts, reached with the tokens issued here
//   (one token endpoint for Drive, Docs and Sheets, as at Google).
// Test hooks under /__ read what was received, script failures and delays, and play a person
// editing a Doc in the browser.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportPKCS8, generateKeyPair, jwtVerify } from 'jose';
import { PDFDocument } from 'pdf-lib';
import type { BrowserContext } from 'playwright-core';
import {
  type CallKind,
  DOC_MIME,
  type DocPage,
  FOLDER_MIME,
  LETTER,
  type LoggedCall,
  MY_DRIVE_FOLDER_ID,
  SHARED_DRIVE_ID,
  SHARED_FOLDER_ID,
  type StoredFile,
  USER_TOKEN_PREFIX,
} from '../worker/fake-google-wire';
import { launchChromium } from './chromium';
import { importAsGoogle, layOutTables } from './fake-google-import';
import { sheetsState, values as sheetsValues, VALUES_PATH } from './fake-google-sheets';
import { readBytes } from './proxy';

const SA_DOMAIN = /^[^@]+@veli-velo-test\.iam\.gserviceaccount\.com$/;

interface Failure {
  kind: CallKind;
  status?: number;
  /** Answer only after this long (a slow Google), instead of or before failing. */
  delayMs?: number;
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

/** Google's JSON error body. */
export const googleError = (code: number, message: string, reason: string, domain = 'global') => ({
  error: { code, message, errors: [{ message, domain, reason }] },
});
const notFound = (id: string) => googleError(404, `File not found: ${id}.`, 'notFound');
const NO_QUOTA =
  'Service Accounts do not have storage quota. Leverage shared drives (https://developers.google.com/workspace/drive/api/guides/about-shareddrives), or use OAuth delegation (http://support.google.com/a/answer/7281227) instead.';

/** Who a bearer token stands for. */
interface Identity {
  email: string;
  serviceAccount: boolean;
}

type Reply = (status: number, body: unknown) => void;
interface Req {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  query: Record<string, string>;
  raw: Buffer;
  entry: LoggedCall;
  reply: Reply;
  who: Identity;
}

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' });
  res.end(JSON.stringify(body));
};

/** The file as files.get returns it, `me` relative to the caller. */
const resource = (f: StoredFile, who: Identity) => ({
  kind: 'drive#file',
  id: f.id,
  name: f.name,
  mimeType: f.mimeType,
  parents: f.parents,
  ...(f.driveId ? { driveId: f.driveId } : {}),
  webViewLink: `https://docs.google.com/document/d/${f.id}/edit`,
  version: String(f.version),
  modifiedTime: f.modifiedTime,
  lastModifyingUser: {
    kind: 'drive#user',
    displayName: f.lastModifyingUser,
    emailAddress: f.lastModifyingUser,
    me: f.lastModifyingUser === who.email,
  },
  trashed: f.trashed ?? false,
});

/** The stand-in's state and handlers: one method per Google operation it speaks. */
class FakeGoogleServer {
  readonly issued = new Map<string, Identity>();
  readonly files = new Map<string, StoredFile>();
  readonly folders = new Map<string, { driveId: string | null; parent?: string; name?: string }>([
    [SHARED_FOLDER_ID, { driveId: SHARED_DRIVE_ID }],
    [MY_DRIVE_FOLDER_ID, { driveId: null }],
  ]);
  log: LoggedCall[] = [];
  failures: Failure[] = [];
  lineSpacing = 1;
  seq = 0;
  clock = 0;
  browser: BrowserContext | null = null;
  readonly profile = mkdtempSync(join(tmpdir(), 'fake-google-'));
  readonly sheets = sheetsState('');

  constructor(readonly publicKey: CryptoKey) {}

  /** Drive's clock: strictly increasing, so every change has its own modifiedTime. */
  now() {
    this.clock = Math.max(Date.now(), this.clock + 1);
    return new Date(this.clock).toISOString();
  }

  async withPage<T>(fn: (page: import('playwright-core').Page) => Promise<T>): Promise<T> {
    this.browser ??= await launchChromium(this.profile, { javaScriptEnabled: false });
    const page = await this.browser.newPage();
    try {
      return await fn(page);
    } finally {
      await page.close();
    }
  }

  importHtml(html: string) {
    return this.withPage((page) => importAsGoogle(page, html));
  }

  /** The Doc printed as Docs exports it: its own page size and margins, nothing from CSS. */
  printPdf(f: StoredFile) {
    return this.withPage(async (page) => {
      // Tests make Google's layout run longer than ours: more line spacing than we asked for.
      const spacing =
        this.lineSpacing === 1
          ? ''
          : `<style>p, li, td, th { line-height: ${1.2 * this.lineSpacing} !important; }</style>`;
      await page.setContent(f.imported.replace('</head>', `${spacing}</head>`), { waitUntil: 'load' });
      await layOutTables(page, f.page.widthPt - f.page.marginLeftPt - f.page.marginRightPt);
      const inch = (pt: number) => `${pt / 72}in`;
      return page.pdf({
        width: inch(f.page.widthPt),
        height: inch(f.page.heightPt),
        margin: {
          top: inch(f.page.marginTopPt),
          bottom: inch(f.page.marginBottomPt),
          left: inch(f.page.marginLeftPt),
          right: inch(f.page.marginRightPt),
        },
        preferCSSPageSize: false,
        printBackground: true,
      });
    });
  }

  async scripted(kind: CallKind): Promise<number | null> {
    const f = this.failures.find((x) => x.kind === kind && x.times > 0);
    if (!f) return null;
    f.times--;
    if (f.delayMs) await new Promise((r) => setTimeout(r, f.delayMs));
    return f.status ?? null;
  }

  /** Records a change to a Doc, as Drive does for any writer. */
  touch(f: StoredFile, who: string) {
    f.version++;
    f.modifiedTime = this.now();
    f.lastModifyingUser = who;
  }

  /** A file as this call may see it: Shared Drive items need `supportsAllDrives=true`. */
  visible(r: Req, id: string): StoredFile | null {
    const f = this.files.get(id);
    if (!f || (f.driveId && r.query.supportsAllDrives !== 'true')) {
      r.reply(404, notFound(id));
      return null;
    }
    return f;
  }

  handleHooks(path: string, raw: Buffer, res: ServerResponse): boolean {
    const body = () => JSON.parse(raw.toString('utf8') || '{}');
    if (path === '/__log') json(res, 200, { calls: this.log });
    else if (path === '/__reset') {
      this.log = [];
      this.failures = [];
      this.lineSpacing = 1;
      json(res, 200, { ok: true });
    } else if (path === '/__fail') {
      this.failures.push(body() as Failure);
      json(res, 200, { ok: true });
    } else if (path === '/__config') {
      this.lineSpacing = Number((body() as { lineSpacing?: number }).lineSpacing ?? 1);
      json(res, 200, { ok: true });
    } else if (path.startsWith('/__files/')) {
      const f = this.files.get(decodeURIComponent(path.slice('/__files/'.length)));
      if (f) json(res, 200, f);
      else json(res, 404, {});
    } else if (path.startsWith('/__edit/')) {
      // A person typing in the Doc: the content changes and Drive records them as its editor.
      const f = this.files.get(decodeURIComponent(path.slice('/__edit/'.length)));
      if (!f) json(res, 404, {});
      else {
        const { by, text } = body() as { by: string; text?: string };
        f.imported = f.imported.replace('</body>', `<p>${text ?? 'Modifié à la main.'}</p></body>`);
        this.touch(f, by);
        json(res, 200, resource(f, { email: by, serviceAccount: false }));
      }
    } else return false;
    return true;
  }

  async token(r: Req, base: string) {
    r.entry.kind = 'token';
    const form = new URLSearchParams(r.raw.toString('utf8'));
    if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer')
      return r.reply(400, { error: 'unsupported_grant_type' });
    const forced = await this.scripted('token');
    if (forced) return r.reply(forced, { error: 'temporarily_unavailable' });
    try {
      // Any service account of the test project, as long as our key signed it (tests vary
      // the account's email to get past the worker's token cache).
      const { payload, protectedHeader } = await jwtVerify(form.get('assertion') ?? '', this.publicKey, {
        audience: `${base}/token`,
        algorithms: ['RS256'],
      });
      if (!SA_DOMAIN.test(String(payload.iss)))
        return r.reply(400, { error: 'invalid_grant', error_description: 'unknown service account' });
      r.entry.jwt = {
        iss: String(payload.iss),
        aud: String(payload.aud),
        scope: String(payload.scope),
        kid: protectedHeader.kid,
        alg: protectedHeader.alg,
      };
      if (!payload.exp || !payload.iat || payload.exp - payload.iat > 3600)
        return r.reply(400, { error: 'invalid_grant', error_description: 'bad lifetime' });
      const access = `ya29.sa-${++this.seq}-${Math.random().toString(36).slice(2)}`;
      this.issued.set(access, { email: String(payload.iss), serviceAccount: true });
      this.sheets.tokens.set(access, String(payload.scope));
      return r.reply(200, { access_token: access, expires_in: 3599, token_type: 'Bearer' });
    } catch (err) {
      r.entry.error = (err as Error).message;
      return r.reply(400, { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' });
    }
  }

  /** The metadata and HTML parts of a multipart upload, or null after answering 400. */
  uploaded(r: Req) {
    if (r.query.uploadType !== 'multipart') {
      r.reply(400, googleError(400, 'uploadType must be multipart', 'badRequest'));
      return null;
    }
    const boundary = /boundary=("?)([^";]+)\1/.exec(r.req.headers['content-type'] ?? '')?.[2];
    // Read byte for byte (latin1): a PDF part is binary; text parts are decoded below.
    const parts = boundary ? parseMultipart(r.raw.toString('latin1'), boundary) : [];
    const [metaPart, mediaPart] = parts;
    if (
      parts.length !== 2 ||
      !metaPart ||
      !mediaPart ||
      !metaPart.headers['content-type']?.startsWith('application/json')
    ) {
      r.reply(400, googleError(400, 'metadata part then media part expected', 'badRequest'));
      return null;
    }
    const utf8 = (latin1: string) => Buffer.from(latin1, 'latin1').toString('utf8');
    const metadata = JSON.parse(utf8(metaPart.body)) as {
      name?: string;
      mimeType?: string;
      parents?: string[];
      description?: string;
    };
    r.entry.metadata = metadata;
    r.entry.mediaType = mediaPart.headers['content-type'];
    r.entry.mediaChars = mediaPart.body.length;
    if (r.entry.mediaType?.startsWith('application/pdf'))
      return { metadata, html: '', bytes: Buffer.from(mediaPart.body, 'latin1') };
    if (!r.entry.mediaType?.startsWith('text/html')) {
      r.reply(400, googleError(400, 'media must be HTML or a PDF', 'badRequest'));
      return null;
    }
    return { metadata, html: utf8(mediaPart.body), bytes: null };
  }

  async create(r: Req) {
    r.entry.kind = 'create';
    const forced = await this.scripted('create');
    if (forced) return r.reply(forced, googleError(forced, 'scripted failure', 'backendError'));
    const up = this.uploaded(r);
    if (!up) return;
    const pdf = up.bytes !== null;
    if (pdf ? up.metadata.mimeType !== 'application/pdf' : up.metadata.mimeType !== DOC_MIME)
      return r.reply(400, googleError(400, 'expected a Google Doc conversion or a PDF', 'badRequest'));
    const parent = up.metadata.parents?.[0];
    const folder = parent ? this.folders.get(parent) : undefined;
    if (parent && (!folder || (folder.driveId && r.query.supportsAllDrives !== 'true')))
      return r.reply(404, notFound(parent));
    // A service account has no My Drive storage: outside a Shared Drive, Google refuses.
    if (r.who.serviceAccount && !folder?.driveId)
      return r.reply(403, googleError(403, NO_QUOTA, 'storageQuotaExceeded', 'usageLimits'));
    const f: StoredFile = {
      id: `${pdf ? 'pdf' : 'doc'}-${++this.seq}-${Math.random().toString(36).slice(2, 8)}`,
      name: up.metadata.name ?? 'Untitled',
      mimeType: pdf ? 'application/pdf' : DOC_MIME,
      parents: parent ? [parent] : [],
      driveId: folder?.driveId ?? null,
      html: up.html,
      imported: pdf ? '' : await this.importHtml(up.html),
      page: { ...LETTER },
      documentMode: 'PAGELESS',
      bytes: up.bytes?.toString('base64'),
      description: up.metadata.description,
      permissions: [],
      revisions: 1,
      version: 0,
      modifiedTime: '',
      lastModifyingUser: '',
    };
    this.touch(f, r.who.email);
    this.files.set(f.id, f);
    return r.reply(200, resource(f, r.who));
  }

  async update(r: Req, id: string) {
    r.entry.kind = 'update';
    const forced = await this.scripted('update');
    if (forced) return r.reply(forced, googleError(forced, 'scripted failure', 'backendError'));
    const up = this.uploaded(r);
    if (!up) return;
    const f = this.visible(r, id);
    if (!f) return;
    if (up.metadata.mimeType && up.metadata.mimeType !== f.mimeType)
      return r.reply(400, googleError(400, 'mimeType cannot change', 'badRequest'));
    // New content is a new import: the Doc comes back as US Letter until its page is set again.
    f.html = up.html;
    f.imported = await this.importHtml(up.html);
    f.page = { ...LETTER };
    f.documentMode = 'PAGELESS';
    f.name = up.metadata.name ?? f.name;
    f.revisions++;
    this.touch(f, r.who.email);
    return r.reply(200, resource(f, r.who));
  }

  async metadata(r: Req, id: string) {
    r.entry.kind = 'metadata';
    const forced = await this.scripted('metadata');
    if (forced) return r.reply(forced, googleError(forced, 'scripted failure', 'backendError'));
    const f = this.visible(r, id);
    if (f) r.reply(200, resource(f, r.who));
  }

  /**
   * documents.batchUpdate: `updateDocumentStyle` (the Doc's page size, margins and page mode)
   * or `replaceAllText` requests (texts replaced everywhere, occurrences counted).
   */
  async batchUpdate(r: Req, id: string) {
    const body = JSON.parse(r.raw.toString('utf8') || '{}') as { requests?: Record<string, unknown>[] };
    const replacing = body.requests?.some((q) => 'replaceAllText' in q);
    r.entry.kind = replacing ? 'replace-text' : 'page-setup';
    const forced = await this.scripted(r.entry.kind);
    if (forced) return r.reply(forced, googleError(forced, 'scripted failure', 'backendError'));
    const f = this.files.get(id);
    if (!f || f.mimeType !== DOC_MIME)
      return r.reply(404, googleError(404, 'Requested entity was not found.', 'notFound'));
    r.entry.requests = body.requests;
    if (replacing) {
      const replies = replaceAllText(f, body.requests ?? []);
      if (typeof replies === 'string') return r.reply(400, googleError(400, replies, 'badRequest'));
      this.touch(f, r.who.email);
      return r.reply(200, { documentId: id, replies });
    }
    const next = applyDocumentStyle({ ...f.page, mode: f.documentMode }, body.requests);
    if (typeof next === 'string') return r.reply(400, googleError(400, next, 'badRequest'));
    const { mode, ...page } = next;
    f.page = page;
    f.documentMode = mode;
    this.touch(f, r.who.email);
    return r.reply(200, {
      documentId: id,
      replies: [{}],
      writeControl: { requiredRevisionId: `rev-${f.version}` },
    });
  }

  /** files.list with `q`: the folders named in a parent (what the worker looks up). */
  list(r: Req) {
    r.entry.kind = 'list';
    const q = r.query.q ?? '';
    const parent = /'([^']+)' in parents/.exec(q)?.[1];
    const name = /name = '([^']+)'/.exec(q)?.[1];
    const shared = (id: string | undefined) => (id ? this.folders.get(id)?.driveId : null);
    if (
      shared(parent) &&
      (r.query.supportsAllDrives !== 'true' || r.query.includeItemsFromAllDrives !== 'true')
    )
      return r.reply(200, { files: [] });
    const files = [...this.folders.entries()]
      .filter(([, f]) => f.parent === parent && f.name === name)
      .map(([id]) => ({ id }));
    return r.reply(200, { files });
  }

  /** files.create without media: a folder in a folder the caller sees. */
  createFolder(r: Req) {
    r.entry.kind = 'create-folder';
    const meta = JSON.parse(r.raw.toString('utf8') || '{}') as {
      name?: string;
      mimeType?: string;
      parents?: string[];
    };
    const parent = meta.parents?.[0];
    const folder = parent ? this.folders.get(parent) : undefined;
    if (
      meta.mimeType !== FOLDER_MIME ||
      !parent ||
      !folder ||
      (folder.driveId && r.query.supportsAllDrives !== 'true')
    )
      return r.reply(404, notFound(parent ?? ''));
    const id = `folder-${++this.seq}`;
    this.folders.set(id, { driveId: folder.driveId, parent, name: meta.name ?? '' });
    return r.reply(200, { id });
  }

  /** files.update without media: a new name (and description), or `{trashed: true}`; the content stays. */
  rename(r: Req, id: string) {
    const meta = JSON.parse(r.raw.toString('utf8') || '{}') as {
      name?: string;
      description?: string;
      trashed?: boolean;
    };
    if (meta.trashed !== undefined) return this.trash(r, id);
    r.entry.kind = 'rename';
    const f = this.visible(r, id);
    if (!f) return;
    f.name = meta.name ?? f.name;
    f.description = meta.description ?? f.description;
    this.touch(f, r.who.email);
    return r.reply(200, { id });
  }

  /** permissions.create: the person gets the role; Drive e-mails them when asked to. */
  share(r: Req, id: string) {
    r.entry.kind = 'share';
    const f = this.visible(r, id);
    if (!f) return;
    const p = JSON.parse(r.raw.toString('utf8') || '{}') as {
      type?: string;
      role?: string;
      emailAddress?: string;
    };
    if (p.type !== 'user' || !p.emailAddress || !['reader', 'commenter', 'writer'].includes(p.role ?? ''))
      return r.reply(400, googleError(400, 'Invalid permission.', 'invalid'));
    f.permissions.push({
      email: p.emailAddress,
      role: p.role!,
      notified: r.query.sendNotificationEmail !== 'false',
      message: r.query.emailMessage ?? '',
    });
    return r.reply(200, { kind: 'drive#permission', id: `perm-${++this.seq}`, type: 'user', role: p.role });
  }

  async exportPdf(r: Req, id: string) {
    r.entry.kind = 'export';
    const forced = await this.scripted('export');
    if (forced) return r.reply(forced, googleError(forced, 'scripted failure', 'backendError'));
    // files.export takes no supportsAllDrives: a file id is enough.
    const f = this.files.get(id);
    if (!f) return r.reply(404, notFound(id));
    if (r.query.mimeType !== 'application/pdf')
      return r.reply(400, googleError(400, 'unsupported export type', 'badRequest'));
    const pdf = await this.printPdf(f);
    r.entry.pages = (await PDFDocument.load(pdf)).getPageCount();
    r.entry.page = { ...f.page };
    r.entry.status = 200;
    r.res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': pdf.length });
    r.res.end(pdf);
  }

  /** files.update of metadata only: `{trashed: true}` moves the file to the trash. */
  trash(r: Req, id: string) {
    r.entry.kind = 'trash';
    const f = this.visible(r, id);
    if (!f) return;
    const body = JSON.parse(r.raw.toString('utf8') || '{}') as { trashed?: boolean };
    if (body.trashed !== true)
      return r.reply(400, googleError(400, 'only {trashed: true} is supported', 'badRequest'));
    f.trashed = true;
    this.touch(f, r.who.email);
    return r.reply(200, { id: f.id, trashed: true });
  }

  remove(r: Req, id: string) {
    r.entry.kind = 'delete';
    const f = this.visible(r, id);
    if (!f) return;
    if (f.driveId && r.who.serviceAccount)
      return r.reply(
        403,
        googleError(
          403,
          'The user does not have sufficient permissions for this file.',
          'insufficientFilePermissions',
        ),
      );
    this.files.delete(id);
    r.entry.status = 204;
    r.res.writeHead(204);
    r.res.end();
  }

  async route(r: Req, base: string) {
    const { path } = { path: r.url.pathname };
    const method = r.req.method ?? 'GET';
    if (path === '/token' && method === 'POST') return this.token(r, base);
    const bearer = /^Bearer (.+)$/.exec(r.req.headers.authorization ?? '')?.[1] ?? '';
    const who =
      this.issued.get(bearer) ??
      (bearer.startsWith(USER_TOKEN_PREFIX)
        ? { email: `${bearer.slice(USER_TOKEN_PREFIX.length)}@example.org`, serviceAccount: false }
        : null);
    if (!who)
      return r.reply(401, googleError(401, 'Request had invalid authentication credentials.', 'authError'));
    r.who = who;
    const sheet = VALUES_PATH.exec(path);
    if (sheet) return sheetsValues(this.sheets, r.req, r.res, r.url, [...sheet], r.raw.toString('utf8'));
    if (path === '/upload/drive/v3/files' && method === 'POST') return this.create(r);
    if (path === '/drive/v3/files' && method === 'GET') return this.list(r);
    if (path === '/drive/v3/files' && method === 'POST') return this.createFolder(r);
    const ROUTES: [string, RegExp, (id: string) => unknown][] = [
      ['PATCH', /^\/upload\/drive\/v3\/files\/([^/]+)$/, (id) => this.update(r, id)],
      ['GET', /^\/drive\/v3\/files\/([^/]+)\/export$/, (id) => this.exportPdf(r, id)],
      ['POST', /^\/drive\/v3\/files\/([^/]+)\/permissions$/, (id) => this.share(r, id)],
      ['GET', /^\/drive\/v3\/files\/([^/]+)$/, (id) => this.metadata(r, id)],
      ['PATCH', /^\/drive\/v3\/files\/([^/]+)$/, (id) => this.rename(r, id)],
      ['DELETE', /^\/drive\/v3\/files\/([^/]+)$/, (id) => this.remove(r, id)],
      ['POST', /^\/v1\/documents\/([^/:]+):batchUpdate$/, (id) => this.batchUpdate(r, id)],
    ];
    for (const [verb, pattern, handler] of ROUTES) {
      const m = pattern.exec(path);
      if (m && verb === method) return handler(decodeURIComponent(m[1] ?? ''));
    }
    return r.reply(404, googleError(404, `no route ${method} ${path}`, 'notFound'));
  }

  async handle(req: IncomingMessage, res: ServerResponse, base: string) {
    const url = new URL(req.url ?? '/', base);
    const raw = await readBytes(req);
    if (this.handleHooks(url.pathname, raw, res)) return;
    const entry: LoggedCall = {
      kind: 'other',
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      authorization: req.headers.authorization,
      contentType: req.headers['content-type'],
      status: 0,
    };
    this.log.push(entry);
    const reply: Reply = (status, body) => {
      entry.status = status;
      if (status >= 400 && !entry.error) entry.error = JSON.stringify(body);
      json(res, status, body);
    };
    const r: Req = {
      req,
      res,
      url,
      query: entry.query,
      raw,
      entry,
      reply,
      who: { email: '', serviceAccount: false },
    };
    await this.route(r, base);
  }
}

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
  const g = new FakeGoogleServer(publicKey);
  const server = createServer((req, res) => {
    g.handle(req, res, base).catch((err: Error) => {
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
    files: g.files,
    calls: () => g.log,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await g.browser?.close();
      rmSync(g.profile, { recursive: true, force: true });
    },
  };
}

type Styled = DocPage & { mode: 'PAGES' | 'PAGELESS' };

/** `updateDocumentStyle` as the Docs API applies it: only the `fields` named, in points. */
export function applyDocumentStyle(page: Styled, requests: unknown): Styled | string {
  if (!Array.isArray(requests) || requests.length === 0) return 'requests must be a non-empty list';
  let next = { ...page };
  for (const req of requests as { updateDocumentStyle?: { documentStyle?: DocStyle; fields?: string } }[]) {
    const u = req.updateDocumentStyle;
    if (!u) return 'only updateDocumentStyle is supported by the stand-in';
    if (!u.fields) return 'UpdateDocumentStyleRequest: fields must be set';
    const s = u.documentStyle ?? {};
    for (const field of u.fields.split(',').map((x) => x.trim())) {
      const dim = (d: Dim | undefined, name: string) => {
        if (d?.unit !== 'PT' || !(d.magnitude > 0))
          throw new Error(`${name} needs a positive magnitude in PT`);
        return d.magnitude;
      };
      try {
        if (field === 'documentFormat') {
          const mode = s.documentFormat?.documentMode;
          if (mode !== 'PAGES' && mode !== 'PAGELESS')
            return 'documentFormat.documentMode must be PAGES or PAGELESS';
          next = { ...next, mode };
        } else if (field === 'pageSize')
          next = {
            ...next,
            widthPt: dim(s.pageSize?.width, 'width'),
            heightPt: dim(s.pageSize?.height, 'height'),
          };
        else if (MARGINS[field])
          next = { ...next, [MARGINS[field]]: dim(s[field as keyof DocStyle] as Dim, field) };
        else return `unsupported field ${field}`;
      } catch (err) {
        return (err as Error).message;
      }
    }
  }
  return next;
}

interface Dim {
  magnitude: number;
  unit: string;
}
interface DocStyle {
  documentFormat?: { documentMode?: string };
  pageSize?: { width?: Dim; height?: Dim };
  marginTop?: Dim;
  marginBottom?: Dim;
  marginLeft?: Dim;
  marginRight?: Dim;
}
const MARGINS: Record<string, keyof DocPage> = {
  marginTop: 'marginTopPt',
  marginBottom: 'marginBottomPt',
  marginLeft: 'marginLeftPt',
  marginRight: 'marginRightPt',
};

/**
 * `replaceAllText` as the Docs API applies it: every occurrence of the text (matched case
 * sensitively when asked) replaced in the Doc's text; each reply counts its occurrences.
 */
function replaceAllText(f: StoredFile, requests: Record<string, unknown>[]) {
  const asHtml = (t: string) =>
    t
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/\u00A0/g, '&nbsp;');
  const replies = [];
  for (const q of requests) {
    const x = q.replaceAllText as { containsText?: { text?: string }; replaceText?: string } | undefined;
    const find = x?.containsText?.text;
    if (!x || !find) return 'replaceAllText needs containsText.text';
    const parts = f.imported.split(asHtml(find));
    f.imported = parts.join(asHtml(x.replaceText ?? ''));
    replies.push({ replaceAllText: { occurrencesChanged: parts.length - 1 } });
  }
  return replies;
}

export type FakeGoogle = Awaited<ReturnType<typeof startFakeGoogle>>;

/** Env values pointing the worker at this server (scripts/bench/documents.mjs reads them from here). */
export { googleEnv } from '../worker/fake-google-wire';
