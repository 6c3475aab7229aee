// The approvals service: what surfaces ask, kept right as time passes and the registry changes.
import type { StoredPublicVerdict } from '../cache/schema.js';
import type { CachedInputs } from '../cache/store.js';
import type { CacheChange } from '../cache/consent-cache.js';
import { createAlarm, MAX_TIMER_DELAY } from './alarm.js';
import type { Timers } from './alarm.js';
import { createBatch } from './batch.js';
import type {
  ApprovalCallback,
  ApprovalView,
  Approvals,
  ApprovalsOptions,
  ConnectivitySource,
  VisibilitySource,
} from './types.js';
import { editorView, errorInfo, publicView, signature } from './view.js';
import type { Derived, ErrorInfo } from './view.js';

export const APPROVALS_DEFAULTS = {
  refreshIntervalMs: 60_000,
  maxStalenessMs: 15 * 60_000,
} as const;

// After `visibilitychange` or `online`, a refresh by any tab this recent is recent enough.
const EVENT_FRESH_MS = 5_000;

interface Watcher {
  callback: ApprovalCallback;
  shown?: string;
}

interface Entry {
  assetId: string;
  channel: string;
  watchers: Set<Watcher>;
  /** Public mode: undefined until read from the cache, null when it holds none. */
  stored?: StoredPublicVerdict | null;
  /** Editor mode: undefined until read from the cache, null when the asset is not synced. */
  inputs?: CachedInputs | null;
  /** Watchers hear nothing until the first load (and fetch, if needed) is over. */
  ready: boolean;
  preparing?: Promise<void>;
  wakeAt: number;
}

const keyOf = (assetId: string, channel: string) => `${channel}\n${assetId}`;

