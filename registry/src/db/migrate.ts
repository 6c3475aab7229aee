// Brings a database to the latest schema with Kysely's Migrator and the in-code migrations.
import { Migrator } from 'kysely/migration';
import type { Kysely } from 'kysely';
import { MIGRATIONS } from './migrations/index.js';
import { MigrationFailedError } from '../errors/migration-failed-error.js';

export { SCHEMA_VERSION } from './migrations/index.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the Migrator is schema-agnostic
function migrator(db: Kysely<any>): Migrator {
  return new Migrator({ db, provider: { getMigrations: async () => ({ ...MIGRATIONS }) } });
}

/** Applies every pending migration; returns the names applied. Throws on the first failure. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function migrate(db: Kysely<any>): Promise<string[]> {
  const { error, results = [] } = await migrator(db).migrateToLatest();
  if (error !== undefined) {
    const failed = results.find((result) => result.status === 'Error');
    throw new MigrationFailedError(failed?.migrationName ?? 'unknown', { cause: error });
  }
  return results.map((result) => result.migrationName);
}

/** The number of migrations applied to this database (0 when never migrated). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function appliedSchemaVersion(db: Kysely<any>): Promise<number> {
  const migrations = await migrator(db).getMigrations();
  return migrations.filter((migration) => migration.executedAt !== undefined).length;
}
