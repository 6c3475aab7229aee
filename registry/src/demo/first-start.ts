// The first start of a registry: an empty DATA_DIR (and a database without the demo) gets the
// demo organisation and DATA_DIR/demo.json; any later start finds them and seeds nothing.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RegistryConfig } from '../config.js';
import { migrate } from '../db/migrate.js';
import { openDatabase } from '../db/open.js';
import { FsFileStore } from '../files/fs-file-store.js';
import { DEMO_FILE, demoExists, demoFileOf, seedDemo, writeDemoFile } from './seed.js';
import type { DemoFile } from './seed.js';

export interface DemoState {
  /** Whether this call seeded the demo. */
  seeded: boolean;
  /** The demo's credentials, when DATA_DIR/demo.json exists. */
  demo: DemoFile | undefined;
}

/** Whether DATA_DIR is missing or holds nothing (dot-files aside). */
export function isEmptyDataDir(dataDir: string): boolean {
  if (!existsSync(dataDir)) return true;
  return readdirSync(dataDir).every((name) => name.startsWith('.'));
}

/**
 * Seeds the demo when DATA_DIR is empty and the database has no demo organisation yet (so a
 * PostgreSQL database shared by several DATA_DIRs gets it once); otherwise reads demo.json.
 */
export async function ensureDemo(
  config: Pick<RegistryConfig, 'dataDir' | 'databaseUrl'>,
  { now = new Date(), log = () => undefined }: { now?: Date; log?: (line: string) => void } = {},
): Promise<DemoState> {
  if (isEmptyDataDir(config.dataDir)) {
    const database = openDatabase(config);
    try {
      // demoExists needs the tables.
      await migrate(database.db);
      if (!(await demoExists(database.db))) {
        log(`Empty data folder ${config.dataDir}: seeding the demo organisation…`);
        const seed = await seedDemo({
          db: database.db,
          files: new FsFileStore(join(config.dataDir, 'files')),
          now,
        });
        await writeDemoFile(config.dataDir, seed);
        return { seeded: true, demo: demoFileOf(seed) };
      }
    } finally {
      await database.close();
    }
  }
  return { seeded: false, demo: readDemoFile(config.dataDir) };
}

export function readDemoFile(dataDir: string): DemoFile | undefined {
  const path = join(dataDir, DEMO_FILE);
  if (!existsSync(path)) return undefined;
  return JSON.parse(readFileSync(path, 'utf8')) as DemoFile;
}
