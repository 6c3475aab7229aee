// A known caller whose role or key kind may not do this: 403.
import { ClearframeError } from '@clearframe/core';

export class ForbiddenError extends ClearframeError {
  readonly code = 'forbidden' as const;

  constructor(message = 'Not allowed for this role', options?: ErrorOptions) {
    super(message, options);
  }
}
