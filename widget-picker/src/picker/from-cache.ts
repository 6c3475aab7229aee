// A picker source over core's editor cache and approvals service (editor mode).
import type { Approvals, ApprovalView, ConsentCache } from '@clearframe/core';
import type { PickerItem, PickerSource, PickerVerdict } from './types.js';

export interface FromCacheOptions {
  /**
   * The assets to list. The cache cannot enumerate its assets yet, so the host says which
   * (for example the ids of the synced asset records it keeps, or of a folder).
   */
  assetIds: () => readonly string[] | Promise<readonly string[]>;
  /** The language whose alt text is used, falling back to the first one. */
  lang?: string;
  /** Names of the persons an asset tags, when the host has them (editor verdicts carry them). */
  personNames?: (assetId: string) => readonly string[] | undefined;
  /**
   * Loads an asset's thumbnail with the editor's credential, for the source's `thumbnail()`.
   * `thumbUrl` is the synced record's: the registry's editor thumbnail relative to its base URL
   * (docs/api-contract.md), null when the asset has none, absent in a record synced before the
   * registry sent it. Without this option the items have no thumbnail.
   */
  thumbnail?: (
    asset: { id: string; thumbUrl?: string | null },
    options: { signal: AbortSignal },
  ) => Promise<Blob | null>;
}

/** The part of a view the picker keeps. */
export function toPickerVerdict(view: ApprovalView): PickerVerdict {
  const verdict: PickerVerdict = {
    status: view.status,
    approvedUntil: view.approvedUntil,
    stale: view.stale,
  };
  if (view.reasons) verdict.reasons = view.reasons;
  if (view.notice) verdict.notice = view.notice;
  return verdict;
}

export function fromCache(
  cache: Pick<ConsentCache, 'inputs'>,
  approvals: Pick<Approvals, 'verdict' | 'watch'>,
  options: FromCacheOptions,
): PickerSource {
  let listed: readonly string[] = [];
  const watchers = new Set<() => void>();
  /** The synced records' thumbUrl by asset id, as of the last list. */
  const thumbUrls = new Map<string, string | null | undefined>();
  const load = options.thumbnail;

  const source: PickerSource = {
    async list(channel, { signal } = {}) {
      const ids = await options.assetIds();
      signal?.throwIfAborted();
      // Verdicts first: on a fresh cache the service syncs before answering, and the records
      // are read after that.
      const allViews = await Promise.all(ids.map((id) => approvals.verdict(id, channel)));
      signal?.throwIfAborted();
      const inputs = await cache.inputs(ids);
      signal?.throwIfAborted();
      const views = allViews.filter((_, index) => inputs.has(ids[index] as string));
      const known = ids.filter((id) => inputs.has(id));
      listed = known;
      for (const resubscribe of watchers) resubscribe();
      thumbUrls.clear();
      return known.map((id, index): PickerItem => {
        const asset = inputs.get(id)?.asset;
        thumbUrls.set(id, asset?.thumbUrl);
        const item: PickerItem = {
          id,
          title: asset?.title ?? id,
          tags: asset?.tags ?? [],
          // The feed's thumbUrl is no <img> address (it needs the credential): thumbnail() uses it.
          thumbUrl: null,
          width: asset?.width ?? null,
          height: asset?.height ?? null,
          verdict: toPickerVerdict(views[index] as ApprovalView),
        };
        const alt = asset?.alt;
        const text = alt && ((options.lang && alt[options.lang]) || Object.values(alt)[0]);
        if (text) item.alt = text;
        const names = options.personNames?.(id);
        if (names) item.personNames = names;
        return item;
      });
    },

    watch(channel, callback) {
      let unwatchAll: (() => void)[] = [];
      let pending: Map<string, PickerVerdict> | undefined;
      const subscribe = () => {
        for (const unwatch of unwatchAll) unwatch();
        unwatchAll = listed.map((id) =>
          approvals.watch(id, channel, (view) => {
            // Many assets change at one instant (a sync, a policy): one callback per tick.
            if (!pending) {
              pending = new Map();
              queueMicrotask(() => {
                const changed = pending;
                pending = undefined;
                if (changed) callback(changed);
              });
            }
            pending.set(id, toPickerVerdict(view));
          }),
        );
      };
      subscribe();
      watchers.add(subscribe);
      return () => {
        watchers.delete(subscribe);
        for (const unwatch of unwatchAll) unwatch();
        unwatchAll = [];
      };
    },
  };
  if (load) {
    source.thumbnail = (item, { signal }) => {
      const thumbUrl = thumbUrls.get(item.id);
      return load(thumbUrl === undefined ? { id: item.id } : { id: item.id, thumbUrl }, { signal });
    };
  }
  return source;
}
