// Kysely's SqliteDialect over Node's built-in `node:sqlite` (no native build), via a thin adapter
// giving DatabaseSync the better-sqlite3 shape Kysely expects (`prepare` → reader/all/run/iterate).
import { DatabaseSync } from 'node:sqlite';
import type { SQLInputValue, StatementSync } from 'node:sqlite';
import { SqliteDialect } from 'kysely';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

export interface NodeSqliteOptions {
  /** File path, or `:memory:`. */
  path: string;
  /** How long a writer waits for another process's lock before failing. */
  busyTimeoutMs?: number;
}

/** Opens the file with the pragmas every connection needs: WAL, foreign keys, busy timeout. */
export function openNodeSqlite({ path, busyTimeoutMs = 5000 }: NodeSqliteOptions): DatabaseSync {
  const database = new DatabaseSync(path);
  database.exec(`PRAGMA busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
  database.exec('PRAGMA journal_mode = WAL');
  // FULL: an acknowledged write survives power loss, not only a crash of the process.
  database.exec('PRAGMA synchronous = FULL');
  database.exec('PRAGMA foreign_keys = ON');
  return database;
}

export function createNodeSqliteDialect(database: DatabaseSync): SqliteDialect {
  return new SqliteDialect({ database: new NodeSqliteAdapter(database) });
}

class NodeSqliteAdapter implements SqliteDatabase {
  // Kysely prepares every query anew; the same few hundred statements repeat, so keep them.
  readonly #statements = new Map<string, NodeSqliteStatement>();

  constructor(readonly database: DatabaseSync) {}

  prepare(sql: string): SqliteStatement {
    let statement = this.#statements.get(sql);
    if (statement === undefined) {
      statement = new NodeSqliteStatement(this.database.prepare(rewrite(sql)));
      if (this.#statements.size >= 500) this.#statements.clear();
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  close(): void {
    this.#statements.clear();
    if (this.database.isOpen) this.database.close();
  }
}

/**
 * Kysely begins transactions with a plain (deferred) `begin`. Deferred transactions that
 * read and then write can fail with SQLITE_BUSY when another process (the CLI beside the
 * server) writes at the same time, without the busy timeout helping; `begin immediate`
 * takes the write lock up front and waits for it instead.
 */
function rewrite(sql: string): string {
  return sql.trim().toLowerCase() === 'begin' ? 'begin immediate' : sql;
}

class NodeSqliteStatement implements SqliteStatement {
  readonly reader: boolean;

  constructor(readonly statement: StatementSync) {
    this.reader = statement.columns().length > 0;
  }

  all(parameters: readonly unknown[]): unknown[] {
    return this.statement.all(...parameters.map(toSqlite));
  }

  run(parameters: readonly unknown[]): {
    changes: number | bigint;
    lastInsertRowid: number | bigint;
  } {
    return this.statement.run(...parameters.map(toSqlite));
  }

  iterate(parameters: readonly unknown[]): IterableIterator<unknown> {
    return this.statement.iterate(...parameters.map(toSqlite));
  }
}

/** node:sqlite binds null, numbers, bigints, strings and bytes only. */
function toSqlite(value: unknown): SQLInputValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (
    typeof value === 'number' ||
    typeof value === 'bigint' ||
    typeof value === 'string' ||
    ArrayBuffer.isView(value)
  ) {
    return value as SQLInputValue;
  }
  throw new TypeError(`cannot bind a ${typeof value} to SQLite`);
}
