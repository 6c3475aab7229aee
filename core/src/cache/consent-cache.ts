// The browser cache: synced records (editor) and public verdicts (public), in IndexedDB when it
// works and in memory when it does not, shared between the tabs of one origin.
import type { RegistryClient } from '../client/registry-client.js';
import type { EvaluateInput, Verdict } from '../rules/types.js';
import { createCoordination } from './coordination.js';
import type { CacheMessage, CoordinationOptions } from './coordination.js';
import { openIdbStore } from './idb-store.js';
import { evaluateCached, toEvaluateInput } from './inputs.js';
import { createMemoryStore } from './memory-store.js';
import type { StoredPublicVerdict, SyncMeta } from './schema.js';
import type { CachedInputs, Store } from './store.js';

export interface CacheOptions extends CoordinationOptions {
  /**
   * Names the database, the lock and the broadcast channel: one per registry and credential scope
   * (for example the registry's URL plus the organisation).
   */
  registry: string;
  /** Default the global `indexedDB`; null keeps the cache in memory. */
  indexedDB?: IDBFactory | null;
  now?: () => number;
}

export interface CacheSyncOptions {
  signal?: AbortSignal;
  /** Skip the request when any tab completed a sync less than this long ago. Default 0. */
  freshForMs?: number;
}

export interface SyncOutcome {
  /** Changes applied by this call. */
  changes: number;
  /** When the last complete sync (by any tab) started. */
  syncedAt: number;
  /** True when another tab's recent sync made this one unnecessary. */
  skipped: boolean;
}

/** Something new in the cache, written by this tab or announced by another. */
export type CacheChange = CacheMessage;

export interface ConsentCache {
  readonly registry: string;
  /** Where the data lives now; 'memory' once IndexedDB failed or was missing. */
  readonly storage: 'indexeddb' | 'memory';
  syncState(): Promise<SyncMeta>;
  /** Editor mode: brings the synced records up to date with the change feed. */
  sync(client: Pick<RegistryClient, 'sync'>, options?: CacheSyncOptions): Promise<SyncOutcome>;
  /** Editor mode: the cached inputs of the given assets (unknown assets are absent). */
  inputs(assetIds: readonly string[]): Promise<Map<string, CachedInputs>>;
  /** Editor mode: the input `evaluate` needs for the asset at `at`; undefined when not cached. */
  evaluationInput(
    assetId: string,
    channel: string,
    at?: number,
  ): Promise<EvaluateInput | undefined>;
  /** Editor mode: the verdict evaluated locally; undefined when the asset is not cached. */
  evaluate(assetId: string, channel: string, at?: number): Promise<Verdict | undefined>;
  /** Public mode: stored verdicts with the time they were fetched. */
  publicVerdicts(
    channel: string,
    assetIds: readonly string[],
  ): Promise<Map<string, StoredPublicVerdict>>;
  /** Public mode: fetches the verdicts not fetched within `freshForMs` (by any tab) and stores them. */
  refreshPublicVerdicts(
    client: Pick<RegistryClient, 'publicVerdicts'>,
    channel: string,
    assetIds: readonly string[],
    options?: CacheSyncOptions,
  ): Promise<Map<string, StoredPublicVerdict>>;
  onChange(listener: (change: CacheChange) => void): () => void;
  close(): void;
}

// Restarts of a sync whose cursor moved under it; more means something is wrong, not busy.
const MAX_SYNC_RESTARTS = 3;

