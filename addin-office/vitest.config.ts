import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts', 'server/**/*.test.ts'],
    environment: 'node',
    // The manifest tests run the converter and the schema validator: slower than unit tests.
    testTimeout: 20_000,
  },
});
