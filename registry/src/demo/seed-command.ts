// `pnpm registry seed-demo`: the demo organisation in the configured database, credentials
// printed and written to DATA_DIR/demo.json. Refuses when the demo exists already.
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { FsFileStore } from '../files/fs-file-store.js';
import { DemoExistsError, seedDemo, writeDemoFile } from './seed.js';
import type { DemoFile } from './seed.js';

export async function seedDemoCommand(db: Kysely<Database>, dataDir: string): Promise<number> {
  const started = performance.now();
  try {
    const seed = await seedDemo({ db, files: new FsFileStore(join(dataDir, 'files')) });
    const path = await writeDemoFile(dataDir, seed);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`seed-demo: organisation ${seed.orgId} in ${seconds} s; written to ${path}`);
    console.log(describeDemo(seed));
    return 0;
  } catch (error) {
    if (!(error instanceof DemoExistsError)) throw error;
    console.error(
      `seed-demo: ${error.message}; its credentials are in ${join(dataDir, 'demo.json')}`,
    );
    return 1;
  }
}

/** The lines a person needs to try the demo. */
export function describeDemo(demo: DemoFile): string {
  const { approved, expiring, blocked } = demo.assets;
  return [
    `  admin login:     ${demo.adminEmail} / ${demo.adminPassword}`,
    `  editor key:      ${demo.editorKey}`,
    `  publishable key: ${demo.publishableKey} (origins ${demo.origins.join(', ')})`,
    `  pictures (web):  ${approved.length} approved, ${expiring.length} expiring, ${blocked.length} blocked`,
  ].join('\n');
}
