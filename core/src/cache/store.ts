// What the cache needs from a storage backend; IndexedDB and memory both provide it.
import type { AssetRecord, Change, PolicyRecord } from '../client/types.js';
import type { ConsentRecord, PersonRecord } from '../client/types.js';
import type { RecordStoreName, StoredPublicVerdict, SyncMeta } from './schema.js';

/** Everything evaluate needs for one asset, as synced. */
export interface CachedInputs {
  policy: PolicyRecord;
  asset: AssetRecord;
  persons: PersonRecord[];
  consents: ConsentRecord[];
}

/** The public verdicts of a store, to carry them over into memory. */
export interface PublicSnapshot {
  publicVerdicts: StoredPublicVerdict[];
}

/** The whole content of a store, to carry it over into memory. */
export interface Snapshot extends PublicSnapshot {
  meta: SyncMeta;
  records: { [S in RecordStoreName]: [string, unknown][] };
}

/** What a public page stores: the verdicts it fetched. */
export interface PublicStore {
  readonly kind: 'indexeddb' | 'memory';
  publicVerdicts(
    channel: string,
    assetIds: readonly string[],
  ): Promise<Map<string, StoredPublicVerdict>>;
  putPublicVerdicts(entries: readonly StoredPublicVerdict[]): Promise<void>;
  snapshot(): Promise<PublicSnapshot>;
  close(): void;
}

/** What an editor stores besides: the synced records and where the change feed stands. */
export interface Store extends PublicStore {
  meta(): Promise<SyncMeta>;
  /**
   * Applies one page of the change feed and moves the cursor to `to`, atomically, but only if the
   * cursor is still `from` (another writer, or a fresh store, has not moved it). Sets `syncedAt`
   * when given. Returns whether it applied.
   */
  applyPage(
    from: string | null,
    changes: readonly Change[],
    to: string,
    syncedAt: number | null,
  ): Promise<boolean>;
  /** The inputs of each asset that is known, with the organisation's policy. */
  inputs(assetIds: readonly string[]): Promise<Map<string, CachedInputs>>;
  snapshot(): Promise<Snapshot>;
}

export const EMPTY_META: SyncMeta = { cursor: null, syncedAt: null };

export const STORE_OF: Readonly<Record<Change['type'], RecordStoreName>> = {
  policy: 'policies',
  asset: 'assets',
  person: 'persons',
  consent: 'consents',
};

/** The distinct persons an asset tags, in tag order. */
export function taggedPersonIds(asset: AssetRecord): string[] {
  return [...new Set((asset.persons ?? []).map((tag) => tag.personId))];
}
