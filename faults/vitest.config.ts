import { defineConfig } from 'vitest/config';

// `npm run test:faults`: the long fault runs (2,000 submissions under kill -9).
export default defineConfig({ test: { include: ['faults/**/*.test.ts'], pool: 'forks', testTimeout: 600_000, hookTimeout: 120_000 } });
