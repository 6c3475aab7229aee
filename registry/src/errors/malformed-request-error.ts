// A body that cannot be read at all (not JSON, wrong content type): 400.
import { ClearframeError } from '@clearframe/core';

export class MalformedRequestError extends ClearframeError {
  readonly code = 'malformed_request' as const;

  constructor(message = 'The request body could not be read', options?: ErrorOptions) {
    super(message, options);
  }
}
