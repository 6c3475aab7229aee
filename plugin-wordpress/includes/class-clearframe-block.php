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

	public const NAME  = 'clearframe/image';
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
		register_block_type( $dir );
		wp_set_script_translations( generate_block_asset_handle( self::NAME, 'editorScript' ), 'clearframe', CLEARFRAME_DIR . 'languages' );
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
	 * @return array{src: string, srcset: string, sizes: string, width: int, height: int, alt: string, caption: string, link: string, size: string, asset: string, until: string}|null
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
			'src'     => $media['src'],
			'srcset'  => $media['srcset'],
			'sizes'   => self::SIZES[ $size ],
			'width'   => $media['width'],
			'height'  => $media['height'],
			'alt'     => $alt,
			'caption' => is_string( $attributes['caption'] ?? null ) ? $attributes['caption'] : '',
			'link'    => is_string( $attributes['linkUrl'] ?? null ) ? $attributes['linkUrl'] : '',
			'size'    => $size,
			'asset'   => $asset,
			'until'   => is_string( $verdict['approvedUntil'] ?? null ) ? $verdict['approvedUntil'] : '',
		);
	}
}
