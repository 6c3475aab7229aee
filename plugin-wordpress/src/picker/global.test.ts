import { describe, expect, it } from 'vitest';
import { thumbUrl, withPluginThumbs, type ClearframeEditorSettings } from './global';

const settings: ClearframeEditorSettings = {
  channel: 'web',
  behavior: 'warn',
  lang: 'en',
  restRoot: 'https://site.example/wp-json/',
  nonce: 'n0nce',
};

describe('the picker’s thumbnails in WordPress', () => {
  it('are the plugin’s route for every picture, whatever the feed says', () => {
    const items = withPluginThumbs(settings, [
      { id: 'ast_1', thumbUrl: 'v1/assets/ast_1/thumb', verdict: { status: 'approved' } },
      { id: 'ast_2', thumbUrl: null, verdict: { status: 'expiring' } },
      { id: 'ast_3', verdict: { status: 'approved' } },
    ]);

    expect(items.map((item) => item.thumbUrl)).toEqual([
      'https://site.example/wp-json/clearframe/v1/thumb/ast_1?_wpnonce=n0nce',
      thumbUrl(settings, 'ast_2'),
      thumbUrl(settings, 'ast_3'),
    ]);
  });

  it('are the plugin’s route for a blocked picture too, never the registry’s editor route', () => {
    const [blocked] = withPluginThumbs(settings, [
      {
        id: 'ast_4',
        title: 'Kept',
        thumbUrl: 'v1/assets/ast_4/thumb',
        verdict: { status: 'blocked' },
      },
    ]);

    // Editors see blocked pictures too (the plugin fetches the registry's editor thumbnail with
    // the key). The registry's route itself is relative to the registry and needs the editor key:
    // an <img> in wp-admin would ask WordPress for it and show a broken picture.
    expect(blocked).toEqual({
      id: 'ast_4',
      title: 'Kept',
      thumbUrl: 'https://site.example/wp-json/clearframe/v1/thumb/ast_4?_wpnonce=n0nce',
      verdict: { status: 'blocked' },
    });
  });

  it('escape the asset id and the nonce', () => {
    expect(thumbUrl({ ...settings, nonce: 'a&b' }, 'x/../sync')).toBe(
      'https://site.example/wp-json/clearframe/v1/thumb/x%2F..%2Fsync?_wpnonce=a%26b',
    );
  });
});
