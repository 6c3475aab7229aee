// Deleting the plugin from the Plugins screen, as an administrator does (Deactivate, then Delete):
// uninstall.php removes its options, its cached verdicts and seen webhook events, and its post
// meta, leaves other plugins' data alone, and logs no PHP error. The plugin is installed again
// from the same zip afterwards, for the suites that follow.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { phpErrors } from '../support/http.ts';
import { closedUrl } from '../support/ports.ts';
import { logMark, logSince, wpEval } from '../support/wordpress-site.ts';
import { adminBrowser } from './block-editor.ts';
import { configure, createPost, imageBlock } from './configure.ts';

const run = promisify(execFile);
const site = inject('site');
const zip = join(import.meta.dirname, '../../plugin-wordpress/dist/clearframe.zip');
const pluginDir = join(site.dir, 'wp-content/plugins/clearframe');

let browser: Browser;
let page: Page;
let post: number;
/** The option rows of the transients set here (other suites leave more behind). */
let ours: string[];

interface Stored {
  options: string[];
  transients: string[];
  meta: string[];
  other: unknown;
}

/** What of the plugin's is left in the database (names only), and another plugin's transient. */
const stored = () =>
  wpEval<Stored>(
    site,
    `global $wpdb;
     $names = $wpdb->get_col( "SELECT option_name FROM {$wpdb->options}" );
     $keys  = $wpdb->get_col( "SELECT DISTINCT meta_key FROM {$wpdb->postmeta}" );
     return array(
       'options'    => array_values( array_filter( $names, static fn ( $n ) => str_starts_with( $n, 'clearframe_' ) ) ),
       'transients' => array_values( array_filter( $names, static fn ( $n ) => str_contains( $n, 'transient_clearframe_' ) || str_contains( $n, 'transient_timeout_clearframe_' ) ) ),
       'meta'       => array_values( array_filter( $keys, static fn ( $k ) => str_starts_with( $k, '_clearframe_' ) ) ),
       'other'      => get_transient( 'cf_e2e_other_plugin' ),
     );`,
  );

beforeAll(async () => {
  // Everything the plugin keeps: its six options (none at its default, which is not stored), a
  // cached verdict, a seen webhook event, the asset index and the usage bookkeeping of a
  // published post (whose report fails: nothing listens at the registry URL).
  await configure(site, {
    registryUrl: await closedUrl(),
    publishableKey: 'pk_uninstall_e2e_1234',
    editorKey: 'ek_uninstall_e2e_5678',
    webhookSecret: 'whsec_uninstall_e2e_9abc',
    channel: 'print',
  });
  post = (await createPost(site, 'Uninstall', imageBlock({ assetId: 'ast_uninstall' }))).id;
  ours = await wpEval<string[]>(
    site,
    `update_option( 'clearframe_editor_behavior', 'warn' );
     $verdict = Clearframe_Verdict_Client::transient_key( 'print', 'ast_uninstall' );
     $event   = Clearframe_Webhook::SEEN_PREFIX . md5( 'evt_uninstall' );
     set_transient( $verdict, array( 'status' => 'blocked' ), 600 );
     set_transient( $event, 1, 600 );
     update_post_meta( ${post}, Clearframe_Usages::URL_META, get_permalink( ${post} ) );
     set_transient( 'cf_e2e_other_plugin', 'kept', 600 );
     return array( "_transient_$verdict", "_transient_timeout_$verdict", "_transient_$event", "_transient_timeout_$event" );`,
  );
  ({ browser, page } = await adminBrowser(site));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  // Installed and active again, from the same zip, for the suites after this one.
  if (!existsSync(pluginDir)) {
    await run('unzip', ['-q', '-o', zip, '-d', join(site.dir, 'wp-content/plugins')]);
  }
  await wpEval(
    site,
    `$error = activate_plugin( 'clearframe/clearframe.php' );
     if ( is_wp_error( $error ) ) { throw new Exception( $error->get_error_message() ); }
     delete_transient( 'cf_e2e_other_plugin' );
     return true;`,
  );
});

describe('deleting the plugin', () => {
  it('has something to remove', async () => {
    const before = await stored();
    expect(before.options.sort()).toEqual([
      'clearframe_channel',
      'clearframe_editor_behavior',
      'clearframe_editor_key',
      'clearframe_publishable_key',
      'clearframe_registry_url',
      'clearframe_webhook_secret',
    ]);
    expect(before.transients).toEqual(expect.arrayContaining(ours));
    expect(before.meta.sort()).toEqual([
      '_clearframe_assets',
      '_clearframe_usage_pending',
      '_clearframe_usage_url',
    ]);
  });

  it('removes its options, transients and post meta when an administrator deletes it, and nothing else', async () => {
    const mark = logMark(site);
    await page.goto(`${site.url}/wp-admin/plugins.php`);
    const row = page.locator('tr[data-plugin="clearframe/clearframe.php"]');
    await row.getByRole('link', { name: 'Deactivate Clearframe' }).click();
    await page.getByText('Plugin deactivated.').waitFor();
    // WordPress asks before deleting a plugin and its data.
    page.once('dialog', (dialog) => void dialog.accept());
    await row.getByRole('link', { name: 'Delete Clearframe' }).click();
    await page.getByText('Clearframe was successfully deleted.').waitFor();

    expect(existsSync(pluginDir)).toBe(false);
    const after = await stored();
    expect(after).toEqual({ options: [], transients: [], meta: [], other: 'kept' });
    // The post itself is the site's: it stays, block markup and all.
    expect(await wpEval<string>(site, `return get_post_status( ${post} );`)).toBe('publish');
    expect(phpErrors(logSince(site, mark))).toEqual([]);
  });
});
