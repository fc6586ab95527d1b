/// <reference path="../../worker/worker-configuration.d.ts" />
import type { D1Migration } from 'cloudflare:test';
import type { Env } from '../../worker/env';

declare global {
  namespace Cloudflare {
    interface Env {
      DB: D1Database;
      /** An empty, unmigrated database (vitest.config.ts): restores, the start-up window. */
      SPARE_DB: D1Database;
      TEST_MIGRATIONS: D1Migration[];
      /** vitest.config.ts: every success answer checked against its declared schema. */
      TEST_CHECK_ANSWERS: string;
    }
  }
}

export type { Env };
