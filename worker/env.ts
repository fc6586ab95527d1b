import type { Role } from '../shared/schemas/enums';

export interface Env {
  DB: D1Database;
  /** "google" in production; "dev" only for local runs and tests (enables X-Dev-User). */
  AUTH_MODE?: string;
  /** Comma-separated bootstrap admins. */
  ADMIN_EMAILS?: string;
  GOOGLE_CLIENT_ID?: string;
  GOOGLE_JWKS_URL?: string;
  VERSION?: string;
  /** Secret: the service account's JSON key (documents and the Alertes tab without a user token). */
  GOOGLE_SERVICE_ACCOUNT_KEY?: string;
  /** Overrides of Google endpoints, for tests against local stand-ins only. */
  GOOGLE_TOKEN_URL?: string;
  GOOGLE_DRIVE_URL?: string;
  GOOGLE_DRIVE_UPLOAD_URL?: string;
  GOOGLE_SHEETS_URL?: string;
  GOOGLE_DOCS_URL?: string;
  /** Milliseconds before any Google call is abandoned (default 20000); tests lower it. */
  GOOGLE_FETCH_TIMEOUT_MS?: string;
  /** Comma-separated waits (ms) before retrying a Google 429/5xx; tests set tiny ones. */
  GOOGLE_RETRY_DELAYS_MS?: string;
  /** Folder of the programme's Shared Drive where the service account writes the Google Docs. */
  DRIVE_FOLDER_ID?: string;
  /** "true": without a service account, documents use the add-on's forwarded user token. */
  DOCUMENTS_USER_TOKEN_FALLBACK?: string;
  /** The worker's public address: the only origin of the links it builds (never `Host`). */
  PUBLIC_URL?: string;
  /** Secret: signs the expiring links to a document's HTML (opened without an identity header). */
  DOCUMENT_LINK_SECRET?: string;
  /** Hours a signed document link stays valid (default 168, a week). */
  DOCUMENT_LINK_TTL_HOURS?: string;
  /** Spreadsheet whose "Alertes" tab the nightly check writes. */
  ALERTS_SPREADSHEET_ID?: string;
  /** Comma-separated addresses for the nightly French digest, sent through `SEND_EMAIL`. */
  ALERT_EMAILS?: string;
  ALERT_SENDER?: string;
  SEND_EMAIL?: SendEmail;
  /** Writes per user per minute before 429 (default 60). */
  RATE_LIMIT_PER_MINUTE?: string;
  /** Comma-separated browser origins allowed to call the API (CORS); empty = closed. */
  CORS_ORIGINS?: string;
}

export interface User {
  email: string;
  role: Role;
}

export type AppEnv = { Bindings: Env; Variables: { user: User; requestId: string } };
