// If-Match names a version that is no longer current (someone else wrote first): 412.
import { ClearframeError } from '@clearframe/core';

export class PreconditionFailedError extends ClearframeError {
  readonly code = 'precondition_failed' as const;

  constructor(message = 'The resource has changed since it was read', options?: ErrorOptions) {
    super(message, options);
  }
}
