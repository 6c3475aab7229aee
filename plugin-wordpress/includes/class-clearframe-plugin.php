<?php
/**
 * Wires the plugin's parts to WordPress hooks; holds no logic of its own.
 *
 * @package Clearframe
 */

defined( 'ABSPATH' ) || exit;

/**
 * The plugin's composition root.
 */
final class Clearframe_Plugin {

	/**
	 * The one verdict client of the request, shared by render.php and the webhook.
	 *
	 * @var Clearframe_Verdict_Client|null
	 */
	private static ?Clearframe_Verdict_Client $verdicts = null;

	/**
	 * Registers every hook. Called once from clearframe.php.
	 */
	public static function boot(): void {
		add_action( 'init', array( self::class, 'load_textdomain' ) );
		add_action( 'init', array( Clearframe_Block::class, 'register' ) );
		add_action( 'init', array( Clearframe_Settings::class, 'register' ) );
		add_action( 'admin_menu', array( Clearframe_Settings_Page::class, 'add_menu' ) );
		add_action( 'admin_enqueue_scripts', array( Clearframe_Settings_Page::class, 'enqueue' ) );
		add_action( 'wp_ajax_' . Clearframe_Settings_Page::AJAX_ACTION, array( Clearframe_Settings_Page::class, 'ajax_test_connection' ) );
		add_action( 'rest_api_init', array( Clearframe_Webhook::class, 'register_routes' ) );
		add_action( 'rest_api_init', array( Clearframe_Editor_Api::class, 'register_routes' ) );
		add_filter( 'rest_pre_serve_request', array( Clearframe_Editor_Api::class, 'serve_thumb' ), 10, 3 );
		add_action( 'save_post', array( Clearframe_Asset_Index::class, 'on_save_post' ), 10, 2 );
		add_action( 'save_post', array( Clearframe_Usages::class, 'on_save_post' ), 20, 2 );
		add_action( 'before_delete_post', array( Clearframe_Usages::class, 'on_delete_post' ) );
		add_action( 'enqueue_block_editor_assets', array( Clearframe_Block::class, 'enqueue_editor_assets' ) );
		add_filter( 'the_posts', array( Clearframe_Block::class, 'prime_verdicts' ), 10, 2 );
		add_filter( 'plugin_action_links_' . plugin_basename( CLEARFRAME_FILE ), array( Clearframe_Settings_Page::class, 'action_links' ) );
	}

	/**
	 * Loads the plugin's own translations from languages/.
	 */
	public static function load_textdomain(): void {
		load_plugin_textdomain( 'clearframe', false, dirname( plugin_basename( CLEARFRAME_FILE ) ) . '/languages' );
	}

	/**
	 * The verdict client configured from the saved settings.
	 */
	public static function verdicts(): Clearframe_Verdict_Client {
		if ( null === self::$verdicts ) {
			self::$verdicts = new Clearframe_Verdict_Client(
				Clearframe_Settings::registry_url(),
				Clearframe_Settings::get( Clearframe_Settings::PUBLISHABLE_KEY ),
				Clearframe_Settings::channel()
			);
		}
		return self::$verdicts;
	}
}
