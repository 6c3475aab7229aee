// The approvals engine both modes share: watchers, one alarm for the earliest change, the refresh
// interval, visibilitychange and online. What a view is and how data arrives is the mode's.
import type { CacheChange } from '../cache/cache-core.js';
import { report } from '../cache/cache-core.js';
import { createAlarm, MAX_TIMER_DELAY } from './alarm.js';
import { createBatch } from './batch.js';
import type { ApprovalCallback, ApprovalView, Approvals, ServiceOptions } from './types.js';
import { errorInfo, signature } from './view.js';
import type { Base, Derived, ErrorInfo } from './view.js';

export const APPROVALS_DEFAULTS = {
  refreshIntervalMs: 60_000,
  maxStalenessMs: 15 * 60_000,
} as const;

// After `visibilitychange` or `online`, a refresh by any tab this recent is recent enough.
const EVENT_FRESH_MS = 5_000;

/** One watched asset in one channel; `D` is what the mode reads from the cache for it. */
export interface Entry<D> {
  assetId: string;
  channel: string;
  /** Each watcher's callback, with the signature of the last view it was given. */
  watchers: Map<{ callback: ApprovalCallback }, string | undefined>;
  /** Undefined until read from the cache, null when the cache holds nothing for the asset. */
  data?: D | null;
  /** Watchers hear nothing until the first load (and fetch, if needed) is over. */
  ready?: boolean;
  preparing?: Promise<void>;
  /** The next instant at which its view may change by time alone. */
  wakeAt: number;
}

/** What the engine offers a mode. */
export interface Engine<D> {
  readonly now: () => number;
  readonly maxStalenessMs: number;
  readonly refreshIntervalMs: number;
  entries(): Entry<D>[];
  /** Reads the entry from the cache, batched with the others of this tick; never rejects. */
  load(entry: Entry<D>): Promise<void>;
  /** Asks the registry for everything watched, one refresh at a time; never rejects. */
  refresh(freshForMs?: number): Promise<void>;
  track<T>(promise: Promise<T>): Promise<T>;
  /** The registry or the cache failed: views may say why. */
  failed(error: unknown): void;
  /** The registry answered: forget the last failure. */
  succeeded(): void;
  /** Derives every view now, calls back those that changed, sets the alarm. */
  showAll(): void;
}

/** What a mode tells the engine. */
export interface Mode<D> {
  derive(entry: Entry<D>, base: Base, at: number): Derived;
  /** Fills `data` of each entry from the cache. */
  load(entries: Entry<D>[]): Promise<void>;
  /** Asks the registry for the entries' data; calls `succeeded` once it answered. */
  refresh(entries: Entry<D>[], freshForMs: number): Promise<void>;
  /** Gets a new entry ready: from the cache, and from the registry when that is not enough. */
  prepare(entry: Entry<D>): Promise<void>;
  /** The alarm rang for these entries at `at` (their views were shown). */
  rang?(entries: Entry<D>[], at: number): void;
  /** New data in the cache, from this tab or another; resolves true when views may change. */
  changed(change: CacheChange): Promise<boolean>;
}

