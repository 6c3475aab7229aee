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
/** A 503's Retry-After in ms (at most 30 s), by the error it came with. */
const RETRY_AFTER = new WeakMap<object, number>();
const MAX_RETRY_AFTER_MS = 30_000;

export function createPublicClient(options: PublicClientOptions): PublicClient {
  const { key } = options;
  const config = normalizeClientOptions({ ...options, credential: { kind: 'publishable', key } });
  const { timeoutMs } = config;

  /** One request, body included, within the timeout; a fetch that ignores signals loses the race. */
  async function attempt(url: URL, shown: string, signal: AbortSignal | undefined) {
    const controller = new AbortController();
    const onAbort = () => controller.abort(signal?.reason);
    const timer = setTimeout(
      () => controller.abort(new RegistryTimeoutError(shown, timeoutMs)),
      timeoutMs,
    );
    signal?.addEventListener('abort', onAbort);
    const stopped = new Promise<never>((_, reject) =>
      controller.signal.addEventListener('abort', () => reject(controller.signal.reason)),
    );
    try {
      return await Promise.race([stopped, exchange(url, shown, controller.signal)]);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  async function exchange(url: URL, shown: string, signal: AbortSignal): Promise<unknown> {
    let response: Response;
    try {
      // No cookies: public pages must send none, and keys need none. `no-cache`: the browser's
      // HTTP cache must ask the registry, not answer from the verdict's max-age (see REVALIDATE).
      response = await config.fetch(
        new Request(url, { signal, credentials: 'omit', cache: REVALIDATE }),
      );
    } catch (cause) {
      throw new RegistryUnreachableError(shown, { cause });
    }
    const { ok, status } = response;
    let body: unknown;
    try {
      body = JSON.parse(await response.text());
    } catch (cause) {
      if (ok)
        throw new RegistryResponseError(shown, [{ path: '', message: 'not JSON' }], { cause });
    }
    if (ok) return body;
    const error = new RegistryHttpError(shown, status, toProblem(body));
    // A 503's Retry-After, in seconds or as an HTTP date.
    const after = status === 503 ? response.headers.get('retry-after') : null;
    if (after) {
      const ms = /^\d+$/.test(after) ? Number(after) * 1000 : Date.parse(after) - Date.now();
      if (!Number.isNaN(ms)) RETRY_AFTER.set(error, Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS));
    }
    throw error;
  }

  async function get(ids: string[], channel: string, signal: AbortSignal | undefined) {
    const url = new URL('v1/public/verdicts', config.baseUrl);
    url.searchParams.set('ids', ids.join(','));
    url.searchParams.set('channel', channel);
    // Errors name the URL without the key: messages end up in logs and bug reports.
    const shown = url.href;
    url.searchParams.set('key', key);
    for (let retry = 1; ; retry++) {
      // Not every fetch (an in-process app, a polyfill) checks a signal that is already aborted.
      signal?.throwIfAborted();
      let wait: number;
      try {
        return parsePublicVerdicts(await attempt(url, shown, signal), shown);
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        const { code, status } = error as { code?: unknown; status?: number };
        if (
          retry > config.retries ||
          !(
            code === 'registry_unreachable' ||
            (code === 'registry_http_error' && RETRY_STATUS_CODES.includes(status as number))
          )
        )
          throw error;
        wait =
          RETRY_AFTER.get(error as object) ??
          config.retryDelayMs?.(retry) ??
          // Exponential from 300 ms, at most 10 s, jittered.
          Math.random() * Math.min(300 * 2 ** (retry - 1), 10_000);
      }
      await new Promise((resolve, reject) => {
        // The caller's signal may outlive many requests: its listener goes with the wait.
        const onAbort = () => {
          clearTimeout(timer);
          reject(signal?.reason);
        };
        const timer = setTimeout(() => {
          signal?.removeEventListener('abort', onAbort);
          resolve(undefined);
        }, wait);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    }
  }

  return {
    baseUrl: config.baseUrl.href,
    publicVerdicts: (assetIds, channel, { signal } = {}) =>
      publicVerdictsInChunks(assetIds, (chunk) => get(chunk, channel, signal)),
  };
}
