// A resource that does not exist in the caller's organisation: 404 (never says whether it exists elsewhere).
import { ClearframeError } from '@clearframe/core';

export class NotFoundError extends ClearframeError {
  readonly code = 'not_found' as const;

  constructor(
    readonly resource: string,
    readonly id?: string,
    options?: ErrorOptions,
  ) {
    super(id === undefined ? `${resource} not found` : `${resource} ${id} not found`, options);
  }
}
