// The registry as the pane uses it: core's client, editor cache and approvals, the asset index,
// the verdicts of "Check this document", the bytes of a picture to insert and the picker's
// thumbnails.

import {
  createApprovals,
  createRegistryClient,
  openCache,
  type Approvals,
  type AssetRecord,
  type ConsentCache,
  type Credential,
  type PolicyRecord,
  type RegistryClient,
} from '@clearframe/core';
import type { PictureToInsert } from '../hosts/host-adapter.js';
import type { KeyValueStorage } from '../hosts/user-storage.js';
import type { VerdictFor } from '../pane/verdict-lookup.js';
import { openAssetIndex, type AssetIndex } from './asset-index.js';
import type { Endpoint } from './endpoint.js';
import { fetchThumbnail, type ThumbnailAsset } from './thumbnails.js';

export interface LibraryOptions {
  endpoint: Endpoint;
  credential: Credential;
  /** The organisation the credential belongs to: one cache per registry and organisation. */
  orgId: string;
  storage: KeyValueStorage;
  fetch?: typeof fetch;
  /** Default the global indexedDB; null keeps the cache in memory. */
  indexedDB?: IDBFactory | null;
}

export interface Library {
  readonly client: RegistryClient;
  readonly cache: ConsentCache;
  readonly approvals: Approvals;
  readonly index: AssetIndex;
  /** Asset ids the picker lists. */
  assetIds(): readonly string[];
  /** The organisation's policy as last synced; undefined before the first sync. */
  policy(): Promise<PolicyRecord | undefined>;
  /** Brings the cache up to date now; false when the registry could not be reached. */
  syncNow(): Promise<boolean>;
  /**
   * Verdicts for a document check: one sync first; evaluated from the fresh inputs when it
   * worked, from the cached inputs (stale) when it did not.
   */
  checkVerdicts(channel: string): VerdictFor;
  asset(assetId: string): Promise<AssetRecord | undefined>;
  /** The registry's bytes, alt text (in `lang`, else the first) and credit of an asset. */
  picture(assetId: string, lang: string): Promise<PictureToInsert>;
  /** The thumbnail's bytes for the picker, fetched with the credential; null when none. */
  thumbnail(asset: ThumbnailAsset, signal: AbortSignal): Promise<Blob | null>;
  close(): void;
}

export class PictureFetchError extends Error {
  override readonly name = 'PictureFetchError';
  readonly status: number | null;
  constructor(status: number | null, options?: ErrorOptions) {
    super(
      status === null ? 'the registry cannot be reached' : `the registry answered ${status}`,
      options,
    );
    this.status = status;
  }
}

export async function openLibrary(options: LibraryOptions): Promise<Library> {
  const fetchFn = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const { endpoint, credential } = options;
  const client = createRegistryClient({
    baseUrl: endpoint.baseUrl,
    credential,
    fetch: (request) => fetchFn(request),
    // The pane should say "offline" within seconds, not after the default ten and two retries.
    timeoutMs: 8_000,
    retries: 1,
  });
  const scope = `${new URL(endpoint.registryUrl).href}|${options.orgId}`;
  const cache = openCache({
    registry: scope,
    ...(options.indexedDB === undefined ? {} : { indexedDB: options.indexedDB }),
  });
  const index = openAssetIndex(options.storage, scope);
  const tracked = index.tracking(client);
  const approvals = createApprovals({ client: tracked, cache, mode: 'editor' });

  // The cache was synced before the index existed (or the index was lost): read ids afresh.
  const { cursor } = await cache.syncState();
  if (cursor !== null && index.cursor() === null) {
    await index.rebuild(client).catch(() => undefined);
  }

  const syncNow = async (): Promise<boolean> => {
    try {
      await cache.sync(tracked);
      return true;
    } catch {
      return false;
    }
  };

  const asset = async (assetId: string) => (await cache.inputs([assetId])).get(assetId)?.asset;

  return {
    client,
    cache,
    approvals,
    index,
    assetIds: () => index.ids(),
    async policy() {
      const [first] = index.ids();
      const inputs = first === undefined ? undefined : (await cache.inputs([first])).get(first);
      return inputs?.policy ?? index.policy();
    },
    syncNow,
    checkVerdicts(channel) {
      let synced: Promise<boolean> | undefined;
      return async (assetId) => {
        synced ??= syncNow();
        const fresh = await synced;
        const verdict = await cache.evaluate(assetId, channel);
        return verdict === undefined ? null : { verdict, stale: !fresh };
      };
    },
    asset,
    async picture(assetId, lang) {
      const record = await asset(assetId);
      let response: Response;
      try {
        response = await fetchFn(
          new URL(`v1/assets/${encodeURIComponent(assetId)}/original`, endpoint.baseUrl),
          {
            credentials: credential.kind === 'session' ? 'include' : 'omit',
            headers:
              credential.kind === 'session' ? {} : { authorization: `Bearer ${credential.key}` },
          },
        );
      } catch (error) {
        throw new PictureFetchError(null, { cause: error });
      }
      if (!response.ok) throw new PictureFetchError(response.status);
      const alt = record?.alt ?? {};
      return {
        assetId,
        base64: toBase64(new Uint8Array(await response.arrayBuffer())),
        altText: alt[lang] ?? Object.values(alt)[0] ?? record?.title ?? '',
        credit: record?.credit ?? '',
      };
    },
    thumbnail(asset, signal) {
      return fetchThumbnail(asset, {
        baseUrl: endpoint.baseUrl,
        credential,
        signal,
        fetch: fetchFn,
      });
    },
    close() {
      approvals.dispose();
      cache.close();
    },
  };
}

/** Base64 of any size: String.fromCharCode over chunks, since a spread of megabytes overflows. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}