export function createService<D>(
  options: ServiceOptions,
  cache: { onChange(listener: (change: CacheChange) => void): () => void },
  modeOf: (engine: Engine<D>) => Mode<D>,
): Approvals {
  const {
    refreshIntervalMs = APPROVALS_DEFAULTS.refreshIntervalMs,
    maxStalenessMs = APPROVALS_DEFAULTS.maxStalenessMs,
    now = () => Date.now(),
    setTimer = (callback: () => void, ms: number) => setTimeout(callback, ms),
    clearTimer = (handle: unknown) => clearTimeout(handle as Parameters<typeof clearTimeout>[0]),
    document: doc = globalThis.document,
    window: win = globalThis.window,
  } = options;
  if (!(refreshIntervalMs > 0 && refreshIntervalMs <= MAX_TIMER_DELAY && maxStalenessMs > 0))
    throw new RangeError(
      `refreshIntervalMs must be from 1 to ${MAX_TIMER_DELAY} and maxStalenessMs positive`,
    );

  type E = Entry<D>;
  const watched = new Map<string, E>();
  const inFlight = new Set<Promise<unknown>>();
  let lastError: ErrorInfo | undefined;
  let refreshing: Promise<void> | undefined;
  let disposed = false;
  /** Stops the interval and the listeners; set while something is watched. */
  let stop: (() => void) | undefined;
  const alarm = createAlarm({ now, setTimer, clearTimer }, () => showAll(true));

  function track<T>(promise: Promise<T>): Promise<T> {
    inFlight.add(promise);
    void promise.finally(() => inFlight.delete(promise)).catch(() => undefined);
    return promise;
  }

  const failed = (error: unknown) => {
    lastError = errorInfo(error);
  };

  const derive = (entry: E, at: number) =>
    mode.derive(
      entry,
      { assetId: entry.assetId, channel: entry.channel, maxStalenessMs, lastError },
      at,
    );

  function show(entry: E, at = now()): ApprovalView {
    const { view, wakeAt } = derive(entry, at);
    entry.wakeAt = wakeAt;
    const shown = entry.ready && signature(view);
    for (const [watcher, last] of entry.watchers) {
      if (!shown || last === shown) continue;
      entry.watchers.set(watcher, shown);
      try {
        watcher.callback(view);
      } catch (error) {
        report(error);
      }
    }
    return view;
  }

  /**
   * Shows every view now and sets the one alarm for the earliest instant at which any may change
   * by time alone. From the alarm, tells the mode which entries it rang for.
   */
  function showAll(rang?: boolean) {
    const at = now();
    let wakeAt = Infinity;
    const due: E[] = [];
    for (const entry of watched.values()) {
      if (entry.wakeAt <= at) due.push(entry);
      show(entry, at);
      if (entry.ready) wakeAt = Math.min(wakeAt, entry.wakeAt);
    }
    if (stop) alarm.set(wakeAt);
    if (rang) mode.rang?.(due, at);
  }

  const loadBatch = createBatch<E>((entries) => mode.load(entries));

  /** Asks the registry for everything watched; one at a time. */
  function refresh(freshForMs = 0): Promise<void> {
    return (refreshing ??= track(
      mode
        .refresh([...watched.values()], freshForMs)
        .catch(failed)
        .finally(() => {
          refreshing = undefined;
          showAll();
        }),
    ));
  }

  const mode = modeOf({
    now,
    maxStalenessMs,
    refreshIntervalMs,
    entries: () => [...watched.values()],
    load: (entry) => track(loadBatch(entry).catch(failed)),
    refresh,
    track,
    failed,
    succeeded: () => {
      lastError = undefined;
    },
    showAll,
  });

  /** Timers and listeners, only while something is watched. */
  function start() {
    if (stop || disposed) return;
    const tick = () => {
      interval = setTimer(tick, refreshIntervalMs);
      void refresh(refreshIntervalMs / 2);
    };
    let interval = setTimer(tick, refreshIntervalMs);
    const onVisible = () => {
      if (doc?.visibilityState !== 'visible') return;
      // Timers of hidden tabs are throttled: catch up with the clock first, then with the data.
      showAll();
      void refresh(EVENT_FRESH_MS);
    };
    const onOnline = () => void refresh(EVENT_FRESH_MS);
    const unsubscribe = cache.onChange(
      (change) => void track(mode.changed(change).then((changed) => changed && showAll())),
    );
    doc?.addEventListener('visibilitychange', onVisible);
    win?.addEventListener('online', onOnline);
    stop = () => {
      stop = undefined;
      alarm.clear();
      clearTimer(interval);
      unsubscribe();
      doc?.removeEventListener('visibilitychange', onVisible);
      win?.removeEventListener('online', onOnline);
    };
  }

  const service: Approvals = {
    // The first view a watcher hears, which comes once the asset is ready.
    verdict: (assetId, channel) =>
      new Promise((resolve) => {
        const unwatch = service.watch(assetId, channel, (view) => {
          unwatch();
          resolve(view);
        });
      }),

    watch(assetId, channel, callback) {
      const key = `${channel}\n${assetId}`;
      const entry: E = watched.get(key) ?? {
        assetId,
        channel,
        watchers: new Map(),
        wakeAt: Infinity,
      };
      watched.set(key, entry);
      const watcher = { callback };
      entry.watchers.set(watcher, undefined);
      start();
      if (entry.ready) queueMicrotask(() => show(entry));
      else
        entry.preparing ??= track(
          mode.prepare(entry).finally(() => {
            entry.ready = true;
            showAll();
          }),
        );
      return () => {
        entry.watchers.delete(watcher);
        if (entry.watchers.size > 0 || watched.get(key) !== entry) return;
        watched.delete(key);
        if (watched.size === 0) stop?.();
        else showAll();
      };
    },

    refresh: () => refresh(0),

    async settled() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },

    dispose() {
      disposed = true;
      stop?.();
      watched.clear();
    },
  };
  return service;
}

/** Entries grouped by channel, for one cache read or request per channel. */
export function byChannel<D>(entries: Entry<D>[]): Map<string, Entry<D>[]> {
  const groups = new Map<string, Entry<D>[]>();
  for (const entry of entries) {
    const group = groups.get(entry.channel);
    if (group) group.push(entry);
    else groups.set(entry.channel, [entry]);
  }
  return groups;
}

export const idsOf = <D>(entries: Entry<D>[]): string[] => entries.map((entry) => entry.assetId);
