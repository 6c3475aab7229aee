// An update without If-Match where lost updates matter: 428.
import { ClearframeError } from '@clearframe/core';

export class PreconditionRequiredError extends ClearframeError {
  readonly code = 'precondition_required' as const;

  constructor(message = 'If-Match is required', options?: ErrorOptions) {
    super(message, options);
  }
}
