// Something this registry cannot serve until its operator acts (a file not built yet): 503.
import { ClearframeError } from '@clearframe/core';

export class UnavailableError extends ClearframeError {
  readonly code = 'unavailable' as const;
}
