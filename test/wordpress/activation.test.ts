// The installable zip activates on WordPress 6.6 and its pages load without any PHP error.
import { describe, expect, inject, it } from 'vitest';
import { Session, phpErrors } from '../support/http.ts';
import { logMark, logSince, wpEval } from '../support/wordpress-site.ts';

const site = inject('site');

describe('the Clearframe plugin on a fresh WordPress 6.6', () => {
  it('is active and registers its block, options page and REST routes', async () => {
    const state = await wpEval<{ active: boolean; block: boolean; version: string }>(
      site,
      `do_action( 'rest_api_init' );
       return array(
         'active'  => is_plugin_active( 'clearframe/clearframe.php' ),
         'block'   => WP_Block_Type_Registry::get_instance()->is_registered( 'clearframe/image' ),
         'version' => $GLOBALS['wp_version'],
       );`,
    );
    expect(state).toEqual({ active: true, block: true, version: expect.stringMatching(/^6\.6/) });
  });

  it('serves the front page, the block editor and its settings page with WP_DEBUG on and nothing in debug.log', async () => {
    const mark = logMark(site);
    const front = await fetch(site.url + '/');
    expect(front.status).toBe(200);
    const admin = await Session.admin(site);
    const settings = await admin.get('/wp-admin/options-general.php?page=clearframe');
    expect(settings).toContain('id="clearframe-test-connection"');
    const editor = await admin.get('/wp-admin/post-new.php');
    expect(editor).toContain('clearframe-image-editor-script');
    const plugins = await admin.get('/wp-admin/plugins.php');
    expect(plugins).toContain('options-general.php?page=clearframe');
    expect(logSince(site, mark)).toEqual([]);
  });

  it('speaks the site language: Swedish settings page and editor script strings', async () => {
    await wpEval(site, `update_option( 'cf_e2e_locale', 'sv_SE' ); return true;`);
    try {
      const admin = await Session.admin(site);
      const settings = await admin.get('/wp-admin/options-general.php?page=clearframe');
      expect(settings).toContain('Testa anslutningen');
      expect(settings).toContain('Publiceringsnyckel');
      // The editor script's strings come from languages/clearframe-sv_SE-<handle>.json.
      const editor = await admin.get('/wp-admin/post-new.php');
      expect(editor).toContain('Alternativtext');
    } finally {
      await wpEval(site, `delete_option( 'cf_e2e_locale' ); return true;`);
    }
  });

  it('leaves no PHP error behind', () => {
    expect(phpErrors(logSince(site, 0))).toEqual([]);
  });
});
