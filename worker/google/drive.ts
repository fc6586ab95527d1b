import type { Env } from '../env';
import { GoogleError } from './service-account';

export const DEFAULT_DRIVE_URL = 'https://www.googleapis.com/drive/v3';
export const DEFAULT_DRIVE_UPLOAD_URL = 'https://www.googleapis.com/upload/drive/v3';
/** Files the app creates or opens, nothing else of the user's Drive. */
export const DRIVE_SCOPE = 'https://www.googleapis.com/auth/drive.file';
export const GOOGLE_DOC_MIME = 'application/vnd.google-apps.document';

/** Waits before retrying a 429 or 5xx: about 0.5 s, 1.5 s, 4 s (jittered). */
export const DEFAULT_RETRY_DELAYS_MS = [500, 1500, 4000];

export interface DriveOptions {
  token: string;
  driveUrl?: string;
  uploadUrl?: string;
  retryDelaysMs?: readonly number[];
}

export interface DriveFile {
  id: string;
  webViewLink?: string;
}

export function driveOptions(env: Env, token: string): DriveOptions {
  const delays = (env.GOOGLE_RETRY_DELAYS_MS ?? '')
    .split(',')
    .filter((s) => s.trim() !== '')
    .map(Number)
    .filter((n) => Number.isFinite(n) && n >= 0);
  return {
    token,
    driveUrl: env.GOOGLE_DRIVE_URL || DEFAULT_DRIVE_URL,
    uploadUrl: env.GOOGLE_DRIVE_UPLOAD_URL || DEFAULT_DRIVE_UPLOAD_URL,
    retryDelaysMs: delays.length ? delays : DEFAULT_RETRY_DELAYS_MS,
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const retryable = (status: number) => status === 429 || status >= 500;

/**
 * A Drive v3 client for the three calls a document needs: a multipart upload converted to a
 * Google Doc (create or update in place), and an export to PDF. Counts its calls (one per
 * operation, whatever the retries) and its HTTP requests. Never logs the token.
 */
export class Drive {
  calls = 0;
  requests = 0;
  constructor(private readonly o: DriveOptions) {}

  private async send(url: string, init: RequestInit, what: string): Promise<Response> {
    this.calls++;
    const delays = this.o.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
    for (let attempt = 0; ; attempt++) {
      this.requests++;
      let res: Response | null = null;
      try {
        res = await fetch(url, {
          ...init,
          headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${this.o.token}` },
        });
      } catch {
        res = null; // network failure: retried like a 503
      }
      if (res?.ok) return res;
      const status = res?.status ?? 503;
      if (!retryable(status) || attempt >= delays.length) {
        await res?.body?.cancel();
        throw new GoogleError(status, `Drive ${what} failed with ${status}`);
      }
      const retryAfter = Number(res?.headers.get('retry-after'));
      const base = delays[attempt] ?? 0;
      const wait =
        Number.isFinite(retryAfter) && retryAfter > 0
          ? Math.max(base, Math.min(retryAfter * 1000, 10_000))
          : base;
      await res?.body?.cancel();
      await sleep(wait * (0.75 + Math.random() * 0.5));
    }
  }

  private multipart(metadata: object, html: string) {
    const boundary = `veli-${crypto.randomUUID()}`;
    const body =
      `--${boundary}\r\ncontent-type: application/json; charset=UTF-8\r\n\r\n${JSON.stringify(metadata)}\r\n` +
      `--${boundary}\r\ncontent-type: text/html; charset=UTF-8\r\n\r\n${html}\r\n--${boundary}--\r\n`;
    return { body, contentType: `multipart/related; boundary=${boundary}` };
  }

  /** Uploads HTML converted to a Google Doc, in `folderId` when given. */
  async createDoc(name: string, html: string, folderId?: string): Promise<DriveFile> {
    const meta = { name, mimeType: GOOGLE_DOC_MIME, ...(folderId ? { parents: [folderId] } : {}) };
    const { body, contentType } = this.multipart(meta, html);
    const res = await this.send(
      `${this.o.uploadUrl ?? DEFAULT_DRIVE_UPLOAD_URL}/files?uploadType=multipart&supportsAllDrives=true&fields=id,webViewLink`,
      { method: 'POST', headers: { 'content-type': contentType }, body },
      'upload',
    );
    return (await res.json()) as DriveFile;
  }

  /** Replaces the content of an existing Google Doc (same id, same link, Drive keeps the history). */
  async updateDoc(id: string, name: string, html: string): Promise<DriveFile> {
    const { body, contentType } = this.multipart({ name }, html);
    const res = await this.send(
      `${this.o.uploadUrl ?? DEFAULT_DRIVE_UPLOAD_URL}/files/${encodeURIComponent(id)}?uploadType=multipart&supportsAllDrives=true&fields=id,webViewLink`,
      { method: 'PATCH', headers: { 'content-type': contentType }, body },
      'update',
    );
    return (await res.json()) as DriveFile;
  }

  async exportPdf(id: string): Promise<Uint8Array> {
    const res = await this.send(
      `${this.o.driveUrl ?? DEFAULT_DRIVE_URL}/files/${encodeURIComponent(id)}/export?mimeType=application%2Fpdf`,
      { method: 'GET' },
      'export',
    );
    return new Uint8Array(await res.arrayBuffer());
  }

  /** Best effort: removes a Doc this request created before failing, so nothing is left half-made. */
  async deleteFile(id: string): Promise<void> {
    try {
      await this.send(
        `${this.o.driveUrl ?? DEFAULT_DRIVE_URL}/files/${encodeURIComponent(id)}?supportsAllDrives=true`,
        { method: 'DELETE' },
        'delete',
      );
    } catch {
      // the failure being reported matters more than this clean-up
    }
  }
}

export const googleDocUrl = (id: string) =>
  `https://docs.google.com/document/d/${encodeURIComponent(id)}/edit`;
