// The pane's settings per user: channel per host, check-on-open, and the editor key.

import type { HostKind } from '../hosts/host-adapter.js';
import type { UserStore } from '../hosts/user-storage.js';

/** Decks go to the `presentation` channel, Word documents mostly to `print`. */
export const DEFAULT_CHANNELS: Record<HostKind, string> = {
  powerpoint: 'presentation',
  word: 'print',
};

const Key = {
  channel: (host: HostKind) => `clearframe.channel.${host}`,
  checkOnOpen: 'clearframe.checkOnOpen',
  editorKey: 'clearframe.editorKey',
} as const;

export interface PaneSettings {
  /** The channel verdicts are asked for in this host. */
  channel: string;
  /** Run "Check this document" when the pane opens. */
  checkOnOpen: boolean;
}

export function loadSettings(store: UserStore, host: HostKind): PaneSettings {
  return {
    channel: store.get(Key.channel(host)) ?? DEFAULT_CHANNELS[host],
    checkOnOpen: store.get(Key.checkOnOpen) === 'true',
  };
}

export async function saveChannel(
  store: UserStore,
  host: HostKind,
  channel: string,
): Promise<void> {
  const trimmed = channel.trim();
  if (trimmed === '') throw new RangeError('a channel name cannot be empty');
  await store.set(Key.channel(host), trimmed);
}

export async function saveCheckOnOpen(store: UserStore, on: boolean): Promise<void> {
  await store.set(Key.checkOnOpen, String(on));
}

/** Editor API keys look like `cf_ed_…` (docs/api-contract.md). */
const EDITOR_KEY = /^cf_ed_[A-Za-z0-9_-]+$/;

export function isEditorKey(value: string): boolean {
  return EDITOR_KEY.test(value);
}

export function loadEditorKey(store: UserStore): string | null {
  const key = store.get(Key.editorKey);
  return key !== undefined && isEditorKey(key) ? key : null;
}

/** Kept in per-user storage (hosts/user-storage.ts), never in the document. */
export async function saveEditorKey(store: UserStore, key: string): Promise<void> {
  const trimmed = key.trim();
  if (!isEditorKey(trimmed)) throw new RangeError('an editor key starts with cf_ed_');
  await store.set(Key.editorKey, trimmed);
}

export async function forgetEditorKey(store: UserStore): Promise<void> {
  await store.remove(Key.editorKey);
}
