import type { Env } from '../env';
import {
  type CallLog,
  GoogleError,
  type GoogleHttp,
  googleFetch,
  googleTimeoutMs,
  retryDelays,
} from './http';

export const DEFAULT_DRIVE_URL = 'https://www.googleapis.com/drive/v3';
export const DEFAULT_DRIVE_UPLOAD_URL = 'https://www.googleapis.com/upload/drive/v3';
/**
 * The service account's scope. A service account sees only what it is a member of (the
 * programme's Shared Drive); `drive.file` would confine it to files it created, and the
 * Shared Drive folder was created by a person.
 */
export const SERVICE_ACCOUNT_DRIVE_SCOPE = 'https://www.googleapis.com/auth/drive';
export const GOOGLE_DOC_MIME = 'application/vnd.google-apps.document';
export const FOLDER_MIME = 'application/vnd.google-apps.folder';

/** What a document needs to know about its Google Doc (Drive v3 `File` fields). */
export interface DriveFile {
  id: string;
  webViewLink?: string;
  /** Drive's `version` (an int64 written as a string), bumped by every change. */
  version?: string;
  modifiedTime?: string;
  lastModifyingUser?: { emailAddress?: string; me?: boolean };
  trashed?: boolean;
}
const FILE_FIELDS = 'id,webViewLink,version,modifiedTime,lastModifyingUser(emailAddress,me),trashed';

export interface DriveOptions extends GoogleHttp {
  driveUrl?: string;
  uploadUrl?: string;
}

export function driveOptions(env: Env, token: string, log?: CallLog): DriveOptions {
  return {
    token,
    driveUrl: env.GOOGLE_DRIVE_URL || DEFAULT_DRIVE_URL,
    uploadUrl: env.GOOGLE_DRIVE_UPLOAD_URL || DEFAULT_DRIVE_UPLOAD_URL,
    retryDelaysMs: retryDelays(env),
    timeoutMs: googleTimeoutMs(env),
    log,
  };
}

/**
 * A Drive v3 client for what a document needs: a multipart upload converted to a Google Doc
 * (create, or update in place), the file's metadata, an export to PDF and a clean-up delete.
 * Every call that takes it carries `supportsAllDrives=true`, without which Drive answers 404
 * for anything in a Shared Drive (files.export has no such parameter). Never logs the token.
 */
export class Drive {
  constructor(private readonly o: DriveOptions) {}

  private get api() {
    return this.o.driveUrl ?? DEFAULT_DRIVE_URL;
  }
  private get upload() {
    return this.o.uploadUrl ?? DEFAULT_DRIVE_UPLOAD_URL;
  }

  /**
   * A multipart/related body: the metadata as JSON, then the content as `contentType` (HTML
   * text, or a file's bytes sent as they are).
   */
  private multipart(
    metadata: object,
    content: string | Uint8Array,
    contentType = 'text/html; charset=UTF-8',
  ) {
    const boundary = `veli-${crypto.randomUUID()}`;
    const head =
      `--${boundary}\r\ncontent-type: application/json; charset=UTF-8\r\n\r\n${JSON.stringify(metadata)}\r\n` +
      `--${boundary}\r\ncontent-type: ${contentType}\r\n\r\n`;
    const tail = `\r\n--${boundary}--\r\n`;
    const type = `multipart/related; boundary=${boundary}`;
    if (typeof content === 'string') return { body: head + content + tail, contentType: type };
    const enc = new TextEncoder();
    const [before, after] = [enc.encode(head), enc.encode(tail)];
    const body = new Uint8Array(before.length + content.length + after.length);
    body.set(before, 0);
    body.set(content, before.length);
    body.set(after, before.length + content.length);
    return { body, contentType: type };
  }

  /** Uploads HTML converted to a Google Doc, in `folderId` when given. Not retried once sent. */
  async createDoc(name: string, html: string, folderId?: string): Promise<DriveFile> {
    const meta = { name, mimeType: GOOGLE_DOC_MIME, ...(folderId ? { parents: [folderId] } : {}) };
    try {
      return await this.createFile(meta, html, undefined, 'upload');
    } catch (err) {
      // A create names nothing else: a 404 is the folder, unseen by this account.
      if (folderId && err instanceof GoogleError && err.status === 404)
        throw new GoogleError(404, 'Drive folder not found', 'folderNotFound');
      throw err;
    }
  }

  /** Replaces the content of an existing Google Doc (same id, same link, Drive keeps the history). */
  async updateDoc(id: string, name: string, html: string): Promise<DriveFile> {
    const { body, contentType } = this.multipart({ name }, html);
    const res = await googleFetch(
      this.o,
      `${this.upload}/files/${encodeURIComponent(id)}?uploadType=multipart&supportsAllDrives=true&fields=${encodeURIComponent(FILE_FIELDS)}`,
      { method: 'PATCH', headers: { 'content-type': contentType }, body },
      'upload',
    );
    return (await res.json()) as DriveFile;
  }

