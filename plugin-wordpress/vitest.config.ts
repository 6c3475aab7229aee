import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The editor scripts' pure parts; PHP has PHPUnit, and the real WordPress is in /test.
    include: ['src/**/*.test.ts'],
  },
});
