// The base of the errors the registry client throws: every one names the URL it was talking to.
import { ClearframeError } from './clearframe-error.js';

export type RegistryErrorCode =
  'registry_unreachable' | 'registry_timeout' | 'registry_http_error' | 'registry_invalid_response';

export abstract class RegistryError extends ClearframeError {
  abstract override readonly code: RegistryErrorCode;

  constructor(
    message: string,
    /** The URL of the request that failed (with a publishable key removed). */
    readonly url: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

const REGISTRY_CODES: ReadonlySet<string> = new Set<RegistryErrorCode>([
  'registry_unreachable',
  'registry_timeout',
  'registry_http_error',
  'registry_invalid_response',
]);

/** Works across realms; narrow further with `code`. */
export function isRegistryError(value: unknown): value is RegistryError {
  return (
    typeof value === 'object' &&
    value !== null &&
    REGISTRY_CODES.has((value as { code?: unknown }).code as string) &&
    typeof (value as { url?: unknown }).url === 'string'
  );
}
