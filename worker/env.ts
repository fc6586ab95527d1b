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
}

export interface User {
  email: string;
  role: Role;
}

export type AppEnv = { Bindings: Env; Variables: { user: User; requestId: string } };
