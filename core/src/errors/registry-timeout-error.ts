// The registry did not answer within the client's timeout.
import { RegistryError } from './registry-error.js';

export class RegistryTimeoutError extends RegistryError {
  readonly code = 'registry_timeout' as const;

  constructor(
    url: string,
    readonly timeoutMs: number,
    options?: ErrorOptions,
  ) {
    super(`The registry did not answer within ${timeoutMs} ms (${url})`, url, options);
  }
}
