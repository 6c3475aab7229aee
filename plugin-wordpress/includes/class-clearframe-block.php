<?php
/**
 * Registers the clearframe/image block from its built block.json and primes verdicts for a page.
 *
 * @package Clearframe
 */

defined( 'ABSPATH' ) || exit;

/**
 * The block's server side; its markup lives in src/blocks/image/render.php.
 */
final class Clearframe_Block {

	public const NAME = 'clearframe/image';
	/** `<cf-picker>` with core's editor cache (built from widget-picker into build/picker/). */
	public const PICKER_HANDLE = 'clearframe-picker';
	/** The pre-publish check: lists expiring pictures, locks publishing over blocked ones. */
	public const GUARD_HANDLE = 'clearframe-publish-guard';
	/** widget-picker's embed bundle (`<cf-image>`, `img[data-cf-asset]`), copied into build/embed/. */
	public const EMBED_MODULE = 'clearframe-embed';
	/** Picker languages; any other locale gets English. */
	public const LANGS = array( 'sv', 'en', 'de', 'nb' );

	public const SIZES = array(
		'thumbnail' => '(max-width: 320px) 100vw, 320px',
		'medium'    => '(max-width: 800px) 100vw, 800px',
		'large'     => '(max-width: 1600px) 100vw, 1600px',
		'full'      => '100vw',
	);

	/**
	 * Registers the block from build/blocks/image/block.json (the source of truth).
	 */
	public static function register(): void {
		$dir = CLEARFRAME_DIR . 'build/blocks/image';
		if ( ! file_exists( $dir . '/block.json' ) ) {
			// A checkout without `pnpm build`: nothing to register, and nothing to render either.
			return;
		}
		// Before the block: its block.json names the picker handle among its editor scripts.
		self::register_script( self::PICKER_HANDLE, 'picker/index' );
		// The pre-publish check watches verdicts through the picker script's approvals.
		self::register_script( self::GUARD_HANDLE, 'editor/publish-guard', array( self::PICKER_HANDLE ) );
		wp_register_script_module( self::EMBED_MODULE, plugins_url( 'build/embed/cf-embed.js', CLEARFRAME_FILE ), array(), CLEARFRAME_VERSION );
		register_block_type( $dir );
		wp_set_script_translations( generate_block_asset_handle( self::NAME, 'editorScript' ), 'clearframe', CLEARFRAME_DIR . 'languages' );
		wp_set_script_translations( self::GUARD_HANDLE, 'clearframe', CLEARFRAME_DIR . 'languages' );
	}

	/**
	 * The pre-publish check, in the post editor only.
	 */
	public static function enqueue_editor_assets(): void {
		if ( wp_script_is( self::PICKER_HANDLE, 'registered' ) ) {
			wp_add_inline_script( self::PICKER_HANDLE, 'window.clearframeEditor = ' . wp_json_encode( self::editor_settings() ) . ';', 'before' );
		}
		$screen = function_exists( 'get_current_screen' ) ? get_current_screen() : null;
		if ( null !== $screen && 'post' === $screen->base && wp_script_is( self::GUARD_HANDLE, 'registered' ) ) {
			wp_enqueue_script( self::GUARD_HANDLE );
		}
	}

	/**
	 * What the editor scripts need to know: nothing secret.
	 *
	 * @return array{channel: string, behavior: string, lang: string, restRoot: string, nonce: string}
	 */
	public static function editor_settings(): array {
		$lang = substr( get_user_locale(), 0, 2 );
		return array(
			'channel'  => Clearframe_Settings::channel(),
			'behavior' => Clearframe_Settings::editor_behavior(),
			'lang'     => in_array( $lang, self::LANGS, true ) ? $lang : 'en',
			// For <img> thumbnails, which cannot send apiFetch's nonce header.
			'restRoot' => esc_url_raw( rest_url() ),
			'nonce'    => wp_create_nonce( 'wp_rest' ),
		);
	}

	/**
	 * Registers a script built by wp-scripts with the dependencies its .asset.php lists.
	 *
	 * @param string   $handle Handle.
	 * @param string   $entry  Entry under build/, without extension.
	 * @param string[] $also   Handles it needs besides those the build found.
	 */
	private static function register_script( string $handle, string $entry, array $also = array() ): void {
		$asset_file = CLEARFRAME_DIR . 'build/' . $entry . '.asset.php';
		if ( ! file_exists( $asset_file ) ) {
			return;
		}
		$asset = require $asset_file;
		wp_register_script(
			$handle,
			plugins_url( 'build/' . $entry . '.js', CLEARFRAME_FILE ),
			array_values( array_unique( array_merge( $asset['dependencies'] ?? array(), $also ) ) ),
			$asset['version'] ?? CLEARFRAME_VERSION,
			array( 'in_footer' => true )
		);
	}

	/**
	 * Fetches the verdicts of every picture in the main query's posts with one registry call.
	 *
	 * @param WP_Post[] $posts The queried posts.
	 * @param WP_Query  $query The query.
	 * @return WP_Post[] The same posts.
	 */
	public static function prime_verdicts( array $posts, WP_Query $query ): array {
		if ( is_admin() || ! $query->is_main_query() || array() === $posts ) {
			return $posts;
		}
		$ids = array();
		foreach ( $posts as $post ) {
			foreach ( get_post_meta( $post->ID, Clearframe_Asset_Index::META_KEY ) as $id ) {
				$ids[] = (string) $id;
			}
		}
		if ( array() !== $ids ) {
			Clearframe_Plugin::verdicts()->verdicts( array_values( array_unique( $ids ) ) );
		}
		return $posts;
	}

	/**
	 * What render.php needs to print the figure, or null when the picture must not be shown.
	 *
	 * @param array<string, mixed> $attributes Block attributes.
	 * @return array{src: string, srcset: string, sizes: string, width: int, height: int, alt: string, caption: string, link: string, size: string, asset: string, until: string, registry: string, key: string, channel: string}|null
	 */
	public static function figure( array $attributes ): ?array {
		$asset = is_string( $attributes['assetId'] ?? null ) ? $attributes['assetId'] : '';
		if ( '' === $asset ) {
			return null;
		}
		$verdict = Clearframe_Plugin::verdicts()->verdict( $asset );
		if ( ! Clearframe_Verdict_Client::is_showable( $verdict, time() ) ) {
			return null;
		}
		$media = $verdict['media'];
		$size  = is_string( $attributes['size'] ?? null ) && isset( self::SIZES[ $attributes['size'] ] ) ? $attributes['size'] : 'large';
		$alt   = is_string( $attributes['alt'] ?? null ) && '' !== trim( $attributes['alt'] ) ? $attributes['alt'] : $media['alt'];
		return array(
			'src'      => $media['src'],
			'srcset'   => $media['srcset'],
			'sizes'    => self::SIZES[ $size ],
			'width'    => $media['width'],
			'height'   => $media['height'],
			'alt'      => $alt,
			'caption'  => is_string( $attributes['caption'] ?? null ) ? $attributes['caption'] : '',
			'link'     => is_string( $attributes['linkUrl'] ?? null ) ? $attributes['linkUrl'] : '',
			'size'     => $size,
			'asset'    => $asset,
			'until'    => is_string( $verdict['approvedUntil'] ?? null ) ? $verdict['approvedUntil'] : '',
			// For the embed in the page, which keeps asking the registry (publishable key, public by design).
			'registry' => Clearframe_Settings::registry_url(),
			'key'      => Clearframe_Settings::get( Clearframe_Settings::PUBLISHABLE_KEY ),
			'channel'  => Clearframe_Settings::channel(),
		);
	}
}
