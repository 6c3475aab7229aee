// The pane's settings per user: channel per host, check-on-open, and the editor key.

import type { HostKind } from '../hosts/host-adapter.js';
import type { UserStore } from '../hosts/user-storage.js';

/** Decks go to the `presentation` channel, Word documents mostly to `print`. */
export const DEFAULT_CHANNELS: Record<HostKind, string> = {
  powerpoint: 'presentation',
  word: 'print',
};

/** The demo registry (`pnpm start` in registry/). */
export const DEFAULT_REGISTRY_URL = 'http://localhost:8787';

const Key = {
  channel: (host: HostKind) => `clearframe.channel.${host}`,
  checkOnOpen: 'clearframe.checkOnOpen',
  editorKey: 'clearframe.editorKey',
  registryUrl: 'clearframe.registryUrl',
  signIn: 'clearframe.signIn',
} as const;

/** How the pane proves who the user is: an editor API key, or a registry user session (cookie). */
export const SignInMethod = { key: 'key', session: 'session' } as const;
export type SignInMethod = (typeof SignInMethod)[keyof typeof SignInMethod];

export interface PaneSettings {
  /** The channel verdicts are asked for in this host. */
  channel: string;
  /** Run "Check this document" when the pane opens. */
  checkOnOpen: boolean;
  /** The registry's URL (origin, optionally with a path prefix). */
  registryUrl: string;
  /** Null until the user has signed in once. */
  signIn: SignInMethod | null;
}

export function loadSettings(store: UserStore, host: HostKind): PaneSettings {
  return {
    channel: store.get(Key.channel(host)) ?? DEFAULT_CHANNELS[host],
    checkOnOpen: store.get(Key.checkOnOpen) === 'true',
    registryUrl: store.get(Key.registryUrl) ?? DEFAULT_REGISTRY_URL,
    signIn: parseSignIn(store.get(Key.signIn)),
  };
}

/** The registry URL the user saved, or null before the first sign-in. */
export function savedRegistryUrl(store: UserStore): string | null {
  return store.get(Key.registryUrl) ?? null;
}

function parseSignIn(value: string | undefined): SignInMethod | null {
  return value === SignInMethod.key || value === SignInMethod.session ? value : null;
}

/** An http(s) URL without credentials, query or fragment; stored as given, minus whitespace. */
export async function saveRegistryUrl(store: UserStore, url: string): Promise<string> {
  const trimmed = url.trim();
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    throw new RangeError('the registry URL is not a URL');
  }
  if (!/^https?:$/.test(parsed.protocol) || parsed.username || parsed.search || parsed.hash) {
    throw new RangeError('the registry URL must be http(s)://host[:port][/path]');
  }
  await store.set(Key.registryUrl, trimmed);
  return trimmed;
}

export async function saveSignIn(store: UserStore, method: SignInMethod | null): Promise<void> {
  if (method === null) await store.remove(Key.signIn);
  else await store.set(Key.signIn, method);
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

/** The organisation last seen behind a registry URL, so the pane opens its cache offline too. */
export function loadOrgId(store: UserStore, registryUrl: string): string | null {
  return store.get(`clearframe.orgId:${registryUrl}`) ?? null;
}

export async function saveOrgId(
  store: UserStore,
  registryUrl: string,
  orgId: string,
): Promise<void> {
  await store.set(`clearframe.orgId:${registryUrl}`, orgId);
}
