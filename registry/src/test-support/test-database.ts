// A fresh, migrated database for one test file: SQLite in a temp folder, or a new database in
// the run's PostgreSQL cluster (see postgres-cluster.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { migrate } from '../db/migrate.js';
import { openDatabase } from '../db/open.js';
import type { Engine, OpenedDatabase } from '../db/open.js';

export interface TestDatabase extends OpenedDatabase {
  /** A temp folder of this database's files (SQLite file, file store); removed on close. */
  dataDir: string;
  /** The URL of the PostgreSQL database, undefined on SQLite. */
  databaseUrl: string | undefined;
}

export async function openTestDatabase(engine: Engine): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cf-registry-test-'));
  const databaseUrl = engine === 'postgres' ? await createPostgresDatabase() : undefined;
  const opened = openDatabase({ dataDir, databaseUrl, poolSize: 8 });
  await migrate(opened.db);
  return {
    ...opened,
    dataDir,
    databaseUrl,
    async close() {
      await opened.close();
      if (databaseUrl !== undefined) await dropPostgresDatabase(databaseUrl);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: inject('postgresUrl') });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function createPostgresDatabase(): Promise<string> {
  const name = `cf_test_${randomBytes(6).toString('hex')}`;
  await withAdmin((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(inject('postgresUrl'));
  url.pathname = `/${name}`;
  return url.toString();
}

async function dropPostgresDatabase(databaseUrl: string): Promise<void> {
  const name = new URL(databaseUrl).pathname.slice(1);
  await withAdmin(async (client) => {
    // pg's Pool.end() resolves before its connections have closed; forcing the drop at once can
    // terminate one mid-close, and its FATAL then surfaces as an uncaught error in the test run.
    // Give them a moment to go, and force only what is still there after it.
    for (let attempt = 0; attempt < 40; attempt += 1) {
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name}`);
        return;
      } catch (error) {
        // 55006 object_in_use: sessions still connected.
        if ((error as { code?: unknown }).code !== '55006') throw error;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });
}
