import { defineConfig } from 'vitest/config';

// Unit and database tests beside the code. Browser tests live in e2e/ with their own config.
export default defineConfig({
  test: {
    include: ['core/**/*.test.ts', 'server/**/*.test.ts', 'cli/**/*.test.ts', 'web/*.test.ts', 'web/src/**/*.test.ts', 'faults/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
