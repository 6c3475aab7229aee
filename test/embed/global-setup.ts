// Seeds the demo organisation once per run; every test file starts its registry on a copy.
import { rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { seedDemoDataDir } from '../support/registry-server.ts';
import { EMBED_BUNDLE } from './pages/embed-page.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A seeded DATA_DIR to copy (startTestRegistry's template). */
    demoDataDir: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(EMBED_BUNDLE))
    throw new Error(`${EMBED_BUNDLE} is missing: run pnpm --filter @clearframe/picker build`);
  const dataDir = await seedDemoDataDir();
  project.provide('demoDataDir', dataDir);
  return () => rm(dataDir, { recursive: true, force: true });
}
