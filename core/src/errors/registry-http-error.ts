// The registry answered with a non-2xx status; `problem` is its RFC 9457 body when it sent one.
import { RegistryError } from './registry-error.js';

/** An RFC 9457 problem body as the registry writes it (docs/api-contract.md, Errors). */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  errors?: { field: string; message: string }[];
  [extension: string]: unknown;
}

export class RegistryHttpError extends RegistryError {
  readonly code = 'registry_http_error' as const;

  constructor(
    url: string,
    readonly status: number,
    readonly problem: Problem | undefined,
    options?: ErrorOptions,
  ) {
    const what = problem?.detail ?? problem?.title ?? `HTTP ${status}`;
    super(`The registry refused the request: ${what} (${url})`, url, options);
  }
}
