// Public verdicts in IndexedDB without idb (1.4 KB gz the embed cannot afford); the editor's
// store reuses these over the same database. Platform errors propagate to the cache.
import { openRawDatabase, requested } from './schema.js';
import type { ClearframeDB } from './schema.js';
import type { PublicStore } from './store.js';

type Row = ClearframeDB['publicVerdicts']['value'];
const STORE = 'publicVerdicts';

export async function openPublicIdbStore(factory: IDBFactory, name: string): Promise<PublicStore> {
  const db = await openRawDatabase(factory, name);
  // A newer version of Clearframe in another tab wants to upgrade: step aside (see idb-store).
  db.onversionchange = () => db.close();
  return {
    kind: 'indexeddb',
    ...publicVerdictsIn(db),
    async snapshot() {
      const tx = db.transaction(STORE, 'readonly');
      return { publicVerdicts: await requested<Row[]>(tx.objectStore(STORE).getAll()) };
    },
    close: () => db.close(),
  };
}

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
