// A bad path, query or header parameter: 400, each culprit parameter named.
import { ClearframeError } from '@clearframe/core';
import type { FieldError } from './field-error.js';

export class InvalidParameterError extends ClearframeError {
  readonly code = 'invalid_parameter' as const;

  constructor(
    readonly errors: readonly FieldError[],
    options?: ErrorOptions,
  ) {
    super(errors.map((error) => `${error.field}: ${error.message}`).join('; '), options);
  }
}
