// The ids of the assets the editor may pick, learnt from the change feed as the cache syncs.
//
// Core's cache cannot list the assets it holds (widget-picker's fromCache asks the host for
// ids), so the pane watches the pages of every sync and keeps the asset ids and the policy in
// per-user storage next to its settings, with the cursor they are complete up to.

import type { Change, PolicyRecord, RegistryClient, SyncPage } from '@clearframe/core';
import type { KeyValueStorage } from '../hosts/user-storage.js';

interface Stored {
  cursor: string | null;
  ids: string[];
  policy: PolicyRecord | null;
}

export interface AssetIndex {
  /** Known asset ids, in the order the registry first sent them. */
  ids(): readonly string[];
  /** The organisation's policy as last synced. */
  policy(): PolicyRecord | undefined;
  /** The cursor of the last page seen; null when the index has never seen one. */
  cursor(): string | null;
  /** A client whose sync() feeds the index with every page it returns. */
  tracking<C extends Pick<RegistryClient, 'sync'>>(client: C): C;
  /** Reads the whole feed from the start into a fresh index (when the cache is ahead of it). */
  rebuild(client: Pick<RegistryClient, 'syncAll'>, signal?: AbortSignal): Promise<void>;
}

export function openAssetIndex(storage: KeyValueStorage, scope: string): AssetIndex {
  const key = `clearframe.assetIndex:${scope}`;
  let state = read();
  let ids = new Set(state.ids);

  function read(): Stored {
    try {
      const parsed = JSON.parse(storage.getItem(key) ?? 'null') as Stored | null;
      if (parsed && Array.isArray(parsed.ids)) return parsed;
    } catch {
      // A damaged entry is rebuilt from the feed.
    }
    return { cursor: null, ids: [], policy: null };
  }

  function apply(changes: readonly Change[], cursor: string): void {
    for (const change of changes) {
      if (change.type === 'asset') {
        if (change.deleted) ids.delete(change.id);
        else ids.add(change.id);
      } else if (change.type === 'policy' && !change.deleted) {
        state.policy = change.data;
      }
    }
    state = { ...state, cursor, ids: [...ids] };
    try {
      storage.setItem(key, JSON.stringify(state));
    } catch {
      // Storage full: the index lives in memory for this session and is rebuilt next time.
    }
  }

  return {
    ids: () => state.ids,
    policy: () => state.policy ?? undefined,
    cursor: () => state.cursor,
    tracking(client) {
      const tracked = Object.create(client) as typeof client;
      tracked.sync = async (since, options) => {
        const page: SyncPage = await client.sync(since, options);
        // Applied whatever `since` was: an id left over from an older page is harmless, because
        // the picker lists only ids the cache holds inputs for.
        apply(page.changes, page.cursor);
        return page;
      };
      return tracked;
    },
    async rebuild(client, signal) {
      const fresh = new Set<string>();
      const previous = { ids, state };
      ids = fresh;
      state = { cursor: null, ids: [], policy: null };
      try {
        await client.syncAll(null, {
          ...(signal ? { signal } : {}),
          onPage: (page) => apply(page.changes, page.cursor),
        });
      } catch (error) {
        ({ ids, state } = previous);
        throw error;
      }
    },
  };
}
