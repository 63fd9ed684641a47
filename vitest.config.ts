import { defineConfig } from 'vitest/config';

// Unit and database tests beside the code. Browser tests live in e2e/ with their own config.
export default defineConfig({
  test: {
    include: ['core/**/*.test.ts', 'server/**/*.test.ts', 'cli/**/*.test.ts', 'web/*.test.ts', 'web/src/**/*.test.ts', 'faults/**/*.test.ts'],
    pool: 'forks',
    // Files run one after another in a worker that keeps its modules loaded: importing the server afresh for each of
    // ~190 files cost two seconds each, three passes over. Every test builds its own context (createTestEnv) and
    // puts back any environment variable it changes; nothing may rest on module state.
    isolate: false,
    // The migrated database each test's database is copied from, built once per run.
    globalSetup: ['server/test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
