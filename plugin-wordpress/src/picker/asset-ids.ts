// The ids of the assets the editor cache holds. core's cache cannot list its assets yet, so the
// ids are read off the sync pages as they pass through, and kept in localStorage beside the
// generation that names the cache: losing either starts a new generation, which syncs afresh.
export interface SyncChange {
  type: string;
  id: string;
  deleted: boolean;
}

export interface AssetIds {
  /** Names the IndexedDB cache these ids belong to. */
  readonly generation: string;
  list(): string[];
  apply(changes: readonly SyncChange[]): void;
}

interface Stored {
  generation: string;
  ids: string[];
}

function read(storage: Storage, key: string): Stored | undefined {
  try {
    const value = JSON.parse(storage.getItem(key) ?? 'null') as unknown;
    if (
      typeof value === 'object' &&
      value !== null &&
      typeof (value as Stored).generation === 'string' &&
      Array.isArray((value as Stored).ids)
    ) {
      return value as Stored;
    }
  } catch {
    // unreadable: a new generation
  }
  return undefined;
}

export function assetIds(storage: Storage, key: string): AssetIds {
  let stored = read(storage, key);
  if (stored === undefined) {
    stored = { generation: Date.now().toString(36), ids: [] };
    storage.setItem(key, JSON.stringify(stored));
  }
  const { generation } = stored;
  return {
    generation,
    list() {
      // Another tab may have synced (and recorded) since: read again.
      const now = read(storage, key);
      return now?.generation === generation ? now.ids : [];
    },
    apply(changes) {
      const ids = new Set(read(storage, key)?.ids ?? []);
      for (const change of changes) {
        if (change.type !== 'asset') continue;
        if (change.deleted) ids.delete(change.id);
        else ids.add(change.id);
      }
      storage.setItem(key, JSON.stringify({ generation, ids: [...ids] } satisfies Stored));
    },
  };
}
