// @cloudflare/vitest-plugin (the successor of @cloudflare/vitest-pool-workers) runs the worker
// tests inside workerd. package.json's `overrides` give it the project's own wrangler and
// Miniflare, so the tests, `npm start` and the deploy bundle all run on one workerd.
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';
import { googleEnv } from './tests/worker/fake-google-wire';

export const TEST_ADMIN = 'admin@ademe.example';

// wrangler.toml requires two secrets; the tests run without them (empty is "not configured", as
// absent is), which wrangler would otherwise warn about once per worker project. Tests that need
// one set it as a binding.
process.env.GOOGLE_SERVICE_ACCOUNT_KEY ??= '';
process.env.DOCUMENT_LINK_SECRET ??= '';

type Inject = <T>(key: string) => T;

/**
 * A project of worker tests inside workerd on this wrangler.toml, migrations and dev auth;
 * `bindings` adds the project's own (they may read what its globalSetup provides).
 */
function workerProject(
  migrations: Awaited<ReturnType<typeof readD1Migrations>>,
  bindings: (inject: Inject) => Record<string, string>,
  test: Record<string, unknown>,
) {
  return {
    plugins: [
      cloudflareTest(({ inject }) => ({
        wrangler: { configPath: './wrangler.toml' },
        miniflare: {
          bindings: {
            TEST_MIGRATIONS: migrations,
            AUTH_MODE: 'dev',
            ADMIN_EMAILS: TEST_ADMIN,
            // High enough that no test trips it by accident; limits tests lower it per call.
            RATE_LIMIT_PER_MINUTE: '100000',
            // Every success answer checked against its declared schema (worker/http/answer-check.ts).
            TEST_CHECK_ANSWERS: 'true',
            // One JSON line per request is for Workers Logs; tests that check it turn it on.
            REQUEST_LOGS: 'off',
            ...bindings(inject as Inject),
          },
          // A second database, empty and unmigrated, for restores and the start-up window.
          d1Databases: ['DB', 'SPARE_DB'],
        },
      })),
    ],
    test: { setupFiles: ['tests/worker/setup.ts'], ...test },
  };
}

/** Node tests: shared code, the add-on in its harness, Chromium end to end, the tools. */
const NODE_PROJECT = {
  test: {
    name: 'node',
    environment: 'node' as const,
    include: [
      'tests/shared/**/*.test.ts',
      'tests/addon/**/*.test.ts',
      'tests/e2e/**/*.test.ts',
      'tests/tools/**/*.test.ts',
    ],
    // The worker bundled by wrangler once for every Node test (startWorker({ bundleDir })).
    globalSetup: ['tests/support/worker-bundle.global.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Files share one process instead of a fresh one each (~0.8 s saved per file, ~30 s a run);
    // the setup file takes the Apps Script services a file put on globalThis off after it.
    isolate: false,
    setupFiles: ['tests/support/node-setup.ts'],
  },
};

/** Worker tests against a local Google stand-in started by the globalSetup (in Node). */
const googleBindings = (inject: Inject) => ({
  ...googleEnv({ base: inject('googleBase'), serviceAccountKey: inject('googleServiceAccountKey') }),
  GOOGLE_RETRY_DELAYS_MS: '5,10,20',
});

export default defineConfig(async () => {
  const migrations = await readD1Migrations('worker/migrations');
  return {
    test: {
      // Vitest's default is one worker fewer than the cores: one on CI's two. Most test time is
      // spent waiting on workerd, D1 and Chromium, not on this process, so two files at a time.
      maxWorkers: 2,
      projects: [
        workerProject(
          migrations,
          (inject) => ({
            // Local stand-in for Google's JWKS (tests/tools/google-jwks.global.ts).
            GOOGLE_JWKS_URL: inject('googleJwksUrl'),
            TEST_GOOGLE_PRIVATE_JWK: inject('googleTestKey'),
          }),
          {
            name: 'worker',
            include: ['tests/worker/**/*.test.ts'],
            exclude: [
              'tests/worker/documents-google.test.ts',
              'tests/worker/documents-workflow-google.test.ts',
              'tests/worker/ops-doctor.test.ts',
            ],
            globalSetup: ['tests/tools/google-jwks.global.ts', 'tests/support/fake-google-sheets.global.ts'],
            // Generous: a shared 2-core machine under load; speed is measured by npm run bench.
            testTimeout: 30_000,
          },
        ),
        workerProject(migrations, googleBindings, {
          name: 'worker-google',
          include: [
            'tests/worker/documents-google.test.ts',
            'tests/worker/documents-workflow-google.test.ts',
            'tests/worker/ops-doctor.test.ts',
          ],
          globalSetup: ['tests/support/google-global-setup.ts'],
          // One Google stand-in serves these files and they count its calls: one file at a time.
          fileParallelism: false,
          testTimeout: 60_000,
        }),
        NODE_PROJECT,
      ],
    },
  };
});
