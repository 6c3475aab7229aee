import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Files in name order: activation.test.ts sees the freshly installed site first. */
class ByName extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    return [...files].sort((a, b) => a.moduleId.localeCompare(b.moduleId));
  }
}

export default defineConfig({
  test: {
    // One WordPress site for the whole run: files take turns with it.
    fileParallelism: false,
    sequence: { sequencer: ByName },
    testTimeout: 30_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'wordpress',
          include: ['wordpress/**/*.test.ts'],
          globalSetup: ['wordpress/global-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'embed',
          // <cf-picker> and <cf-image> in Chromium against a real registry seeded once per run.
          include: ['embed/**/*.test.ts'],
          globalSetup: ['embed/global-setup.ts'],
        },
      },
    ],
  },
});
