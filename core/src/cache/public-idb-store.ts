// Public verdicts in IndexedDB without idb (1.4 KB gz the embed cannot afford), for the public
// cache's database and the editor's. Platform errors propagate to the cache.
import { requested } from './schema.js';
import type { ClearframeDB } from './schema.js';
import type { PublicStore } from './store.js';

type Row = ClearframeDB['publicVerdicts']['value'];
const STORE = 'publicVerdicts';

/** Reading and writing the `publicVerdicts` store of an open database. */
export function publicVerdictsIn(
  db: IDBDatabase,
): Pick<PublicStore, 'publicVerdicts' | 'putPublicVerdicts'> {
  return {
    async publicVerdicts(channel, assetIds) {
      const store = db.transaction(STORE, 'readonly').objectStore(STORE);
      const entries = await Promise.all(
        assetIds.map((id) => requested<Row | undefined>(store.get([channel, id]))),
      );
      return new Map(entries.flatMap((entry) => (entry ? [[entry.assetId, entry]] : [])));
    },

    async putPublicVerdicts(entries) {
      const tx = db.transaction(STORE, 'readwrite');
      // All or nothing: one failed put aborts the transaction, and `done` rejects.
      const done = new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = tx.onabort = () =>
          reject(tx.error ?? new DOMException('Aborted', 'AbortError'));
      });
      try {
        for (const entry of entries) tx.objectStore(STORE).put(entry);
      } catch (error) {
        tx.abort();
        await done.catch(() => undefined);
        throw error;
      }
      await done;
    },
  };
}
