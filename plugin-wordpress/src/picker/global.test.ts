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
  it('are the plugin’s route for approved and expiring pictures, whatever the feed says', () => {
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

  it('are none for a blocked picture, even when the feed names the registry’s editor route', () => {
    const [blocked] = withPluginThumbs(settings, [
      {
        id: 'ast_4',
        title: 'Kept',
        thumbUrl: 'v1/assets/ast_4/thumb',
        verdict: { status: 'blocked' },
      },
    ]);

    // The registry's route is relative to the registry and needs the editor key: an <img> in
    // wp-admin would ask WordPress for it and show a broken picture.
    expect(blocked).toEqual({
      id: 'ast_4',
      title: 'Kept',
      thumbUrl: null,
      verdict: { status: 'blocked' },
    });
  });
});
