// The editor cache's IndexedDB schema: every store, key and value type, and the steps that build
// it. Opened without idb's openDB; the public page's cache keeps its verdicts in a database of its
// own with the `publicVerdicts` store alone (public-cache.ts).
import type { DBSchema, StoreNames } from 'idb';
import type {
  AssetRecord,
  ConsentRecord,
  PersonRecord,
  PolicyRecord,
  PublicVerdict,
} from '../client/types.js';

/** Where the editor's change feed stands. */
export interface SyncMeta {
  /** The registry's cursor after the last applied page; null before the first. */
  cursor: string | null;
  /** When (epoch ms) the last complete sync started; null if none completed. */
  syncedAt: number | null;
}

/** A public verdict as a public page received it. */
export interface StoredPublicVerdict {
  channel: string;
  assetId: string;
  verdict: PublicVerdict;
  /** When (epoch ms) the request that brought it was sent. */
  fetchedAt: number;
}

export interface ClearframeDB extends DBSchema {
  /** One entry, `sync`. */
  meta: { key: 'sync'; value: SyncMeta };
  /** Synced records, keyed by the change feed's id (a policy's id is its organisation's). */
  policies: { key: string; value: PolicyRecord };
  assets: { key: string; value: AssetRecord };
  persons: { key: string; value: PersonRecord };
  consents: { key: string; value: ConsentRecord; indexes: { byPerson: string } };
  /** Keyed by `[channel, assetId]`. */
  publicVerdicts: { key: [string, string]; value: StoredPublicVerdict };
}

export type StoreName = StoreNames<ClearframeDB>;
export type RecordStoreName = 'policies' | 'assets' | 'persons' | 'consents';
export const RECORD_STORES: readonly RecordStoreName[] = [
  'policies',
  'assets',
  'persons',
  'consents',
];

/** Step n builds version n + 1 from version n; steps are never edited once released, only added. */
const STEPS: readonly ((db: IDBDatabase, tx: IDBTransaction) => void)[] = [
  // 1: the editor's synced records and the cursor.
  (db) => {
    db.createObjectStore('meta');
    for (const name of RECORD_STORES) db.createObjectStore(name);
  },
  // 2: consents by person (an asset's inputs without scanning every consent), public verdicts.
  (db, tx) => {
    tx.objectStore('consents').createIndex('byPerson', 'personId');
    db.createObjectStore('publicVerdicts', { keyPath: ['channel', 'assetId'] });
  },
];

export const DB_VERSION = STEPS.length;

/**
 * Opens (and upgrades) the database through the given factory; idb's `openDB` always uses the
 * global `indexedDB`, which tests and private windows cannot always provide.
 */
export function openRawDatabase(
  factory: IDBFactory,
  name: string,
  version = DB_VERSION,
): Promise<IDBDatabase> {
  const request = factory.open(name, version);
  request.onupgradeneeded = (event) => {
    const tx = request.transaction;
    for (let step = event.oldVersion; step < (event.newVersion ?? version); step++)
      if (tx) STEPS[step]?.(request.result, tx);
  };
  return requested(request);
}

/** A request's result as a promise; its error (a DOMException) as the rejection. */
export function requested<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}
