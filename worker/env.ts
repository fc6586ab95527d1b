/// <reference path="./worker-configuration.d.ts" />
import type { Role } from '../shared/schemas/enums';

/**
 * The worker's environment: what wrangler.toml declares (D1, the e-mail binding, every `[vars]`
 * entry and the `[secrets]` it requires), typed by `wrangler types` into
 * worker-configuration.d.ts (`npm run types`; `npm run typecheck` fails when it is stale).
 * A variable is declared there and nowhere else. Secrets are typed as strings but are absent
 * locally and in tests unless set (.dev.vars, a test binding): the code treats an empty or
 * absent one as not configured.
 */
export interface Env extends Cloudflare.Env {
  /**
   * Tests only: `true` checks every success answer against its declared schema
   * (http/answer-check.ts). Not in wrangler.toml, so no deployment turns it on by a config edit.
   */
  TEST_CHECK_ANSWERS?: string;
}

export interface User {
  email: string;
  role: Role;
}

export type AppEnv = { Bindings: Env; Variables: { user: User; requestId: string } };
