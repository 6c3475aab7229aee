// The public page's cache: server verdicts with the time they were fetched, in IndexedDB when it
// works and in memory when it does not, shared between the tabs of one origin. Its database is
// its own (the verdicts alone, not the editor's schema): one per registry and key on the embed.
import type { PublicClient } from '../client/public-client.js';
import { createChangeHub } from './cache-core.js';
import type { CacheChange, CoreOptions } from './cache-core.js';
import { publicVerdictsIn } from './public-idb-store.js';
import { createPublicMemoryStore } from './public-memory-store.js';
import { requested } from './schema.js';
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

type VerdictStore = Pick<PublicStore, 'publicVerdicts' | 'putPublicVerdicts'>;

export function openPublicCache(options: PublicCacheOptions): PublicVerdictCache {
  const { registry } = options;
  // The database, the lock and the broadcast channel, each in its own namespace.
  const name = `clearframe-public:${registry}`;
  /** Every verdict this page read or wrote: all there is once IndexedDB failed or is missing. */
  const memory = createPublicMemoryStore();
  const factory = options.indexedDB === undefined ? globalThis.indexedDB : options.indexedDB;
  let shared = true;
  // Other tabs share the data only through IndexedDB.
  const hub = createChangeHub(name, options, () => shared);
  let db: IDBDatabase | undefined;
  const idb = (async () => {
    if (!factory) throw new Error('IndexedDB is not available here');
    const request = factory.open(name, 1);
    request.onupgradeneeded = () =>
      request.result.createObjectStore('publicVerdicts', { keyPath: ['channel', 'assetId'] });
    db = await requested(request);
    // A newer version of Clearframe in another tab wants to upgrade: step aside (see idb-store).
    db.onversionchange = () => db?.close();
    return publicVerdictsIn(db);
  })();
  // Seen by the first operation; until then, not an unhandled rejection.
  idb.catch(() => undefined);

  /** Runs `operation` on IndexedDB while it works; moves to memory for good when it fails. */
  async function onIdb(operation: (store: VerdictStore) => Promise<unknown>) {
    if (!shared) return;
    try {
      await operation(await idb);
    } catch (error) {
      if (shared)
        console.warn(
          `Clearframe: IndexedDB failed; the consent cache of ${registry} is kept in memory for this page.`,
          error,
        );
      shared = false;
    }
  }

  return {
    registry,
    get storage() {
      return shared ? 'indexeddb' : 'memory';
    },
    ...publicVerdictMethods({
      now: options.now ?? (() => Date.now()),
      async read(channel, assetIds) {
        await onIdb(async (store) =>
          memory.putPublicVerdicts([...(await store.publicVerdicts(channel, assetIds)).values()]),
        );
        return memory.publicVerdicts(channel, assetIds);
      },
      async write(entries) {
        await memory.putPublicVerdicts(entries);
        await onIdb((store) => store.putPublicVerdicts(entries));
      },
      exclusive: hub.exclusive,
      publish: hub.publish,
    }),
    onChange: hub.onChange,

    close() {
      hub.close();
      void idb.then(
        () => db?.close(),
        () => undefined,
      );
    },
  };
}

/** Where public verdicts are kept, as the refresh below needs it. */
export interface VerdictStorage {
  now(): number;
  read(channel: string, assetIds: readonly string[]): Promise<Map<string, StoredPublicVerdict>>;
  write(entries: StoredPublicVerdict[]): Promise<void>;
  /** Runs `work` while no other tab of the origin runs it (only shared storage needs that). */
  exclusive<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T>;
  /** Tells this tab's listeners, and the other tabs while they share the storage. */
  publish(change: CacheChange): void;
}

/** The public verdict operations over any storage (the editor cache has them too). */
export function publicVerdictMethods({
  now,
  read,
  write,
  exclusive,
  publish,
}: VerdictStorage): Pick<PublicVerdictCache, 'publicVerdicts' | 'refreshPublicVerdicts'> {
  return {
    publicVerdicts: read,

    refreshPublicVerdicts(client, channel, assetIds, { signal, freshForMs = 0 } = {}) {
      return exclusive(async () => {
        const startedAt = now();
        const known = await read(channel, assetIds);
        const due = [...new Set(assetIds)].filter((id) => {
          const entry = known.get(id);
          return !entry || startedAt - entry.fetchedAt >= freshForMs;
        });
        if (due.length === 0) return known;
        const answer = await client.publicVerdicts(due, channel, signal ? { signal } : {});
        const entries = due.map((assetId) => ({
          channel,
          assetId,
          // An id the registry left out is treated like an unknown one: blocked.
          verdict: (Object.hasOwn(answer.verdicts, assetId) && answer.verdicts[assetId]) || BLOCKED,
          fetchedAt: startedAt,
        }));
        await write(entries);
        for (const entry of entries) known.set(entry.assetId, entry);
        publish({ kind: 'public', channel, assetIds: due });
        return known;
      }, signal);
    },
  };
}

const BLOCKED = { status: 'blocked', approvedUntil: null, nextCheckAt: null } as const;
