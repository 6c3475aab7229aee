// A write that clashes with existing data (a duplicate e-mail): 409.
import { ClearframeError } from '@clearframe/core';

export class ConflictError extends ClearframeError {
  readonly code = 'conflict' as const;

  constructor(message = 'Conflicts with existing data', options?: ErrorOptions) {
    super(message, options);
  }
}
