// The Google stand-in's wire facts (tests/support/fake-google.ts): its fixed ids, Google's
// default page and the shapes of its call log and stored files. Free of imports, so that both
// the stand-in (Node) and the worker tests that read its test hooks (workerd) use this one copy.

/** Google's default page for a new Doc: US Letter, one-inch margins, in points. */
export const LETTER = {
  widthPt: 612,
  heightPt: 792,
  marginTopPt: 72,
  marginBottomPt: 72,
  marginLeftPt: 72,
  marginRightPt: 72,
};
export type DocPage = typeof LETTER;

export const USER_TOKEN_PREFIX = 'ya29.user-';
export const DOC_MIME = 'application/vnd.google-apps.document';
export const FOLDER_MIME = 'application/vnd.google-apps.folder';
/** The programme's Shared Drive and its folder, where test service accounts are content managers. */
export const SHARED_DRIVE_ID = 'drive-veli';
export const SHARED_FOLDER_ID = 'folder-veli-test';
/** A folder in a person's My Drive: a service account cannot create there. */
export const MY_DRIVE_FOLDER_ID = 'folder-my-drive-claire';

/**
 * Env values pointing the worker at a stand-in serving at `base` (its token endpoint, Drive,
 * Docs and Sheets), with its service-account key and the Shared Drive's folder.
 */
export const googleEnv = (g: { base: string; serviceAccountKey: string }) => ({
  GOOGLE_TOKEN_URL: `${g.base}/token`,
  GOOGLE_DRIVE_URL: `${g.base}/drive/v3`,
  GOOGLE_DRIVE_UPLOAD_URL: `${g.base}/upload/drive/v3`,
  GOOGLE_DOCS_URL: g.base,
  GOOGLE_SHEETS_URL: g.base,
  GOOGLE_SERVICE_ACCOUNT_KEY: g.serviceAccountKey,
  DRIVE_FOLDER_ID: SHARED_FOLDER_ID,
});

export type CallKind =
  | 'token'
  | 'create'
  | 'update'
  | 'metadata'
  | 'page-setup'
  | 'replace-text'
  | 'export'
  | 'delete'
  | 'list'
  | 'create-folder'
  | 'rename'
  | 'share'
  | 'trash'
  | 'other';

export interface LoggedCall {
  kind: CallKind;
  method: string;
  path: string;
  query: Record<string, string>;
  authorization?: string | undefined;
  status: number;
  contentType?: string | undefined;
  metadata?: Record<string, unknown> | undefined;
  mediaType?: string | undefined;
  mediaChars?: number | undefined;
  jwt?: { iss: string; aud: string; scope: string; kid?: string | undefined; alg: string };
  /** The Docs API request body of a page setup. */
  requests?: unknown | undefined;
  /** Pages of the exported PDF, counted with pdf-lib, and the page size they were laid out on. */
  pages?: number | undefined;
  page?: DocPage | undefined;
  error?: string | undefined;
}

export interface StoredFile {
  id: string;
  name: string;
  mimeType: string;
  parents: string[];
  driveId: string | null;
  /** What was uploaded, and the Doc Drive's import made of it. */
  html: string;
  imported: string;
  page: DocPage;
  /** A Doc in pages or pageless (`DocumentStyle.documentFormat.documentMode`). */
  documentMode: 'PAGES' | 'PAGELESS';
  /** A file kept as uploaded (a PDF): its bytes in base64. */
  bytes?: string | undefined;
  description?: string | undefined;
  /** Drive permissions given by `permissions.create`, with the e-mail Drive would send. */
  permissions: { email: string; role: string; notified: boolean; message: string }[];
  revisions: number;
  version: number;
  modifiedTime: string;
  lastModifyingUser: string;
  /** In the trash (files.update `{trashed: true}`). */
  trashed?: boolean;
}
