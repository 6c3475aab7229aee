// Thumbnails for the picker: the registry's editor route (the change feed's thumbUrl) fetched
// with the credential the pane signed in with, since an <img> cannot send an editor key. The
// picker asks only for the tiles in view and turns the bytes into object URLs it revokes.

import type { Credential } from '@clearframe/core';

/** An asset as the picker's source hands it over: its id and the synced record's thumbUrl. */
export interface ThumbnailAsset {
  id: string;
  /** Relative to the registry's base URL; null: none; absent: a record synced before the field. */
  thumbUrl?: string | null;
}

/**
 * Where the thumbnail is, under `baseUrl` (the registry, or the pane server's proxy for it), or
 * null when there is none or the record names a place outside the registry: the credential is
 * sent nowhere else.
 */
export function thumbnailUrl(asset: ThumbnailAsset, baseUrl: string): URL | null {
  if (asset.thumbUrl === null) return null;
  // Records cached before the registry sent thumbUrl: the same route, built from the id.
  const reference = asset.thumbUrl ?? `v1/assets/${encodeURIComponent(asset.id)}/thumb`;
  let url: URL;
  try {
    url = new URL(reference, baseUrl);
  } catch {
    return null;
  }
  const base = new URL(baseUrl);
  return url.origin === base.origin && url.pathname.startsWith(base.pathname) ? url : null;
}

/**
 * The thumbnail's bytes, or null when the registry has none for this caller (404, or any
 * answer that is not an image). Rejects when the registry cannot be reached or `signal` aborts.
 */
export async function fetchThumbnail(
  asset: ThumbnailAsset,
  options: {
    baseUrl: string;
    credential: Credential;
    signal: AbortSignal;
    fetch: typeof fetch;
  },
): Promise<Blob | null> {
  const url = thumbnailUrl(asset, options.baseUrl);
  if (url === null) return null;
  const { credential } = options;
  const response = await options.fetch(url, {
    // Through the proxy the session cookie is the pane origin's own; the key goes in a header.
    credentials: credential.kind === 'session' ? 'include' : 'omit',
    headers: credential.kind === 'session' ? {} : { authorization: `Bearer ${credential.key}` },
    signal: options.signal,
  });
  if (!response.ok || !(response.headers.get('content-type') ?? '').startsWith('image/')) {
    await response.body?.cancel().catch(() => undefined);
    return null;
  }
  return response.blob();
}
