// No credential, or one that is unknown, expired or revoked: 401.
import { ClearframeError } from '@clearframe/core';

export class UnauthenticatedError extends ClearframeError {
  readonly code = 'unauthenticated' as const;

  constructor(message = 'Authentication required', options?: ErrorOptions) {
    super(message, options);
  }
}
