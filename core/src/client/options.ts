// The client's options, and the one place where they are defaulted and checked.

/** How the client proves who it is (docs/api-contract.md, Credentials). */
export type Credential =
  | { kind: 'editor'; key: string }
  /** The admin UI's session cookie, sent by the browser. */
  | { kind: 'session' }
  /** `cf_pk_…`, sent as the `key=` query parameter so embeds stay simple CORS requests. */
  | { kind: 'publishable'; key: string };

/** What the client needs from `fetch`; a Hono app's `app.request` fits. */
export type FetchLike = (request: Request) => Response | Promise<Response>;

export interface RegistryClientOptions {
  /** The registry's origin, optionally with a path prefix: `https://registry.example/`. */
  baseUrl: string | URL;
  credential: Credential;
  /** Defaults to the global `fetch`. */
  fetch?: FetchLike;
  /** Per attempt. Default 10 000 ms. */
  timeoutMs?: number;
  /** Retries after a network error or a 5xx. Default 2. */
  retries?: number;
  /** Delay before retry n (1-based). Default exponential from 300 ms, jittered, at most 10 s. */
  retryDelayMs?: (attempt: number) => number;
}

export interface NormalizedClientOptions {
  baseUrl: URL;
  credential: Credential;
  fetch: FetchLike;
  timeoutMs: number;
  retries: number;
  retryDelayMs: ((attempt: number) => number) | undefined;
}

export const CLIENT_DEFAULTS = {
  timeoutMs: 10_000,
  retries: 2,
} as const;

export function normalizeClientOptions(options: RegistryClientOptions): NormalizedClientOptions {
  const baseUrl = new URL(options.baseUrl);
  // Paths are resolved relative to the base, so the prefix must end with a slash to be kept.
  if (!baseUrl.pathname.endsWith('/')) baseUrl.pathname += '/';
  const timeoutMs = options.timeoutMs ?? CLIENT_DEFAULTS.timeoutMs;
  const retries = options.retries ?? CLIENT_DEFAULTS.retries;
  if (!(timeoutMs > 0 && timeoutMs <= 2_147_483_647))
    throw new RangeError(`timeoutMs must be between 1 and 2147483647, got ${timeoutMs}`);
  if (!Number.isInteger(retries) || retries < 0)
    throw new RangeError(`retries must be a non-negative integer, got ${retries}`);
  const { credential } = options;
  if (credential.kind !== 'session' && credential.key === '')
    throw new RangeError(`the ${credential.kind} credential needs a key`);
  return {
    baseUrl,
    credential,
    fetch: options.fetch ?? ((request) => globalThis.fetch(request)),
    timeoutMs,
    retries,
    retryDelayMs: options.retryDelayMs,
  };
}