export function createApprovals(options: ApprovalsOptions): Approvals {
  const { client, cache, mode } = options;
  const refreshIntervalMs = options.refreshIntervalMs ?? APPROVALS_DEFAULTS.refreshIntervalMs;
  const maxStalenessMs = options.maxStalenessMs ?? APPROVALS_DEFAULTS.maxStalenessMs;
  if (!(refreshIntervalMs > 0 && refreshIntervalMs <= MAX_TIMER_DELAY))
    throw new RangeError(`refreshIntervalMs must be between 1 and ${MAX_TIMER_DELAY}`);
  if (!(maxStalenessMs > 0)) throw new RangeError('maxStalenessMs must be positive');
  const timers: Timers = {
    now: options.now ?? (() => Date.now()),
    setTimer: options.setTimer ?? ((callback, ms) => setTimeout(callback, ms)),
    clearTimer:
      options.clearTimer ??
      ((handle) => clearTimeout(handle as Parameters<typeof clearTimeout>[0])),
  };
  const { now } = timers;
  const doc: VisibilitySource | null =
    options.document === undefined ? (globalThis.document ?? null) : options.document;
  const win: ConnectivitySource | null =
    options.window === undefined ? (globalThis.window ?? null) : options.window;

  const watched = new Map<string, Entry>();
  const inFlight = new Set<Promise<unknown>>();
  let lastError: ErrorInfo | undefined;
  /** Editor mode: when the last complete sync started; undefined until read from the cache. */
  let syncedAt: number | null | undefined;
  let syncedThisSession = false;
  let refreshing: Promise<void> | undefined;
  let started = false;
  let disposed = false;
  let intervalHandle: unknown;
  let stopListening: (() => void) | undefined;
  const alarm = createAlarm(timers, onAlarm);

  function track<T>(promise: Promise<T>): Promise<T> {
    inFlight.add(promise);
    void promise.finally(() => inFlight.delete(promise)).catch(() => undefined);
    return promise;
  }

  // ---- views

  function derive(entry: Entry, at: number): Derived {
    const base = { assetId: entry.assetId, channel: entry.channel, maxStalenessMs, lastError };
    return mode === 'public'
      ? publicView(base, entry.stored, at)
      : editorView(base, entry.inputs, syncedAt ?? null, at);
  }

  function show(entry: Entry, at = now()): ApprovalView {
    const { view, wakeAt } = derive(entry, at);
    entry.wakeAt = wakeAt;
    if (!entry.ready) return view;
    const shown = signature(view);
    for (const watcher of entry.watchers) {
      if (watcher.shown === shown) continue;
      watcher.shown = shown;
      try {
        watcher.callback(view);
      } catch (error) {
        report(error);
      }
    }
    return view;
  }

  function showAll() {
    const at = now();
    for (const entry of watched.values()) show(entry, at);
    schedule();
  }

  /** One timer for every watched asset: the earliest instant at which any view may change. */
  function schedule() {
    if (!started) return;
    let at = Infinity;
    for (const entry of watched.values()) if (entry.ready) at = Math.min(at, entry.wakeAt);
    alarm.set(at);
  }

  function onAlarm() {
    const at = now();
    const due: Entry[] = [];
    for (const entry of watched.values()) {
      if (entry.wakeAt > at) continue;
      show(entry, at);
      // A public verdict can only be renewed by the registry: ask it when its check is due.
      const next = entry.stored?.verdict.nextCheckAt;
      if (
        entry.stored &&
        next &&
        Date.parse(next) <= at &&
        entry.stored.fetchedAt < Date.parse(next)
      )
        due.push(entry);
    }
    schedule();
    if (due.length > 0) void Promise.all(due.map((entry) => fetchPublic(entry)));
  }

  // ---- loading from the cache, and asking the registry

  const loadBatch = createBatch<Entry>(async (entries) => {
    if (mode === 'editor') {
      const found = await cache.inputs(entries.map((entry) => entry.assetId));
      for (const entry of entries) entry.inputs = found.get(entry.assetId) ?? null;
      return;
    }
    for (const [channel, group] of byChannel(entries)) {
      const found = await cache.publicVerdicts(channel, ids(group));
      for (const entry of group) entry.stored = found.get(entry.assetId) ?? null;
    }
  });
  const load = (entry: Entry) => track(loadBatch(entry).catch(noteFailure));

  const fetchBatch = createBatch<Entry>(async (entries) => {
    for (const [channel, group] of byChannel(entries)) {
      try {
        const found = await cache.refreshPublicVerdicts(client, channel, ids(group));
        for (const entry of group) entry.stored = found.get(entry.assetId) ?? entry.stored ?? null;
        lastError = undefined;
      } catch (error) {
        noteFailure(error);
      }
    }
  });
  const fetchPublic = (entry: Entry) =>
    track(fetchBatch(entry)).then(() => {
      if (watched.get(keyOf(entry.assetId, entry.channel)) === entry) showAll();
    });

  async function syncState(): Promise<void> {
    if (syncedAt === undefined) syncedAt = (await cache.syncState()).syncedAt;
  }

  /** Asks the registry for everything watched; one at a time. */
  function refresh(freshForMs = 0): Promise<void> {
    refreshing ??= track(
      (async () => {
        try {
          if (mode === 'editor') {
            const outcome = await cache.sync(client, { freshForMs });
            syncedAt = Math.max(syncedAt ?? 0, outcome.syncedAt);
            syncedThisSession = true;
            lastError = undefined;
            if (outcome.changes > 0 || outcome.skipped)
              await Promise.all([...watched.values()].map(load));
          } else {
            for (const [channel, group] of byChannel([...watched.values()])) {
              const found = await cache.refreshPublicVerdicts(client, channel, ids(group), {
                freshForMs,
              });
              for (const entry of group)
                entry.stored = found.get(entry.assetId) ?? entry.stored ?? null;
            }
            lastError = undefined;
          }
        } catch (error) {
          noteFailure(error);
        } finally {
          refreshing = undefined;
          showAll();
        }
      })(),
    );
    return refreshing;
  }

  function noteFailure(error: unknown) {
    lastError = errorInfo(error);
  }

  /** Loads an entry from the cache, and waits for the registry only when nothing usable is cached. */
  async function prepare(entry: Entry): Promise<void> {
    await load(entry);
    const at = now();
    if (mode === 'editor') {
      await track(syncState().catch(noteFailure));
      if (syncedAt == null || (entry.inputs === null && !syncedThisSession)) {
        await refresh();
        await load(entry);
      } else if (!syncedThisSession) void refresh();
      return;
    }
    const stored = entry.stored;
    const expired =
      stored?.verdict.approvedUntil != null && Date.parse(stored.verdict.approvedUntil) <= at;
    if (!stored || at - stored.fetchedAt >= maxStalenessMs || expired) await fetchPublic(entry);
    else if (at - stored.fetchedAt >= refreshIntervalMs) void fetchPublic(entry);
  }

  // ---- timers and events, only while something is watched

  function start() {
    if (started || disposed) return;
    started = true;
    const tick = () => {
      intervalHandle = timers.setTimer(tick, refreshIntervalMs);
      void refresh(refreshIntervalMs / 2);
    };
    intervalHandle = timers.setTimer(tick, refreshIntervalMs);

    const onChange = (change: CacheChange) => void track(reactTo(change));
    const onVisible = () => {
      if (doc?.visibilityState !== 'visible') return;
      // Timers of hidden tabs are throttled: catch up with the clock first, then with the data.
      showAll();
      void refresh(EVENT_FRESH_MS);
    };
    const onOnline = () => void refresh(EVENT_FRESH_MS);
    const unsubscribe = cache.onChange(onChange);
    doc?.addEventListener('visibilitychange', onVisible);
    win?.addEventListener('online', onOnline);
    stopListening = () => {
      unsubscribe();
      doc?.removeEventListener('visibilitychange', onVisible);
      win?.removeEventListener('online', onOnline);
    };
    schedule();
  }

  function stop() {
    if (!started) return;
    started = false;
    alarm.clear();
    timers.clearTimer(intervalHandle);
    stopListening?.();
    stopListening = undefined;
  }

  /** New data written by another tab (or another service on this cache). */
  async function reactTo(change: CacheChange) {
    if (change.kind === 'records') {
      if (mode !== 'editor') return;
      syncedAt = Math.max(syncedAt ?? 0, change.syncedAt);
      if (change.changed) await Promise.all([...watched.values()].map(load));
    } else {
      if (mode !== 'public') return;
      const changed = new Set(change.assetIds);
      const entries = [...watched.values()].filter(
        (entry) => entry.channel === change.channel && changed.has(entry.assetId),
      );
      await Promise.all(entries.map(load));
    }
    showAll();
  }

  // ---- the public face

  return {
    async verdict(assetId, channel) {
      const entry = watched.get(keyOf(assetId, channel));
      if (entry?.ready) return show(entry);
      const single: Entry = entry ?? {
        assetId,
        channel,
        watchers: new Set(),
        ready: false,
        wakeAt: Infinity,
      };
      await (single.preparing ?? track(prepare(single)));
      return derive(single, now()).view;
    },

    watch(assetId, channel, callback) {
      const key = keyOf(assetId, channel);
      let entry = watched.get(key);
      if (!entry) {
        entry = { assetId, channel, watchers: new Set(), ready: false, wakeAt: Infinity };
        watched.set(key, entry);
      }
      const watcher: Watcher = { callback };
      entry.watchers.add(watcher);
      start();
      const current = entry;
      if (current.ready) queueMicrotask(() => show(current));
      else
        current.preparing ??= track(
          prepare(current).finally(() => {
            current.ready = true;
            showAll();
          }),
        );
      return () => {
        current.watchers.delete(watcher);
        if (current.watchers.size > 0 || watched.get(key) !== current) return;
        watched.delete(key);
        if (watched.size === 0) stop();
        else schedule();
      };
    },

    refresh: () => refresh(0),

    async settled() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },

    dispose() {
      disposed = true;
      stop();
      watched.clear();
    },
  };
}

function byChannel(entries: Entry[]): Map<string, Entry[]> {
  const groups = new Map<string, Entry[]>();
  for (const entry of entries) {
    const group = groups.get(entry.channel);
    if (group) group.push(entry);
    else groups.set(entry.channel, [entry]);
  }
  return groups;
}

const ids = (entries: Entry[]) => entries.map((entry) => entry.assetId);

function report(error: unknown) {
  if (typeof globalThis.reportError === 'function') globalThis.reportError(error);
  else console.error(error);
}
