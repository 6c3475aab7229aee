// Bytes of a type the route does not take (sniffed, never trusted from Content-Type): 415.
import { ClearframeError } from '@clearframe/core';
import type { FieldError } from './field-error.js';

export class UnsupportedMediaTypeError extends ClearframeError {
  readonly code = 'unsupported_media_type' as const;
  readonly errors: readonly FieldError[];

  constructor(
    readonly field: string,
    readonly accepted: readonly string[],
    options?: ErrorOptions,
  ) {
    const message = `must be one of ${accepted.join(', ')}`;
    super(`${field}: ${message}`, options);
    this.errors = [{ field, message }];
  }
}
