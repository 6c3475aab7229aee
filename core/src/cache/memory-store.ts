// The cache's storage when IndexedDB is missing or failing: plain maps, gone with the page.
import type { AssetRecord, ConsentRecord, PersonRecord, PolicyRecord } from '../client/types.js';
import { createPublicMemoryStore } from './public-memory-store.js';
import type { RecordStoreName, SyncMeta } from './schema.js';
import { EMPTY_META, STORE_OF, taggedPersonIds } from './store.js';
import type { CachedInputs, Snapshot, Store } from './store.js';

interface Records {
  policies: Map<string, PolicyRecord>;
  assets: Map<string, AssetRecord>;
  persons: Map<string, PersonRecord>;
  consents: Map<string, ConsentRecord>;
}

export function createMemoryStore(from?: Snapshot): Store {
  let meta: SyncMeta = from ? { ...from.meta } : { ...EMPTY_META };
  const records = {
    policies: new Map(from?.records.policies),
    assets: new Map(from?.records.assets),
    persons: new Map(from?.records.persons),
    consents: new Map(from?.records.consents),
  } as Records;
  const verdicts = createPublicMemoryStore(from);

  return {
    ...verdicts,
    meta: async () => ({ ...meta }),

    async applyPage(expected, changes, to, syncedAt) {
      if (meta.cursor !== expected) return false;
      for (const change of changes) {
        const map = records[STORE_OF[change.type]] as Map<string, unknown>;
        if (change.deleted) map.delete(change.id);
        else map.set(change.id, structuredClone(change.data));
      }
      meta = { cursor: to, syncedAt: syncedAt ?? meta.syncedAt };
      return true;
    },

    async inputs(assetIds) {
      const found = new Map<string, CachedInputs>();
      const policy = records.policies.values().next().value;
      if (!policy) return found;
      const consents = [...records.consents.values()];
      for (const assetId of assetIds) {
        const asset = records.assets.get(assetId);
        if (!asset) continue;
        const ids = new Set(taggedPersonIds(asset));
        found.set(assetId, {
          policy,
          asset,
          persons: [...ids].flatMap((id) => records.persons.get(id) ?? []),
          consents: consents.filter((consent) => ids.has(consent.personId)),
        });
      }
      return found;
    },

    async snapshot() {
      const entries = (name: RecordStoreName) => [...records[name].entries()];
      return {
        meta: { ...meta },
        records: {
          policies: entries('policies'),
          assets: entries('assets'),
          persons: entries('persons'),
          consents: entries('consents'),
        },
        ...(await verdicts.snapshot()),
      };
    },
  };
}
