// The editor's browser cache: synced records to evaluate locally, plus the public verdicts of the
// public cache, in IndexedDB when it works and in memory when it does not, shared between tabs.
import type { RegistryClient } from '../client/registry-client.js';
import type { EvaluateInput, Verdict } from '../rules/types.js';
import { createCacheCore } from './cache-core.js';
import type { CacheChange, CoreOptions } from './cache-core.js';
import { openIdbStore } from './idb-store.js';
import { evaluateCached, toEvaluateInput } from './inputs.js';
import { createMemoryStore } from './memory-store.js';
import { publicVerdictMethods } from './public-cache.js';
import type { CacheSyncOptions, PublicVerdictCache } from './public-cache.js';
import type { SyncMeta } from './schema.js';
import type { CachedInputs } from './store.js';

export type { CacheChange } from './cache-core.js';
export type { CacheSyncOptions } from './public-cache.js';

export type CacheOptions = CoreOptions;

export interface SyncOutcome {
  /** Changes applied by this call. */
  changes: number;
  /** When the last complete sync (by any tab) started. */
  syncedAt: number;
  /** True when another tab's recent sync made this one unnecessary. */
  skipped: boolean;
}

export interface ConsentCache extends PublicVerdictCache {
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
  onChange(listener: (change: CacheChange) => void): () => void;
}

// Restarts of a sync whose cursor moved under it; more means something is wrong, not busy.
const MAX_SYNC_RESTARTS = 3;

export function openCache(options: CacheOptions): ConsentCache {
  const core = createCacheCore(options, openIdbStore, createMemoryStore);
  const { run, now } = core;

  const cache: ConsentCache = {
    registry: core.registry,
    get storage() {
      return core.storage;
    },
    ...publicVerdictMethods({
      now,
      read: (channel, assetIds) => run((target) => target.publicVerdicts(channel, assetIds)),
      write: (entries) => run((target) => target.putPublicVerdicts(entries)),
      exclusive: core.exclusive,
      publish: core.publish,
    }),
    onChange: core.onChange,
    close: core.close,

    syncState: () => run((target) => target.meta()),

    async sync(client, { signal, freshForMs = 0 } = {}) {
      const outcome = await core.exclusive(async (): Promise<SyncOutcome> => {
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
        core.publish({ kind: 'records', changed: outcome.changes > 0, syncedAt: outcome.syncedAt });
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
  };
  return cache;
}
