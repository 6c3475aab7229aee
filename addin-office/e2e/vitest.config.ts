// The end-to-end suite: the built task pane in Chromium against a real registry (pnpm test:e2e).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // One browser and one registry per file; files run one after another on two shared cores.
    fileParallelism: false,
  },
});
