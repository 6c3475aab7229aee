<?php
/**
 * Removes everything the plugin stored: options, cached verdicts, seen webhook ids, the asset index.
 *
 * @package Clearframe
 */

defined( 'ABSPATH' ) || exit;
defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

require_once __DIR__ . '/includes/class-clearframe-settings.php';
require_once __DIR__ . '/includes/class-clearframe-verdict-client.php';

global $wpdb;

// The cached verdicts of every picture a post shows, through the transient API: this reaches them
// in a persistent object cache too, where they never touch the options table. Read before the
// channel option and the asset index are deleted.
$clearframe_channel = Clearframe_Settings::channel();
// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- no API lists a meta key's values across posts.
$clearframe_assets = $wpdb->get_col( $wpdb->prepare( "SELECT DISTINCT meta_value FROM {$wpdb->postmeta} WHERE meta_key = %s", '_clearframe_assets' ) );
foreach ( $clearframe_assets as $clearframe_asset ) {
	delete_transient( Clearframe_Verdict_Client::transient_key( $clearframe_channel, (string) $clearframe_asset ) );
}

foreach ( Clearframe_Settings::all() as $clearframe_option ) {
	delete_option( $clearframe_option );
}

// Every other verdict and seen-event transient (keyed by hashes, so found by prefix) in the options
// table. In a persistent object cache the ones not reached above expire on their own (15 minutes
// at most); the cache's `transient` group is not flushed, as it holds other plugins' transients.
// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- no API deletes transients by prefix.
$wpdb->query(
	$wpdb->prepare(
		"DELETE FROM {$wpdb->options} WHERE ( option_name LIKE %s OR option_name LIKE %s )",
		$wpdb->esc_like( '_transient_clearframe_' ) . '%',
		$wpdb->esc_like( '_transient_timeout_clearframe_' ) . '%'
	)
);

// The asset index and the usage-report bookkeeping (Clearframe_Usages::URL_META, PENDING_META).
foreach ( array( '_clearframe_assets', '_clearframe_usage_url', '_clearframe_usage_pending' ) as $clearframe_meta_key ) {
	delete_post_meta_by_key( $clearframe_meta_key );
}
