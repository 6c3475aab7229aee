// The approvals engine both modes share: watchers, one alarm for the earliest change, the refresh
// interval, visibilitychange and online. What a view is and how data arrives is the mode's.
import type { CacheChange } from '../cache/cache-core.js';
import { report } from '../cache/cache-core.js';
import { createAlarm, MAX_TIMER_DELAY } from './alarm.js';
import type { Timers } from './alarm.js';
import { createBatch } from './batch.js';
import type {
  ApprovalCallback,
  ApprovalView,
  Approvals,
  ConnectivitySource,
  ServiceOptions,
  VisibilitySource,
} from './types.js';
import { errorInfo, signature } from './view.js';
import type { Base, Derived, ErrorInfo } from './view.js';

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

/** One watched asset in one channel; `D` is what the mode reads from the cache for it. */
export interface Entry<D> {
  assetId: string;
  channel: string;
  watchers: Set<Watcher>;
  /** Undefined until read from the cache, null when the cache holds nothing for the asset. */
  data?: D | null;
  /** Watchers hear nothing until the first load (and fetch, if needed) is over. */
  ready: boolean;
  preparing?: Promise<void>;
  wakeAt: number;
}

/** What the engine offers a mode. */
export interface Engine<D> {
  readonly now: () => number;
  readonly maxStalenessMs: number;
  readonly refreshIntervalMs: number;
  entries(): Entry<D>[];
  isWatched(entry: Entry<D>): boolean;
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

const keyOf = (assetId: string, channel: string) => `${channel}\n${assetId}`;

export function createService<D>(
  options: ServiceOptions,
  cache: { onChange(listener: (change: CacheChange) => void): () => void },
  modeOf: (engine: Engine<D>) => Mode<D>,
): Approvals {
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

  type E = Entry<D>;
  const watched = new Map<string, E>();
  const inFlight = new Set<Promise<unknown>>();
  let lastError: ErrorInfo | undefined;
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

  const failed = (error: unknown) => {
    lastError = errorInfo(error);
  };

  // ---- views

  const derive = (entry: E, at: number) =>
    mode.derive(
      entry,
      { assetId: entry.assetId, channel: entry.channel, maxStalenessMs, lastError },
      at,
    );

  function show(entry: E, at = now()): ApprovalView {
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
    const rung: E[] = [];
    for (const entry of watched.values()) {
      if (entry.wakeAt > at) continue;
      show(entry, at);
      rung.push(entry);
    }
    schedule();
    mode.rang?.(rung, at);
  }

  // ---- loading from the cache, and asking the registry

  const loadBatch = createBatch<E>((entries) => mode.load(entries));

  /** Asks the registry for everything watched; one at a time. */
  function refresh(freshForMs = 0): Promise<void> {
    refreshing ??= track(
      (async () => {
        try {
          await mode.refresh([...watched.values()], freshForMs);
        } catch (error) {
          failed(error);
        } finally {
          refreshing = undefined;
          showAll();
        }
      })(),
    );
    return refreshing;
  }

  const engine: Engine<D> = {
    now,
    maxStalenessMs,
    refreshIntervalMs,
    entries: () => [...watched.values()],
    isWatched: (entry) => watched.get(keyOf(entry.assetId, entry.channel)) === entry,
    load: (entry) => track(loadBatch(entry).catch(failed)),
    refresh,
    track,
    failed,
    succeeded: () => {
      lastError = undefined;
    },
    showAll,
  };
  const mode = modeOf(engine);

  // ---- timers and events, only while something is watched

  function start() {
    if (started || disposed) return;
    started = true;
    const tick = () => {
      intervalHandle = timers.setTimer(tick, refreshIntervalMs);
      void refresh(refreshIntervalMs / 2);
    };
    intervalHandle = timers.setTimer(tick, refreshIntervalMs);

    const onChange = (change: CacheChange) =>
      void track(mode.changed(change).then((changed) => changed && showAll()));
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

  const newEntry = (assetId: string, channel: string): E => ({
    assetId,
    channel,
    watchers: new Set(),
    ready: false,
    wakeAt: Infinity,
  });

  // ---- the public face

  return {
    async verdict(assetId, channel) {
      const entry = watched.get(keyOf(assetId, channel));
      if (entry?.ready) return show(entry);
      const single = entry ?? newEntry(assetId, channel);
      await (single.preparing ?? track(mode.prepare(single)));
      return derive(single, now()).view;
    },

    watch(assetId, channel, callback) {
      const key = keyOf(assetId, channel);
      let entry = watched.get(key);
      if (!entry) {
        entry = newEntry(assetId, channel);
        watched.set(key, entry);
      }
      const watcher: Watcher = { callback };
      entry.watchers.add(watcher);
      start();
      const current = entry;
      if (current.ready) queueMicrotask(() => show(current));
      else
        current.preparing ??= track(
          mode.prepare(current).finally(() => {
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
