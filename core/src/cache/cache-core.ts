// What the editor and public caches share: a store in IndexedDB that falls back to memory (with
// one warning) when IndexedDB is missing or failing, and the coordination between tabs.
import { createCoordination } from './coordination.js';
import type { CacheMessage, CoordinationOptions } from './coordination.js';
import type { PublicStore } from './store.js';

export interface CoreOptions extends CoordinationOptions {
  /**
   * Names the database, the lock and the broadcast channel: one per registry and credential scope
   * (for example the registry's URL plus the organisation).
   */
  registry: string;
  /** Default the global `indexedDB`; null keeps the cache in memory. */
  indexedDB?: IDBFactory | null;
  now?: () => number;
}

/** Something new in the cache, written by this tab or announced by another. */
export type CacheChange = CacheMessage;

/** A cache's changes: this tab's listeners and, while the storage is shared, the other tabs. */
export interface ChangeHub {
  /** Runs `work` while no other tab of the origin runs it (only shared storage needs that). */
  exclusive<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T>;
  /** Tells this tab's listeners, and the other tabs while they share the storage. */
  publish(change: CacheChange): void;
  onChange(listener: (change: CacheChange) => void): () => void;
  close(): void;
}

/** `shared`: whether the storage is IndexedDB, which the other tabs of the origin see too. */
export function createChangeHub(
  name: string,
  options: CoordinationOptions,
  shared: () => boolean,
): ChangeHub {
  const listeners = new Set<(change: CacheChange) => void>();
  const deliver = (change: CacheChange) => notify(listeners, change);
  const coordination = createCoordination(name, options, deliver);
  return {
    exclusive: (work, signal) => (shared() ? coordination.exclusive(work, signal) : work()),
    publish(change) {
      deliver(change);
      if (shared()) coordination.announce(change);
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      coordination.close();
      listeners.clear();
    },
  };
}

export interface CacheCore<S extends PublicStore> extends ChangeHub {
  readonly registry: string;
  readonly storage: 'indexeddb' | 'memory';
  readonly now: () => number;
  /** Runs an operation on the store; if IndexedDB fails, moves to memory and runs it there. */
  run<T>(operation: (target: S) => Promise<T>): Promise<T>;
}

export function createCacheCore<S extends PublicStore>(
  options: CoreOptions,
  openIdb: (factory: IDBFactory, name: string) => Promise<S>,
  inMemory: (snapshot: Awaited<ReturnType<S['snapshot']>> | undefined) => S,
): CacheCore<S> {
  const { registry } = options;
  // Other tabs share the data only through IndexedDB.
  const hub = createChangeHub(
    `clearframe-sync:${registry}`,
    options,
    () => storage === 'indexeddb',
  );
  let warned = false;
  let storage: CacheCore<S>['storage'] = 'indexeddb';
  let store: Promise<S> = openInitial();

  async function openInitial(): Promise<S> {
    const factory =
      options.indexedDB === undefined ? globalThis.indexedDB : (options.indexedDB ?? undefined);
    if (!factory) return toMemory(undefined, new Error('IndexedDB is not available here'));
    try {
      return await openIdb(factory, `clearframe:${registry}`);
    } catch (error) {
      return toMemory(undefined, error);
    }
  }

  async function toMemory(failed: S | undefined, error: unknown): Promise<S> {
    storage = 'memory';
    if (!warned) {
      warned = true;
      console.warn(
        `Clearframe: IndexedDB failed (${describe(error)}); the consent cache of ${registry} is kept in memory for this page.`,
        error,
      );
    }
    // Keep what can still be read, so a full disk costs no resync; otherwise start empty.
    const snapshot = (await failed?.snapshot().catch(() => undefined)) as
      Awaited<ReturnType<S['snapshot']>> | undefined;
    try {
      failed?.close();
    } catch {
      // Already closed by the browser.
    }
    return inMemory(snapshot);
  }

  return {
    registry,
    get storage() {
      return storage;
    },
    now: options.now ?? (() => Date.now()),

    async run(operation) {
      const pending = store;
      const target = await pending;
      try {
        return await operation(target);
      } catch (error) {
        if (target.kind === 'memory') throw error;
        if (store === pending) store = toMemory(target, error);
        return operation(await store);
      }
    },

    exclusive: hub.exclusive,
    publish: hub.publish,
    onChange: hub.onChange,

    close() {
      hub.close();
      void store.then((target) => target.close()).catch(() => undefined);
    },
  };
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

/** Calls each listener with `change`; one that throws is reported and keeps no other from it. */
export function notify(
  listeners: Iterable<(change: CacheChange) => void>,
  change: CacheChange,
): void {
  for (const listener of listeners) {
    try {
      listener(change);
    } catch (error) {
      report(error);
    }
  }
}

export function report(error: unknown): void {
  if (typeof globalThis.reportError === 'function') globalThis.reportError(error);
  else console.error(error);
}
