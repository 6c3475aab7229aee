// Approvals in an editor: the synced records, evaluated locally by the rules at every instant
// that matters, kept up to date by the change feed.
import type { CachedInputs } from '../cache/store.js';
import { editorView } from './editor-view.js';
import { createService } from './service.js';
import type { Approvals, EditorApprovalsOptions } from './types.js';

export function createEditorApprovals(options: EditorApprovalsOptions): Approvals {
  const { client, cache } = options;

  return createService<CachedInputs>(options, cache, (engine) => {
    /** When the last complete sync started; undefined until read from the cache. */
    let syncedAt: number | null | undefined;
    let syncedThisSession = false;
    const reloadAll = () => Promise.all(engine.entries().map(engine.load));

    async function syncState(): Promise<void> {
      if (syncedAt === undefined) syncedAt = (await cache.syncState()).syncedAt;
    }

    return {
      derive: (entry, base, at) => editorView(base, entry.data, syncedAt ?? null, at),

      async load(entries) {
        const found = await cache.inputs(entries.map((entry) => entry.assetId));
        for (const entry of entries) entry.data = found.get(entry.assetId) ?? null;
      },

      async refresh(_entries, freshForMs) {
        const outcome = await cache.sync(client, { freshForMs });
        syncedAt = Math.max(syncedAt ?? 0, outcome.syncedAt);
        syncedThisSession = true;
        engine.succeeded();
        if (outcome.changes > 0 || outcome.skipped) await reloadAll();
      },

      async prepare(entry) {
        await engine.load(entry);
        await engine.track(syncState().catch(engine.failed));
        if (syncedAt == null || (entry.data === null && !syncedThisSession)) {
          await engine.refresh();
          await engine.load(entry);
        } else if (!syncedThisSession) void engine.refresh();
      },

      async changed(change) {
        if (change.kind !== 'records') return false;
        syncedAt = Math.max(syncedAt ?? 0, change.syncedAt);
        if (change.changed) await reloadAll();
        return true;
      },
    };
  });
}
