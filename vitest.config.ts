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
            cloudflareTest({
              wrangler: { configPath: './wrangler.toml' },
              miniflare: {
                bindings: { TEST_MIGRATIONS: migrations, AUTH_MODE: 'dev', ADMIN_EMAILS: TEST_ADMIN },
              },
            }),
          ],
          test: {
            name: 'worker',
            include: ['tests/worker/**/*.test.ts'],
            setupFiles: ['tests/worker/setup.ts'],
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
