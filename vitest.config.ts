// @cloudflare/vitest-pool-workers 0.15.1 is the release built on wrangler 4.86.0 and Miniflare
// 4.20260426.0, so the worker tests run on the same workerd as `npm start` and the deploy
// bundle. Its successor @cloudflare/vitest-plugin (1.x) exists only on Miniflare 5 betas and
// wrangler >= 4.125: another workerd than that of wrangler 4.86, the newest CLI that runs on Node 20.
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';

export const TEST_ADMIN = 'admin@ademe.example';

export default defineConfig(async () => {
  const migrations = await readD1Migrations('worker/migrations');
  return {
    test: {
      projects: [
        {
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
                  // Local stand-in for Google's JWKS (tests/tools/google-jwks.global.ts).
                  GOOGLE_JWKS_URL: inject<string>('googleJwksUrl'),
                  TEST_GOOGLE_PRIVATE_JWK: inject<string>('googleTestKey'),
                },
              },
            })),
          ],
          test: {
            name: 'worker',
            include: ['tests/worker/**/*.test.ts'],
            exclude: ['tests/worker/documents-google.test.ts'],
            globalSetup: ['tests/tools/google-jwks.global.ts', 'tests/support/fake-google-sheets.global.ts'],
            setupFiles: ['tests/worker/setup.ts'],
            // Generous: a shared 2-core machine under load; speed is measured by npm run bench.
            testTimeout: 30_000,
          },
        },
        {
          // Worker tests against a local Google stand-in started by the globalSetup (in Node).
          plugins: [
            cloudflareTest(({ inject }) => {
              const base = inject<string>('googleBase');
              return {
                wrangler: { configPath: './wrangler.toml' },
                miniflare: {
                  bindings: {
                    TEST_MIGRATIONS: migrations,
                    AUTH_MODE: 'dev',
                    ADMIN_EMAILS: TEST_ADMIN,
                    RATE_LIMIT_PER_MINUTE: '100000',
                    GOOGLE_TOKEN_URL: `${base}/token`,
                    GOOGLE_DRIVE_URL: `${base}/drive/v3`,
                    GOOGLE_DRIVE_UPLOAD_URL: `${base}/upload/drive/v3`,
                    GOOGLE_DOCS_URL: base,
                    GOOGLE_SERVICE_ACCOUNT_KEY: inject<string>('googleServiceAccountKey'),
                    GOOGLE_RETRY_DELAYS_MS: '5,10,20',
                    DRIVE_FOLDER_ID: 'folder-veli-test',
                  },
                },
              };
            }),
          ],
          test: {
            name: 'worker-google',
            include: ['tests/worker/documents-google.test.ts'],
            setupFiles: ['tests/worker/setup.ts'],
            globalSetup: ['tests/support/google-global-setup.ts'],
            testTimeout: 60_000,
          },
        },
        {
          test: {
            name: 'node',
            environment: 'node',
            include: [
              'tests/shared/**/*.test.ts',
              'tests/addon/**/*.test.ts',
              'tests/e2e/**/*.test.ts',
              'tests/tools/**/*.test.ts',
            ],
            testTimeout: 60_000,
            hookTimeout: 120_000,
          },
        },
      ],
    },
  };
});
