// What the plugin's scripts share through `window`: the picker script's API, and the settings
// PHP prints before it (Clearframe_Block::editor_settings()).
import type { PickerSource } from '@clearframe/picker';

export interface ClearframePicker {
  /** The one source of this page's pickers (created on first use). */
  source(): PickerSource;
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

/** The plugin's thumbnail route for an asset (a redirect to its public thumbnail). */
export function thumbUrl(settings: ClearframeEditorSettings, assetId: string): string {
  return `${settings.restRoot}clearframe/v1/thumb/${encodeURIComponent(assetId)}?_wpnonce=${encodeURIComponent(settings.nonce)}`;
}

declare global {
  interface Window {
    clearframePicker?: ClearframePicker;
    clearframeEditor?: ClearframeEditorSettings;
  }
}
