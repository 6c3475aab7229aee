// The public page's cache: server verdicts with the time they were fetched, in IndexedDB when it
// works and in memory when it does not, shared between the tabs of one origin.
import type { PublicClient } from '../client/public-client.js';
import { createCacheCore } from './cache-core.js';
import type { CacheChange, CacheCore, CoreOptions } from './cache-core.js';
import { openPublicIdbStore } from './public-idb-store.js';
import { createPublicMemoryStore } from './public-memory-store.js';
import type { StoredPublicVerdict } from './schema.js';
import type { PublicStore } from './store.js';

export type PublicCacheOptions = CoreOptions;

export interface CacheSyncOptions {
  signal?: AbortSignal;
  /** Skip the request when any tab completed one less than this long ago. Default 0. */
  freshForMs?: number;
}

export interface PublicVerdictCache {
  readonly registry: string;
  /** Where the data lives now; 'memory' once IndexedDB failed or was missing. */
  readonly storage: 'indexeddb' | 'memory';
  /** Stored verdicts with the time they were fetched. */
  publicVerdicts(
    channel: string,
    assetIds: readonly string[],
  ): Promise<Map<string, StoredPublicVerdict>>;
  /** Fetches the verdicts not fetched within `freshForMs` (by any tab) and stores them. */
  refreshPublicVerdicts(
    client: Pick<PublicClient, 'publicVerdicts'>,
    channel: string,
    assetIds: readonly string[],
    options?: CacheSyncOptions,
  ): Promise<Map<string, StoredPublicVerdict>>;
  onChange(listener: (change: CacheChange) => void): () => void;
  close(): void;
}

export function openPublicCache(options: PublicCacheOptions): PublicVerdictCache {
  const core = createCacheCore(options, openPublicIdbStore, createPublicMemoryStore);
  return {
    registry: core.registry,
    get storage() {
      return core.storage;
    },
    ...publicVerdictMethods(core),
    onChange: core.onChange,
    close: core.close,
  };
}

const BLOCKED = { status: 'blocked', approvedUntil: null, nextCheckAt: null } as const;

/** The public verdict operations over any cache core (the editor cache has them too). */
export function publicVerdictMethods(
  core: CacheCore<PublicStore>,
): Pick<PublicVerdictCache, 'publicVerdicts' | 'refreshPublicVerdicts'> {
  const publicVerdicts = (channel: string, assetIds: readonly string[]) =>
    core.run((target) => target.publicVerdicts(channel, assetIds));
  return {
    publicVerdicts,

    refreshPublicVerdicts(client, channel, assetIds, { signal, freshForMs = 0 } = {}) {
      return core.exclusive(async () => {
        const startedAt = core.now();
        const known = await publicVerdicts(channel, assetIds);
        const due = [...new Set(assetIds)].filter((id) => {
          const entry = known.get(id);
          return !entry || startedAt - entry.fetchedAt >= freshForMs;
        });
        if (due.length === 0) return known;
        const answer = await client.publicVerdicts(due, channel, signal ? { signal } : {});
        const entries: StoredPublicVerdict[] = due.map((assetId) => ({
          channel,
          assetId,
          // An id the registry left out is treated like an unknown one: blocked.
          verdict: (Object.hasOwn(answer.verdicts, assetId) && answer.verdicts[assetId]) || BLOCKED,
          fetchedAt: startedAt,
        }));
        await core.run((target) => target.putPublicVerdicts(entries));
        for (const entry of entries) known.set(entry.assetId, entry);
        core.publish({ kind: 'public', channel, assetIds: due });
        return known;
      }, signal);
    },
  };
}
