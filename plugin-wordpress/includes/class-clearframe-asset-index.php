<?php
/**
 * Indexes which Clearframe assets a post contains, so a webhook can find the pages to purge.
 *
 * @package Clearframe
 */

defined( 'ABSPATH' ) || exit;

/**
 * One `_clearframe_assets` post meta row per asset id used by a `clearframe/image` block.
 */
final class Clearframe_Asset_Index {

	public const META_KEY   = '_clearframe_assets';
	public const BLOCK_NAME = 'clearframe/image';

	/**
	 * Rebuilds a post's index from its blocks on every save.
	 *
	 * @param int     $post_id Post id.
	 * @param WP_Post $post    The saved post.
	 */
	public static function on_save_post( int $post_id, WP_Post $post ): void {
		if ( wp_is_post_revision( $post_id ) || wp_is_post_autosave( $post_id ) ) {
			return;
		}
		$assets = self::assets_in( $post->post_content );
		$stored = array_map( 'strval', get_post_meta( $post_id, self::META_KEY ) );
		foreach ( array_diff( $stored, $assets ) as $gone ) {
			delete_post_meta( $post_id, self::META_KEY, $gone );
		}
		foreach ( array_diff( $assets, $stored ) as $new ) {
			add_post_meta( $post_id, self::META_KEY, $new );
		}
	}

	/**
	 * The asset ids of every clearframe/image block in some post content, nested blocks included.
	 *
	 * @param string $content Post content.
	 * @return string[]
	 */
	public static function assets_in( string $content ): array {
		if ( ! has_block( self::BLOCK_NAME, $content ) ) {
			return array();
		}
		$ids = array();
		self::collect( parse_blocks( $content ), $ids );
		return array_values( array_unique( $ids ) );
	}

	/**
	 * The ids of posts (any status) that contain any of the assets.
	 *
	 * @param string[] $asset_ids Asset ids.
	 * @return int[]
	 */
	public static function posts_with( array $asset_ids ): array {
		if ( array() === $asset_ids ) {
			return array();
		}
		$query = new WP_Query(
			array(
				'post_type'              => 'any',
				'post_status'            => 'any',
				'fields'                 => 'ids',
				'posts_per_page'         => 1000,
				'no_found_rows'          => true,
				'update_post_meta_cache' => false,
				'update_post_term_cache' => false,
				// phpcs:ignore WordPress.DB.SlowDBQuery.slow_db_query_meta_query -- a webhook, not a page view.
				'meta_query'             => array(
					array(
						'key'     => self::META_KEY,
						'value'   => array_values( $asset_ids ),
						'compare' => 'IN',
					),
				),
			)
		);
		return array_map( 'intval', $query->posts );
	}

	/**
	 * Walks parsed blocks.
	 *
	 * @param array<int, array<string, mixed>> $blocks Parsed blocks.
	 * @param string[]                         $ids    Collected ids.
	 */
	private static function collect( array $blocks, array &$ids ): void {
		foreach ( $blocks as $block ) {
			if ( self::BLOCK_NAME === ( $block['blockName'] ?? null ) ) {
				$id = $block['attrs']['assetId'] ?? '';
				if ( is_string( $id ) && '' !== $id ) {
					$ids[] = $id;
				}
			}
			if ( ! empty( $block['innerBlocks'] ) ) {
				self::collect( $block['innerBlocks'], $ids );
			}
		}
	}
}
