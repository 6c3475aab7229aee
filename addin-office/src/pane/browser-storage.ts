// Where the pane keeps its settings and asset index: localStorage, or memory where the browser
// refuses it. In Office on the web the pane is a third-party iframe, and a browser that blocks
// third-party storage (Safari, a private window, "block third-party cookies") throws on the very
// read of `localStorage`; the pane must still open. Core's cache falls back to memory by itself
// when IndexedDB is refused the same way.

import type { KeyValueStorage } from '../hosts/user-storage.js';

export interface PaneStorage {
  storage: KeyValueStorage;
  /** False when nothing the pane stores outlives the page. */
  persistent: boolean;
}

const PROBE = 'clearframe.storageProbe';

export function openPaneStorage(scope: { localStorage?: Storage } = globalThis): PaneStorage {
  try {
    const storage = scope.localStorage;
    if (storage) {
      // Reading may be allowed while writing is not (a full quota, older Safari private mode).
      storage.setItem(PROBE, '1');
      storage.removeItem(PROBE);
      return { storage, persistent: true };
    }
  } catch {
    // SecurityError (access denied) or QuotaExceededError: memory below.
  }
  return { storage: memoryStorage(), persistent: false };
}

/** A Map behind the three Storage methods the pane uses; gone with the page. */
export function memoryStorage(): KeyValueStorage {
  const entries = new Map<string, string>();
  return {
    getItem: (key) => entries.get(key) ?? null,
    setItem: (key, value) => void entries.set(key, String(value)),
    removeItem: (key) => void entries.delete(key),
  };
}
