// Too many attempts (failed logins from one address for one e-mail): 429 with Retry-After.
import { ClearframeError } from '@clearframe/core';

export class RateLimitedError extends ClearframeError {
  readonly code = 'rate_limited' as const;

  constructor(
    /** Whole seconds until the next attempt is accepted. */
    readonly retryAfterSeconds: number,
    options?: ErrorOptions,
  ) {
    super(`Too many attempts; try again in ${retryAfterSeconds} s`, options);
  }
}
