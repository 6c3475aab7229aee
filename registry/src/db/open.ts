// Opens the registry's database: SQLite under DATA_DIR by default, PostgreSQL for postgres:// URLs.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';
import { createNodeSqliteDialect, openNodeSqlite } from './node-sqlite-dialect.js';

export type Engine = 'sqlite' | 'postgres';

export interface DatabaseOptions {
  /** `postgres://…` selects PostgreSQL; otherwise SQLite in `dataDir`. */
  databaseUrl?: string | undefined;
  /** Folder of `clearframe.sqlite` (created when missing). Default `./data`. */
  dataDir?: string | undefined;
  /** PostgreSQL pool size. Default 10. */
  poolSize?: number | undefined;
}

export interface OpenedDatabase {
  db: Kysely<Database>;
  engine: Engine;
  close(): Promise<void>;
}

export const SQLITE_FILE = 'clearframe.sqlite';

export function openDatabase(options: DatabaseOptions = {}): OpenedDatabase {
  const db =
    engineOf(options.databaseUrl) === 'postgres'
      ? new Kysely<Database>({ dialect: postgresDialect(options.databaseUrl ?? '', options) })
      : new Kysely<Database>({ dialect: sqliteDialect(options.dataDir ?? './data') });
  return {
    db,
    engine: engineOf(options.databaseUrl),
    close: () => db.destroy(),
  };
}

export function engineOf(databaseUrl: string | undefined): Engine {
  return databaseUrl !== undefined && /^postgres(ql)?:\/\//.test(databaseUrl)
    ? 'postgres'
    : 'sqlite';
}

function sqliteDialect(dataDir: string) {
  mkdirSync(dataDir, { recursive: true });
  return createNodeSqliteDialect(openNodeSqlite({ path: join(dataDir, SQLITE_FILE) }));
}

const INT8_OID = 20;

function postgresDialect(connectionString: string, options: DatabaseOptions) {
  const pool = new pg.Pool({
    connectionString,
    max: options.poolSize ?? 10,
    // bigint columns (sequences, sizes) and count(*) come back as numbers, as on SQLite;
    // they stay far below 2^53.
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID
          ? (value: string) => Number(value)
          : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
    },
  });
  return new PostgresDialect({ pool });
}
