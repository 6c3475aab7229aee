// The cache's storage in IndexedDB, typed by the one schema; platform errors propagate to the cache.
import { unwrap, wrap } from 'idb';
import type { IDBPDatabase } from 'idb';
import { publicVerdictsIn } from './public-idb-store.js';
import { DB_VERSION, openRawDatabase, RECORD_STORES } from './schema.js';
import type { ClearframeDB, RecordStoreName, SyncMeta } from './schema.js';
import { EMPTY_META, STORE_OF, taggedPersonIds } from './store.js';
import type { CachedInputs, Snapshot, Store } from './store.js';

/** The database, opened (and upgraded) through the given factory, typed by the schema. */
export async function openDatabase(
  factory: IDBFactory,
  name: string,
  version = DB_VERSION,
): Promise<IDBPDatabase<ClearframeDB>> {
  return wrap(await openRawDatabase(factory, name, version)) as IDBPDatabase<ClearframeDB>;
}

export async function openIdbStore(factory: IDBFactory, name: string): Promise<Store> {
  const db = await openDatabase(factory, name);
  // A newer version of Clearframe in another tab wants to upgrade: step aside. Later calls here
  // fail and the cache falls back to memory, rather than blocking the other tab forever.
  db.addEventListener('versionchange', () => db.close());
  return idbStore(db);
}

function idbStore(db: IDBPDatabase<ClearframeDB>): Store {
  return {
    kind: 'indexeddb',
    // The public verdicts are read and written as on a public page.
    ...publicVerdictsIn(unwrap(db)),

    async meta() {
      return (await db.get('meta', 'sync')) ?? { ...EMPTY_META };
    },

    async applyPage(expected, changes, to, syncedAt) {
      const tx = db.transaction(['meta', ...RECORD_STORES], 'readwrite');
      const meta: SyncMeta = (await tx.objectStore('meta').get('sync')) ?? { ...EMPTY_META };
      if (meta.cursor !== expected) {
        await tx.done;
        return false;
      }
      const writes: Promise<unknown>[] = [];
      try {
        for (const change of changes) {
          const store = tx.objectStore(STORE_OF[change.type]);
          writes.push(change.deleted ? store.delete(change.id) : store.put(change.data, change.id));
        }
        const next: SyncMeta = { cursor: to, syncedAt: syncedAt ?? meta.syncedAt };
        writes.push(tx.objectStore('meta').put(next, 'sync'));
      } catch (error) {
        // Nothing of a page is kept unless all of it is (a failed request aborts by itself).
        tx.abort();
        await Promise.allSettled([...writes, tx.done]);
        throw error;
      }
      await Promise.all([...writes, tx.done]);
      return true;
    },

    async inputs(assetIds) {
      const tx = db.transaction(RECORD_STORES, 'readonly');
      const found = new Map<string, CachedInputs>();
      const [policy] = await tx.objectStore('policies').getAll(undefined, 1);
      if (policy) {
        const byPerson = tx.objectStore('consents').index('byPerson');
        for (const assetId of assetIds) {
          const asset = await tx.objectStore('assets').get(assetId);
          if (!asset) continue;
          const ids = taggedPersonIds(asset);
          const persons = await Promise.all(ids.map((id) => tx.objectStore('persons').get(id)));
          const consents = await Promise.all(ids.map((id) => byPerson.getAll(id)));
          found.set(assetId, {
            policy,
            asset,
            persons: persons.filter((person) => person !== undefined),
            consents: consents.flat(),
          });
        }
      }
      await tx.done;
      return found;
    },

    async snapshot() {
      const tx = db.transaction(['meta', 'publicVerdicts', ...RECORD_STORES], 'readonly');
      const entriesOf = async (name: RecordStoreName): Promise<[string, unknown][]> => {
        const store = tx.objectStore(name);
        const [keys, values] = await Promise.all([store.getAllKeys(), store.getAll()]);
        return keys.map((key, i) => [key, values[i]]);
      };
      const [meta, policies, assets, persons, consents, publicVerdicts] = await Promise.all([
        tx.objectStore('meta').get('sync'),
        entriesOf('policies'),
        entriesOf('assets'),
        entriesOf('persons'),
        entriesOf('consents'),
        tx.objectStore('publicVerdicts').getAll(),
      ]);
      await tx.done;
      return {
        meta: meta ?? { ...EMPTY_META },
        records: { policies, assets, persons, consents },
        publicVerdicts,
      } satisfies Snapshot;
    },

    close: () => db.close(),
  };
}
