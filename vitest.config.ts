import { defineConfig } from 'vitest/config';

// One runner for the whole repository: pure rules in core, medium tests of the server
// against real SQLite (always) and PostgreSQL (when TEST_DATABASE_URL is set), and the
// browser journeys in e2e against a real server and Debian's Chromium.
export default defineConfig({
  test: {
    // Two workers even on a 2-core machine: most server tests wait on PostgreSQL, LibreOffice or
    // the browser, so a second file overlaps those waits (965 s → 759 s for the suite on 2 cores).
    // Browser journeys still run one file at a time (fileParallelism below).
    maxWorkers: 2,
    projects: [
      { test: { name: 'core', include: ['packages/core/src/**/*.test.ts'], environment: 'node' } },
      {
        test: {
          name: 'server',
          include: ['apps/server/src/**/*.test.ts', 'apps/server/test/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          globalSetup: ['e2e/support/global-setup.ts'],
          setupFiles: ['e2e/support/csp-guard.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