  /** Who changed the Doc last and when: tells whether a person edited it since the worker did. */
  async getFile(id: string): Promise<DriveFile> {
    const res = await googleFetch(
      this.o,
      `${this.api}/files/${encodeURIComponent(id)}?supportsAllDrives=true&fields=${encodeURIComponent(FILE_FIELDS)}`,
      { method: 'GET' },
      'metadata',
    );
    return (await res.json()) as DriveFile;
  }

  async exportPdf(id: string): Promise<Uint8Array> {
    const res = await googleFetch(
      this.o,
      `${this.api}/files/${encodeURIComponent(id)}/export?mimeType=application%2Fpdf`,
      { method: 'GET' },
      'export',
    );
    return new Uint8Array(await res.arrayBuffer());
  }

  /** Uploads a file as it is (a PDF: no conversion) into `folderId`. Not retried once sent. */
  async uploadFile(
    meta: { name: string; mimeType: string; folderId?: string | undefined; description?: string },
    bytes: Uint8Array,
  ): Promise<DriveFile> {
    return this.createFile(
      {
        name: meta.name,
        mimeType: meta.mimeType,
        ...(meta.folderId ? { parents: [meta.folderId] } : {}),
        ...(meta.description ? { description: meta.description } : {}),
      },
      bytes,
      meta.mimeType,
      'upload file',
    );
  }

  /** files.create with its content in one multipart request; never retried once sent. */
  private async createFile(
    metadata: object,
    content: string | Uint8Array,
    type: string | undefined,
    what: string,
  ): Promise<DriveFile> {
    const { body, contentType } = this.multipart(metadata, content, type);
    const res = await googleFetch(
      this.o,
      `${this.upload}/files?uploadType=multipart&supportsAllDrives=true&fields=${encodeURIComponent(FILE_FIELDS)}`,
      { method: 'POST', headers: { 'content-type': contentType }, body },
      what,
      false,
    );
    return (await res.json()) as DriveFile;
  }

  /** The folder `name` in `parentId`: found by a files.list, or created. */
  async folderIn(parentId: string, name: string): Promise<string> {
    const q = `'${parentId.replace(/'/g, "\\'")}' in parents and name = '${name.replace(/'/g, "\\'")}' and mimeType = '${FOLDER_MIME}' and trashed = false`;
    const found = await googleFetch(
      this.o,
      `${this.api}/files?q=${encodeURIComponent(q)}&supportsAllDrives=true&includeItemsFromAllDrives=true&fields=files(id)`,
      { method: 'GET' },
      'find folder',
    );
    const id = ((await found.json()) as { files?: { id: string }[] }).files?.[0]?.id;
    if (id) return id;
    const made = await googleFetch(
      this.o,
      `${this.api}/files?supportsAllDrives=true&fields=id`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=UTF-8' },
        body: JSON.stringify({ name, mimeType: FOLDER_MIME, parents: [parentId] }),
      },
      'create folder',
      false,
    );
    return ((await made.json()) as { id: string }).id;
  }

  /** A metadata-only files.update (its answer, `fields` of the file, was read by googleFetch). */
  private async patchMetadata(id: string, metadata: object, fields: string, what: string): Promise<void> {
    await googleFetch(
      this.o,
      `${this.api}/files/${encodeURIComponent(id)}?supportsAllDrives=true&fields=${fields}`,
      {
        method: 'PATCH',
        headers: { 'content-type': 'application/json; charset=UTF-8' },
        body: JSON.stringify(metadata),
      },
      what,
    );
  }

  /** Renames a file (and sets its description): metadata only, the content stays byte for byte. */
  async rename(id: string, name: string, description?: string): Promise<void> {
    await this.patchMetadata(id, { name, ...(description ? { description } : {}) }, 'id', 'rename');
  }

  /**
   * Gives `email` the `role` on a file; Drive sends the person its notification e-mail with
   * `message` (French), and the link.
   */
  async share(id: string, email: string, role: 'reader' | 'commenter', message: string): Promise<void> {
    const query = `supportsAllDrives=true&sendNotificationEmail=true&emailMessage=${encodeURIComponent(message)}`;
    await googleFetch(
      this.o,
      `${this.api}/files/${encodeURIComponent(id)}/permissions?${query}`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=UTF-8' },
        body: JSON.stringify({ type: 'user', role, emailAddress: email }),
      },
      'share',
    );
  }

  /**
   * Moves a file to the trash (`files.update` with `trashed: true`): what a Shared Drive's
   * Content manager may do; deleting for good takes a Manager (organizer) there.
   */
  async trashFile(id: string): Promise<void> {
    await this.patchMetadata(id, { trashed: true }, 'id,trashed', 'trash');
  }

  /**
   * Best effort: moves a file this request created to the trash before failing, so nothing is
   * left half-made. Never a permanent delete: in a Shared Drive that takes a Manager, and the
   * service account is a Content manager.
   */
  async discard(id: string): Promise<void> {
    await this.trashFile(id).catch(() => {
      // the failure being reported matters more than this clean-up
    });
  }
}

export const googleDocUrl = (id: string) =>
  `https://docs.google.com/document/d/${encodeURIComponent(id)}/edit`;
