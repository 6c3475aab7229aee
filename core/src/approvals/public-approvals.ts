// Approvals on a public page: server verdicts, cached with when they were fetched and obeyed
// locally (hidden at approvedUntil, asked again at nextCheckAt, failing closed when stale).
import type { StoredPublicVerdict } from '../cache/schema.js';
import { createBatch } from './batch.js';
import { byChannel, createService, idsOf } from './service.js';
import type { Entry } from './service.js';
import type { Approvals, PublicApprovalsOptions } from './types.js';
import { publicView } from './view.js';

type PublicEntry = Entry<StoredPublicVerdict>;

export function createPublicApprovals(options: PublicApprovalsOptions): Approvals {
  const { client, cache } = options;

  return createService<StoredPublicVerdict>(options, cache, (engine) => {
    /** Asks the registry for the entries' verdicts and keeps what it said (or what was cached). */
    async function fetchGroups(entries: PublicEntry[], freshForMs = 0) {
      for (const [channel, group] of byChannel(entries)) {
        const found = await cache.refreshPublicVerdicts(client, channel, idsOf(group), {
          freshForMs,
        });
        for (const entry of group) entry.data = found.get(entry.assetId) ?? entry.data ?? null;
      }
    }

    const fetchBatch = createBatch<PublicEntry>(async (entries) => {
      // One channel failing must not keep the others' answers from the page.
      for (const [, group] of byChannel(entries)) {
        try {
          await fetchGroups(group);
          engine.succeeded();
        } catch (error) {
          engine.failed(error);
        }
      }
    });
    const fetchOne = (entry: PublicEntry) =>
      engine.track(fetchBatch(entry)).then(() => {
        if (engine.isWatched(entry)) engine.showAll();
      });

    return {
      derive: (entry, base, at) => publicView(base, entry.data, at),

      async load(entries) {
        for (const [channel, group] of byChannel(entries)) {
          const found = await cache.publicVerdicts(channel, idsOf(group));
          for (const entry of group) entry.data = found.get(entry.assetId) ?? null;
        }
      },

      async refresh(entries, freshForMs) {
        await fetchGroups(entries, freshForMs);
        engine.succeeded();
      },

      async prepare(entry) {
        await engine.load(entry);
        const at = engine.now();
        const stored = entry.data;
        const until = stored?.verdict.approvedUntil;
        const expired = until != null && Date.parse(until) <= at;
        if (!stored || at - stored.fetchedAt >= engine.maxStalenessMs || expired)
          await fetchOne(entry);
        else if (at - stored.fetchedAt >= engine.refreshIntervalMs) void fetchOne(entry);
      },

      rang(entries, at) {
        // A public verdict can only be renewed by the registry: ask it when its check is due.
        for (const entry of entries) {
          const next = entry.data?.verdict.nextCheckAt;
          if (
            entry.data &&
            next &&
            Date.parse(next) <= at &&
            entry.data.fetchedAt < Date.parse(next)
          )
            void fetchOne(entry);
        }
      },

      async changed(change) {
        if (change.kind !== 'public') return false;
        const changed = new Set(change.assetIds);
        const entries = engine
          .entries()
          .filter((entry) => entry.channel === change.channel && changed.has(entry.assetId));
        await Promise.all(entries.map(engine.load));
        return true;
      },
    };
  });
}
