// No response at all (offline, DNS, refused connection), after the retries were spent.
import { RegistryError } from './registry-error.js';

export class RegistryUnreachableError extends RegistryError {
  readonly code = 'registry_unreachable' as const;

  constructor(url: string, options?: ErrorOptions) {
    super(`The registry could not be reached (${url})`, url, options);
  }
}
