import { defineConfig } from 'vitest/config';

/**
 * Projects: pure rules (domain), web-side checks (i18n), the server suite on PGlite and — when
 * TEST_DATABASE_URL is set — the same suite on PostgreSQL, and browser journeys (e2e).
 * Server test names carry [pglite] / [postgresql], browser ones [e2e], so CI can prove each ran.
 */
const serverProject = (driver: 'pglite' | 'postgresql') => ({
  extends: true as const,
  test: {
    name: `server-${driver}`,
    include: ['server/**/*.test.ts'],
    env: { TEST_DRIVER: driver },
    globalSetup: ['server/test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

export default defineConfig({
  test: {
    pool: 'forks',
    maxWorkers: 2,
    reporters: process.env.CI_REPORT ? ['default', ['json', { outputFile: process.env.CI_REPORT }]] : ['default'],
    projects: [
      { extends: true, test: { name: 'domain', include: ['domain/**/*.test.ts'], testTimeout: 20_000 } },
      { extends: true, test: { name: 'web', include: ['web/**/*.test.ts'] } },
      serverProject('pglite'),
      ...(process.env.TEST_DATABASE_URL ? [serverProject('postgresql')] : []),
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['e2e/**/*.spec.ts'],
          globalSetup: ['e2e/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
