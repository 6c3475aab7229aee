// Input that parsed but broke the schema or a rule: 422, each culprit field named.
import { ClearframeError } from '@clearframe/core';
import type { FieldError } from './field-error.js';

export class ValidationError extends ClearframeError {
  readonly code = 'validation_failed' as const;

  constructor(
    readonly errors: readonly FieldError[],
    options?: ErrorOptions,
  ) {
    super(errors.map((error) => `${error.field}: ${error.message}`).join('; '), options);
  }

  /** A validation error about a single field. */
  static field(field: string, message: string): ValidationError {
    return new ValidationError([{ field, message }]);
  }
}
