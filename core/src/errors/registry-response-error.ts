// The registry answered 2xx with a body that is not what the contract promises.
import { RegistryError } from './registry-error.js';

export interface ResponseIssue {
  /** Dotted path into the body, empty for the body itself. */
  path: string;
  message: string;
}

export class RegistryResponseError extends RegistryError {
  readonly code = 'registry_invalid_response' as const;

  constructor(
    url: string,
    readonly issues: readonly ResponseIssue[],
    options?: ErrorOptions,
  ) {
    const first = issues[0];
    const where = first ? ` at ${first.path || '(body)'}: ${first.message}` : '';
    super(`The registry sent a malformed response${where} (${url})`, url, options);
  }
}
