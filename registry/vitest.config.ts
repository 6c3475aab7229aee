import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // One throwaway PostgreSQL cluster for the whole run; each test file gets its own database.
    globalSetup: ['./src/test-support/postgres-cluster.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
