// A body or file over the size limit: 413, the culprit field named.
import { ClearframeError } from '@clearframe/core';
import type { FieldError } from './field-error.js';

export class PayloadTooLargeError extends ClearframeError {
  readonly code = 'payload_too_large' as const;
  readonly errors: readonly FieldError[];

  constructor(
    readonly field: string,
    readonly limitBytes: number,
    options?: ErrorOptions,
  ) {
    const message = `larger than ${limitBytes} bytes`;
    super(`${field}: ${message}`, options);
    this.errors = [{ field, message }];
  }
}
