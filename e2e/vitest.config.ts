import { defineConfig } from 'vitest/config';

// Browser tests: a real server process, Debian's Chromium driven by Playwright. Run after `npm run build`.
export default defineConfig({
  test: {
    include: ['e2e/**/*.test.ts'],
    pool: 'forks',
    // One demo seeded per run and copied for each server (see e2e/global-setup.ts).
    globalSetup: ['e2e/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 360_000,
    // The UI answers after a network round trip and a re-render; a second is too short under CI load.
    expect: { poll: { timeout: 15_000, interval: 100 } },
  },
});
