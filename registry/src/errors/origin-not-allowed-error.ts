// A publishable key used from an origin outside its allow-list: 403.
import { ClearframeError } from '@clearframe/core';

export class OriginNotAllowedError extends ClearframeError {
  readonly code = 'origin_not_allowed' as const;

  constructor(message = 'This key may not be used from this origin', options?: ErrorOptions) {
    super(message, options);
  }
}
