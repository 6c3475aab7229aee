// Public verdicts when IndexedDB is missing or failing: a plain map, gone with the page.
import type { StoredPublicVerdict } from './schema.js';
import type { PublicSnapshot, PublicStore } from './store.js';

export function createPublicMemoryStore(from?: PublicSnapshot): PublicStore {
  const verdicts = new Map<string, StoredPublicVerdict>();
  const keyOf = (channel: string, assetId: string) => JSON.stringify([channel, assetId]);
  const put = (entry: StoredPublicVerdict) =>
    verdicts.set(keyOf(entry.channel, entry.assetId), structuredClone(entry));
  from?.publicVerdicts.forEach(put);

  return {
    kind: 'memory',

    async publicVerdicts(channel, assetIds) {
      const found = new Map<string, StoredPublicVerdict>();
      for (const assetId of assetIds) {
        const entry = verdicts.get(keyOf(channel, assetId));
        if (entry) found.set(assetId, entry);
      }
      return found;
    },

    async putPublicVerdicts(entries) {
      entries.forEach(put);
    },

    snapshot: async () => ({ publicVerdicts: [...verdicts.values()] }),

    close() {},
  };
}
