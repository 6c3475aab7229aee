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
    /**
     * Asks the registry for the entries' verdicts and keeps what it said (or what was cached), a
     * channel at a time: one channel failing must not keep the others' answers from the page.
     */
    async function fetchGroups(entries: PublicEntry[], freshForMs = 0) {
      for (const [channel, group] of byChannel(entries)) {
        try {
          const found = await cache.refreshPublicVerdicts(client, channel, idsOf(group), {
            freshForMs,
          });
          for (const entry of group) entry.data = found.get(entry.assetId) ?? entry.data ?? null;
          engine.succeeded();
        } catch (error) {
          engine.failed(error);
        }
      }
    }

    const fetchBatch = createBatch<PublicEntry>((entries) => fetchGroups(entries));
    const fetchOne = (entry: PublicEntry) =>
      engine.track(fetchBatch(entry)).then(() => engine.showAll());

    return {
      derive: (entry, base, at) => publicView(base, entry.data, at),

      async load(entries) {
        for (const [channel, group] of byChannel(entries)) {
          const found = await cache.publicVerdicts(channel, idsOf(group));
          for (const entry of group) entry.data = found.get(entry.assetId) ?? null;
        }
      },

      refresh: fetchGroups,

      async prepare(entry) {
        await engine.load(entry);
        const at = engine.now();
        const stored = entry.data;
        const age = stored ? at - stored.fetchedAt : Infinity;
        const until = stored?.verdict.approvedUntil;
        if (age >= engine.maxStalenessMs || (until != null && Date.parse(until) <= at))
          await fetchOne(entry);
        else if (age >= engine.refreshIntervalMs) void fetchOne(entry);
      },

      rang(entries, at) {
        // A public verdict can only be renewed by the registry: ask it when its check is due.
        for (const entry of entries) {
          const stored = entry.data;
          const next = stored?.verdict.nextCheckAt;
          if (stored && next && Date.parse(next) <= at && stored.fetchedAt < Date.parse(next))
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
