// An Idempotency-Key sent again with a different request: 422.
import { ClearframeError } from '@clearframe/core';

export class IdempotencyKeyReusedError extends ClearframeError {
  readonly code = 'idempotency_key_reused' as const;

  constructor(
    message = 'This Idempotency-Key was used for a different request',
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
