// The registry client: typed calls over ky, with the registry's failures turned into typed errors.
import ky, { isHTTPError, isTimeoutError } from 'ky';
import type { KyInstance, ShouldRetryState } from 'ky';
import type { z } from 'zod';
import { RegistryHttpError } from '../errors/registry-http-error.js';
import { RegistryResponseError } from '../errors/registry-response-error.js';
import type { ResponseIssue } from '../errors/registry-response-error.js';
import { RegistryTimeoutError } from '../errors/registry-timeout-error.js';
import { RegistryUnreachableError } from '../errors/registry-unreachable-error.js';
import { normalizeClientOptions } from './options.js';
import type { Credential, NormalizedClientOptions, RegistryClientOptions } from './options.js';
import { toProblem } from './problem.js';
import { RETRY_STATUS_CODES, REVALIDATE } from './public-client.js';
import type { CallOptions, PublicClient } from './public-client.js';
import { parsePublicVerdicts, publicVerdictsInChunks } from './public-verdicts.js';
import { editorVerdictSchema, syncPageSchema } from './schemas.js';
import type { Change, EditorVerdict, SyncPage } from './types.js';

export type { CallOptions } from './public-client.js';

export interface SyncOptions extends CallOptions {
  /** Page size, 1..1000; the registry's default is 500. */
  limit?: number;
}

export interface SyncAllOptions extends SyncOptions {
  /** Called after each page, before the next is asked for; a rejection stops the loop. */
  onPage?: (page: SyncPage) => void | Promise<void>;
}

export interface SyncAllResult {
  changes: Change[];
  cursor: string;
}

export interface RegistryClient extends Pick<PublicClient, 'publicVerdicts'> {
  /** The registry's base URL, as normalised (ends with `/`). */
  readonly baseUrl: string;
  readonly credential: Credential['kind'];
  /** One page of the change feed after `since` (from the beginning when absent). */
  sync(since?: string | null, options?: SyncOptions): Promise<SyncPage>;
  /** Every page after `since`, following `hasMore`. */
  syncAll(since?: string | null, options?: SyncAllOptions): Promise<SyncAllResult>;
  /** The verdict with its reasons (editor credentials). */
  verdict(assetId: string, channel: string, options?: CallOptions): Promise<EditorVerdict>;
}

/** Checks a 2xx body against the contract; throws RegistryResponseError naming the field. */
type Parse<T> = (body: unknown, url: string) => T;

const withSchema =
  <T>(schema: z.ZodType<T>): Parse<T> =>
  (body, url) => {
    const parsed = schema.safeParse(body);
    if (!parsed.success)
      throw new RegistryResponseError(url, issuesOf(parsed.error), { cause: parsed.error });
    return parsed.data;
  };
const syncPage = withSchema(syncPageSchema);
const editorVerdict = withSchema(editorVerdictSchema);

export function createRegistryClient(options: RegistryClientOptions): RegistryClient {
  const config = normalizeClientOptions(options);
  const api = createKy(config);

  async function get<T>(
    path: string,
    params: Record<string, string | undefined>,
    parse: Parse<T>,
    signal: AbortSignal | undefined,
  ): Promise<T> {
    // Not every fetch (an in-process app, a polyfill) checks a signal that is already aborted.
    signal?.throwIfAborted();
    const url = new URL(path, config.baseUrl);
    for (const [name, value] of Object.entries(params))
      if (value !== undefined) url.searchParams.set(name, value);
    // Errors name the URL without the key: messages end up in logs and bug reports.
    const shown = url.href;
    if (config.credential.kind === 'publishable')
      url.searchParams.set('key', config.credential.key);

    let body: unknown;
    try {
      body = await api.get(url, signal ? { signal } : {}).json();
    } catch (error) {
      throw toRegistryError(error, shown, config, signal);
    }
    // An aborted call never resolves, even through a fetch that ignores the signal.
    signal?.throwIfAborted();
    return parse(body, shown);
  }

  const client: RegistryClient = {
    baseUrl: config.baseUrl.href,
    credential: config.credential.kind,

    sync(since, { signal, limit } = {}) {
      const params = { since: since ?? undefined, limit: limit?.toString() };
      return get('v1/sync', params, syncPage, signal);
    },

    async syncAll(since, { onPage, ...pageOptions } = {}) {
      const changes: Change[] = [];
      let cursor = since ?? null;
      for (;;) {
        const page = await client.sync(cursor, pageOptions);
        changes.push(...page.changes);
        cursor = page.cursor;
        await onPage?.(page);
        if (!page.hasMore) return { changes, cursor };
      }
    },

    verdict(assetId, channel, { signal } = {}) {
      const path = `v1/assets/${encodeURIComponent(assetId)}/verdict`;
      return get(path, { channel }, editorVerdict, signal);
    },

    publicVerdicts(assetIds, channel, { signal } = {}) {
      return publicVerdictsInChunks(assetIds, (chunk) =>
        get('v1/public/verdicts', { ids: chunk.join(','), channel }, parsePublicVerdicts, signal),
      );
    },
  };
  return client;
}

function createKy(config: NormalizedClientOptions): KyInstance {
  const { credential } = config;
  return ky.create({
    timeout: config.timeoutMs,
    // Cookies only for the admin UI's session; keys need none, and public pages must send none.
    credentials: credential.kind === 'session' ? 'include' : 'omit',
    // Every call asks what the registry says now; caching is the consent cache's (REVALIDATE).
    cache: REVALIDATE,
    headers: credential.kind === 'editor' ? { authorization: `Bearer ${credential.key}` } : {},
    retry: {
      limit: config.retries,
      methods: ['get'],
      statusCodes: [...RETRY_STATUS_CODES],
      afterStatusCodes: [503],
      maxRetryAfter: 30_000,
      backoffLimit: 10_000,
      ...(config.retryDelayMs ? { delay: config.retryDelayMs } : { jitter: true }),
      shouldRetry,
    },
    fetch: async (input, init) =>
      config.fetch(input instanceof Request ? input : new Request(input, init)),
  });
}

function shouldRetry({ error }: ShouldRetryState): boolean | undefined {
  if (isHTTPError(error)) return RETRY_STATUS_CODES.includes(error.response.status);
  if (isTimeoutError(error) || error.name === 'AbortError') return false;
  // Any other failure of fetch means no response arrived: a network error by another name.
  return true;
}

function toRegistryError(
  error: unknown,
  url: string,
  config: NormalizedClientOptions,
  signal: AbortSignal | undefined,
): unknown {
  // An abort is the caller's decision, not a registry failure: it propagates as the platform's.
  if (signal?.aborted) return signal.reason;
  const cause = { cause: error };
  if (isTimeoutError(error)) return new RegistryTimeoutError(url, config.timeoutMs, cause);
  if (isHTTPError(error)) {
    return new RegistryHttpError(url, error.response.status, toProblem(error.data), cause);
  }
  if (error instanceof SyntaxError)
    return new RegistryResponseError(url, [{ path: '', message: 'not JSON' }], cause);
  // ky's NetworkError, or anything else fetch threw: either way no response arrived.
  return new RegistryUnreachableError(url, cause);
}

function issuesOf(error: z.ZodError): ResponseIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}
