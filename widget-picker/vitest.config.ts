// Unit tests of pure modules in Node; component tests in Debian's Chromium (never downloaded).
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';

export const CHROMIUM_LAUNCH = {
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--headless',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ],
};

export default defineConfig({
  // Pre-bundled up front: a dependency discovered mid-run reloads the page and can load Lit twice.
  optimizeDeps: {
    include: [
      'lit',
      'lit/decorators.js',
      'lit/async-directive.js',
      '@lit/localize',
      '@lit/task',
      '@lit-labs/virtualizer/virtualize.js',
      'axe-core',
    ],
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: ['src/**/*.browser.test.ts'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['src/**/*.browser.test.ts'],
          testTimeout: 20_000,
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({ launchOptions: CHROMIUM_LAUNCH }),
            instances: [{ browser: 'chromium' }],
            viewport: { width: 1024, height: 768 },
          },
        },
      },
    ],
  },
});
