// A migration that failed; the database stays at the last migration that succeeded.
import { ClearframeError } from '@clearframe/core';

export class MigrationFailedError extends ClearframeError {
  readonly code = 'migration_failed' as const;

  constructor(
    readonly migration: string,
    options?: ErrorOptions,
  ) {
    super(`migration ${migration} failed`, options);
  }
}
