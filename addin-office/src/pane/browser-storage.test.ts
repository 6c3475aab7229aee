import { describe, expect, it } from 'vitest';
import { openPaneStorage } from './browser-storage.js';

function localStorageDouble(): Storage {
  const entries = new Map<string, string>();
  return {
    get length() {
      return entries.size;
    },
    clear: () => entries.clear(),
    key: (index) => [...entries.keys()][index] ?? null,
    getItem: (key) => entries.get(key) ?? null,
    setItem: (key, value) => void entries.set(key, value),
    removeItem: (key) => void entries.delete(key),
  };
}

describe('the pane’s browser storage', () => {
  it('is localStorage where the browser allows it, and leaves no probe behind', () => {
    const localStorage = localStorageDouble();

    const opened = openPaneStorage({ localStorage });

    expect(opened).toEqual({ storage: localStorage, persistent: true });
    expect(localStorage.length).toBe(0);
  });

  it('is memory where reading localStorage throws, as in a third-party iframe with storage blocked', () => {
    const scope = {
      get localStorage(): Storage {
        throw new DOMException('Access is denied for this document.', 'SecurityError');
      },
    };

    const { storage, persistent } = openPaneStorage(scope);
    storage.setItem('clearframe.signIn', 'session');

    expect(persistent).toBe(false);
    expect(storage.getItem('clearframe.signIn')).toBe('session');
    expect(openPaneStorage(scope).storage.getItem('clearframe.signIn')).toBeNull();
  });

  it('is memory where localStorage refuses writes', () => {
    const localStorage = localStorageDouble();
    localStorage.setItem = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };

    expect(openPaneStorage({ localStorage }).persistent).toBe(false);
  });
});
