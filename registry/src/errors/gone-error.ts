// Something that existed and may no longer be had here (a picture no longer approved): 410.
import { ClearframeError } from '@clearframe/core';

export class GoneError extends ClearframeError {
  readonly code = 'gone' as const;

  constructor(message = 'No longer available', options?: ErrorOptions) {
    super(message, options);
  }
}