export function openCache(options: CacheOptions): ConsentCache {
  const { registry } = options;
  const now = options.now ?? (() => Date.now());
  const coordination = createCoordination(`clearframe-sync:${registry}`, options);
  const listeners = new Set<(change: CacheChange) => void>();
  let warned = false;
  let storage: ConsentCache['storage'] = 'indexeddb';
  let store: Promise<Store> = openInitial();

  async function openInitial(): Promise<Store> {
    const factory =
      options.indexedDB === undefined ? globalThis.indexedDB : (options.indexedDB ?? undefined);
    if (!factory) return toMemory(undefined, new Error('IndexedDB is not available here'));
    try {
      return await openIdbStore(factory, `clearframe:${registry}`);
    } catch (error) {
      return toMemory(undefined, error);
    }
  }

  async function toMemory(failed: Store | undefined, error: unknown): Promise<Store> {
    storage = 'memory';
    if (!warned) {
      warned = true;
      console.warn(
        `Clearframe: IndexedDB failed (${describe(error)}); the consent cache of ${registry} is kept in memory for this page.`,
        error,
      );
    }
    // Keep what can still be read, so a full disk costs no resync; otherwise start empty.
    const snapshot = await failed?.snapshot().catch(() => undefined);
    try {
      failed?.close();
    } catch {
      // Already closed by the browser.
    }
    return createMemoryStore(snapshot);
  }

  /** Runs an operation on the store; if IndexedDB fails, moves to memory and runs it there. */
  async function run<T>(operation: (target: Store) => Promise<T>): Promise<T> {
    const pending = store;
    const target = await pending;
    try {
      return await operation(target);
    } catch (error) {
      if (target.kind === 'memory') throw error;
      if (store === pending) store = toMemory(target, error);
      return operation(await store);
    }
  }

  /** Other tabs share the data only through IndexedDB. */
  const shared = () => storage === 'indexeddb';
  const exclusive = <T>(work: () => Promise<T>, signal?: AbortSignal) =>
    shared() ? coordination.exclusive(work, signal) : work();

  function publish(change: CacheChange) {
    deliver(change);
    if (shared()) coordination.announce(change);
  }
  function deliver(change: CacheChange) {
    for (const listener of listeners) {
      try {
        listener(change);
      } catch (error) {
        reportError(error);
      }
    }
  }
  const unlisten = coordination.listen(deliver);

  const cache: ConsentCache = {
    registry,
    get storage() {
      return storage;
    },

    syncState: () => run((target) => target.meta()),

    async sync(client, { signal, freshForMs = 0 } = {}) {
      const outcome = await exclusive(async (): Promise<SyncOutcome> => {
        const startedAt = now();
        const meta = await run((target) => target.meta());
        const { syncedAt } = meta;
        let { cursor } = meta;
        if (syncedAt !== null && startedAt - syncedAt < freshForMs)
          return { changes: 0, syncedAt, skipped: true };
        let changes = 0;
        for (let restarts = 0; ;) {
          const page = await client.sync(cursor, signal ? { signal } : {});
          const done = !page.hasMore;
          const applied = await run((target) =>
            target.applyPage(cursor, page.changes, page.cursor, done ? startedAt : null),
          );
          if (!applied) {
            // The cursor moved: another tab without locks wrote, or storage fell back to memory.
            if (++restarts > MAX_SYNC_RESTARTS) throw new Error('The sync cursor keeps moving');
            ({ cursor } = await run((target) => target.meta()));
            continue;
          }
          changes += page.changes.length;
          cursor = page.cursor;
          if (done) return { changes, syncedAt: startedAt, skipped: false };
        }
      }, signal);
      if (!outcome.skipped)
        publish({ kind: 'records', changed: outcome.changes > 0, syncedAt: outcome.syncedAt });
      return outcome;
    },

    inputs: (assetIds) => run((target) => target.inputs(assetIds)),

    async evaluationInput(assetId, channel, at = now()) {
      const inputs = (await cache.inputs([assetId])).get(assetId);
      return inputs && toEvaluateInput(inputs, channel, at);
    },

    async evaluate(assetId, channel, at = now()) {
      const inputs = (await cache.inputs([assetId])).get(assetId);
      return inputs && evaluateCached(inputs, channel, at);
    },

    publicVerdicts: (channel, assetIds) =>
      run((target) => target.publicVerdicts(channel, assetIds)),

    async refreshPublicVerdicts(client, channel, assetIds, { signal, freshForMs = 0 } = {}) {
      return exclusive(async () => {
        const startedAt = now();
        const known = await cache.publicVerdicts(channel, assetIds);
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
          verdict: answer.verdicts[assetId] ?? BLOCKED,
          fetchedAt: startedAt,
        }));
        await run((target) => target.putPublicVerdicts(entries));
        for (const entry of entries) known.set(entry.assetId, entry);
        publish({ kind: 'public', channel, assetIds: due });
        return known;
      }, signal);
    },

    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    close() {
      unlisten();
      coordination.close();
      listeners.clear();
      void store.then((target) => target.close()).catch(() => undefined);
    },
  };
  return cache;
}

const BLOCKED = { status: 'blocked', approvedUntil: null, nextCheckAt: null } as const;

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

function reportError(error: unknown) {
  if (typeof globalThis.reportError === 'function') globalThis.reportError(error);
  else console.error(error);
}
