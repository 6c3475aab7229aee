// What the plugin's scripts share through `window`: the picker script's API, and the settings
// PHP prints before it (Clearframe_Block::editor_settings()).
import type { ApprovalView } from '@clearframe/core';
import type { PickerSource } from '@clearframe/picker';

export interface ClearframePicker {
  /** The one source of this page's pickers (created on first use). */
  source(): PickerSource;
  /**
   * The verdict of an asset in the site's channel, live: called back with the first view, then
   * whenever it changes (a sync that changed the records, the instant an approval ends, the data
   * going stale). Every block and the pre-publish check share one editor cache and approvals.
   * Returns the unsubscribe function.
   */
  watch(assetId: string, callback: (view: ApprovalView) => void): () => void;
  /** Brings the editor cache up to date with the registry now (watchers hear of any change). */
  refresh(): Promise<void>;
  /**
   * Calls back with the time zone of the registry's policy (in which a consent's last day is
   * read) as soon as it is known from the synced records. Returns the unsubscribe function.
   */
  timeZone(callback: (zone: string) => void): () => void;
}

export interface ClearframeEditorSettings {
  channel: string;
  behavior: 'block' | 'warn';
  lang: string;
  /** The REST API's root URL, ending with a slash. */
  restRoot: string;
  /** A `wp_rest` nonce, for thumbnails loaded by <img>. */
  nonce: string;
}

/**
 * The plugin's thumbnail route for an asset: the registry's editor thumbnail, whatever the
 * verdict, fetched by the plugin with the editor key and loaded by an `<img>` with the nonce.
 */
export function thumbUrl(settings: ClearframeEditorSettings, assetId: string): string {
  return `${settings.restRoot}clearframe/v1/thumb/${encodeURIComponent(assetId)}?_wpnonce=${encodeURIComponent(settings.nonce)}`;
}

/**
 * The picker's items with the thumbnails a WordPress editor can load: the plugin's route for every
 * picture, blocked ones included (editors are staff, and the picker lists those too, with the
 * reason). The change feed's own `thumbUrl` is the registry's editor route (relative to the
 * registry, and behind the editor key, which never reaches the browser here): never used as it is.
 */
export function withPluginThumbs<T extends { id: string; thumbUrl?: string | null }>(
  settings: ClearframeEditorSettings,
  items: readonly T[],
): T[] {
  return items.map((item) => ({ ...item, thumbUrl: thumbUrl(settings, item.id) }));
}

declare global {
  interface Window {
    clearframePicker?: ClearframePicker;
    clearframeEditor?: ClearframeEditorSettings;
  }
}
