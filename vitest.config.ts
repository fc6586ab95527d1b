import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
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
            globalSetup: ['tests/tools/google-jwks.global.ts'],
            setupFiles: ['tests/worker/setup.ts'],
            // Generous: a shared 2-core machine under load; speed is measured by npm run bench.
            testTimeout: 30_000,
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
