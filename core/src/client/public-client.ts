// The public verdicts client for public pages: plain fetch, the `key=` query parameter, a timeout
// per attempt, retries with backoff on network errors and 5xx, the registry client's typed errors.
import { RegistryHttpError } from '../errors/registry-http-error.js';
import { RegistryResponseError } from '../errors/registry-response-error.js';
import { RegistryTimeoutError } from '../errors/registry-timeout-error.js';
import { RegistryUnreachableError } from '../errors/registry-unreachable-error.js';
import { normalizeClientOptions } from './options.js';
import type { RegistryClientOptions } from './options.js';
import { toProblem } from './problem.js';
import { parsePublicVerdicts, publicVerdictsInChunks } from './public-verdicts.js';
import type { PublicVerdicts } from './types.js';

export interface PublicClientOptions extends Omit<RegistryClientOptions, 'credential'> {
  /** The publishable key, `cf_pk_…`. */
  key: string;
}

export interface CallOptions {
  /** Aborting rejects the call with the signal's reason (an `AbortError` by default). */
  signal?: AbortSignal;
}

export interface PublicClient {
  /** The registry's base URL, as normalised (ends with `/`). */
  readonly baseUrl: string;
  /** Public verdicts for any number of ids, asked in chunks of the registry's maximum. */
  publicVerdicts(
    assetIds: readonly string[],
    channel: string,
    options?: CallOptions,
  ): Promise<PublicVerdicts>;
}

/**
 * The cache mode of every request to the registry. Callers ask to learn what the registry says
 * now: the verdict cache stamps an answer with the time of its request (`fetchedAt`), and from it
 * reckons staleness and the next refresh. An answer from the browser's HTTP cache, which public
 * verdicts allow for up to 60 s (`Cache-Control: public, max-age`, kept for CDNs and proxies),
 * would be as old as that and taken for new, so a revocation could show one refresh late.
 * `no-cache` makes the browser revalidate with the registry every time.
 */
export const REVALIDATE: RequestCache = 'no-cache';

// Only server faults are worth repeating; 408, 413 and 429 are the client's to fix or to wait out.
export const RETRY_STATUS_CODES: readonly number[] = [500, 502, 503, 504];
const BACKOFF_LIMIT_MS = 10_000;
const MAX_RETRY_AFTER_MS = 30_000;
/** A 503's Retry-After, by the error it came with. */
const RETRY_AFTER = new WeakMap<RegistryHttpError, number>();

export function createPublicClient(options: PublicClientOptions): PublicClient {
  const { key, ...rest } = options;
  const config = normalizeClientOptions({ ...rest, credential: { kind: 'publishable', key } });
  const { timeoutMs } = config;

  /** One request, body included, within the timeout; a fetch that ignores signals loses the race. */
  function attempt(url: URL, shown: string, signal: AbortSignal | undefined): Promise<unknown> {
    const controller = new AbortController();
    let cleanUp: () => void = () => undefined;
    const limits = new Promise<never>((_, reject) => {
      const timer = setTimeout(() => {
        reject(new RegistryTimeoutError(shown, timeoutMs));
        controller.abort();
      }, timeoutMs);
      const onAbort = () => {
        reject(signal?.reason);
        controller.abort(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort);
      cleanUp = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };
    });
    const exchange = (async () => {
      let response: Response;
      try {
        // No cookies: public pages must send none, and keys need none. `no-cache`: the browser's
        // HTTP cache must ask the registry, not answer from the verdict's max-age (up to 60 s),
        // which the verdict cache would take for an answer fetched now (see REVALIDATE).
        const request = new Request(url, {
          signal: controller.signal,
          credentials: 'omit',
          cache: REVALIDATE,
        });
        response = await config.fetch(request);
      } catch (error) {
        throw new RegistryUnreachableError(shown, { cause: error });
      }
      const text = await response.text();
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch (error) {
        if (response.ok)
          throw new RegistryResponseError(shown, [{ path: '', message: 'not JSON' }], {
            cause: error,
          });
      }
      if (response.ok) return body;
      const error = new RegistryHttpError(shown, response.status, toProblem(body));
      const after = retryAfter(response);
      if (after !== undefined) RETRY_AFTER.set(error, after);
      throw error;
    })();
    return Promise.race([exchange, limits]).finally(cleanUp);
  }

  async function get(ids: string[], channel: string, signal?: AbortSignal) {
    const url = new URL('v1/public/verdicts', config.baseUrl);
    url.searchParams.set('ids', ids.join(','));
    url.searchParams.set('channel', channel);
    // Errors name the URL without the key: messages end up in logs and bug reports.
    const shown = url.href;
    url.searchParams.set('key', key);
    for (let retry = 1; ; retry++) {
      // Not every fetch (an in-process app, a polyfill) checks a signal that is already aborted.
      signal?.throwIfAborted();
      try {
        return parsePublicVerdicts(await attempt(url, shown, signal), shown);
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        const wait = retryDelay(error, retry);
        if (retry > config.retries || wait === undefined) throw error;
        await sleep(wait, signal);
      }
    }
  }

  /** How long to wait before retry n, or undefined when the failure is not worth repeating. */
  function retryDelay(error: unknown, retry: number): number | undefined {
    const code = (error as { code?: unknown }).code;
    if (code === 'registry_http_error') {
      if (!RETRY_STATUS_CODES.includes((error as RegistryHttpError).status)) return undefined;
      const after = RETRY_AFTER.get(error as RegistryHttpError);
      if (after !== undefined) return Math.min(after, MAX_RETRY_AFTER_MS);
    } else if (code !== 'registry_unreachable') return undefined;
    return (
      config.retryDelayMs?.(retry) ??
      Math.random() * Math.min(300 * 2 ** (retry - 1), BACKOFF_LIMIT_MS)
    );
  }

  return {
    baseUrl: config.baseUrl.href,
    publicVerdicts: (assetIds, channel, { signal } = {}) =>
      publicVerdictsInChunks(assetIds, (chunk) => get(chunk, channel, signal)),
  };
}

/** A 503's Retry-After in ms (seconds or an HTTP date), or undefined. */
function retryAfter(response: Response): number | undefined {
  const header = response.status === 503 ? response.headers.get('retry-after') : null;
  if (!header) return undefined;
  const ms = /^\d+$/.test(header) ? Number(header) * 1000 : Date.parse(header) - Date.now();
  return Number.isNaN(ms) ? undefined : Math.max(ms, 0);
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
