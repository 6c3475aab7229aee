import { describe, expect, it } from 'vitest';
import { createUserStore, type KeyValueStorage } from '../hosts/user-storage.js';
import {
  forgetEditorKey,
  loadEditorKey,
  loadSettings,
  saveChannel,
  saveCheckOnOpen,
  saveEditorKey,
} from './settings.js';

/** A localStorage double: a Map behind the three methods the store uses. */
function storageDouble(): KeyValueStorage & { entries: Map<string, string> } {
  const entries = new Map<string, string>();
  return {
    entries,
    getItem: (key) => entries.get(key) ?? null,
    setItem: (key, value) => void entries.set(key, value),
    removeItem: (key) => void entries.delete(key),
  };
}

/** Office.context as Word and PowerPoint present it: no roamingSettings, a partition key, document settings. */
function wordContextDouble() {
  const documentSettings = new Map<string, unknown>();
  return {
    documentSettings,
    office: {
      context: {
        partitionKey: 'partition-7:',
        roamingSettings: undefined,
        document: {
          settings: {
            set: (name: string, value: unknown) => void documentSettings.set(name, value),
          },
        },
      },
    },
  };
}

describe('pane settings', () => {
  it('uses the presentation channel in PowerPoint and print in Word until the user changes it', () => {
    const store = createUserStore(wordContextDouble().office, storageDouble());

    expect(loadSettings(store, 'powerpoint').channel).toBe('presentation');
    expect(loadSettings(store, 'word').channel).toBe('print');
  });

  it('remembers a chosen channel per host', async () => {
    const store = createUserStore(wordContextDouble().office, storageDouble());

    await saveChannel(store, 'word', 'intranet');

    expect(loadSettings(store, 'word').channel).toBe('intranet');
    expect(loadSettings(store, 'powerpoint').channel).toBe('presentation');
  });

  it('checks the document on open only when the user turned it on', async () => {
    const store = createUserStore(wordContextDouble().office, storageDouble());
    expect(loadSettings(store, 'word').checkOnOpen).toBe(false);

    await saveCheckOnOpen(store, true);

    expect(loadSettings(store, 'word').checkOnOpen).toBe(true);
  });

  it('keeps the editor key out of the document, in the user’s partitioned storage', async () => {
    const { office, documentSettings } = wordContextDouble();
    const storage = storageDouble();
    const store = createUserStore(office, storage);

    await saveEditorKey(store, ' cf_ed_3f9a ');

    expect(loadEditorKey(store)).toBe('cf_ed_3f9a');
    expect(documentSettings.size).toBe(0);
    expect([...storage.entries]).toEqual([['partition-7:clearframe.editorKey', 'cf_ed_3f9a']]);
  });

  it('uses roaming settings where Office offers them', async () => {
    const saved = new Map<string, unknown>();
    const pending = new Map<string, unknown>();
    const roamingSettings = {
      get: (name: string) => saved.get(name) ?? pending.get(name),
      set: (name: string, value: unknown) => void pending.set(name, value),
      remove: (name: string) => void pending.set(name, undefined),
      saveAsync: (callback?: (result: Office.AsyncResult<void>) => void) => {
        for (const [name, value] of pending) {
          if (value === undefined) saved.delete(name);
          else saved.set(name, value);
        }
        pending.clear();
        callback?.({ status: 'succeeded' } as unknown as Office.AsyncResult<void>);
      },
    };
    const store = createUserStore({ context: { roamingSettings } }, storageDouble());

    await saveEditorKey(store, 'cf_ed_roams');

    expect(store.kind).toBe('roaming');
    expect(saved.get('clearframe.editorKey')).toBe('cf_ed_roams');
  });

  it('refuses something that is not an editor key, and forgets a key on request', async () => {
    const store = createUserStore(wordContextDouble().office, storageDouble());

    await expect(saveEditorKey(store, 'cf_pk_public')).rejects.toThrow(/cf_ed_/);
    await saveEditorKey(store, 'cf_ed_abc');
    await forgetEditorKey(store);

    expect(loadEditorKey(store)).toBeNull();
  });
});
