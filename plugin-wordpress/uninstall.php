<?php
/**
 * Removes everything the plugin stored: options, cached verdicts, seen webhook ids, the asset index.
 *
 * @package Clearframe
 */

defined( 'ABSPATH' ) || exit;
defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

require_once __DIR__ . '/includes/class-clearframe-settings.php';

foreach ( Clearframe_Settings::all() as $clearframe_option ) {
	delete_option( $clearframe_option );
}

// Verdict and event transients are keyed by hashes, so they are found by prefix. With a
// persistent object cache they never reach the options table and expire on their own (15 min at most).
global $wpdb;
foreach ( array( '_transient_clearframe_', '_transient_timeout_clearframe_' ) as $clearframe_prefix ) {
	// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- no API deletes transients by prefix.
	$wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->options} WHERE option_name LIKE %s", $wpdb->esc_like( $clearframe_prefix ) . '%' ) );
}
wp_cache_flush_group( 'transient' );

// The asset index and the usage-report bookkeeping (Clearframe_Usages::URL_META, PENDING_META).
foreach ( array( '_clearframe_assets', '_clearframe_usage_url', '_clearframe_usage_pending' ) as $clearframe_meta_key ) {
	delete_post_meta_by_key( $clearframe_meta_key );
}
