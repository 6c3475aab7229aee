<?php
/**
 * Tells the registry where pictures are published (docs/api-contract.md, Usages).
 *
 * @package Clearframe
 */

defined( 'ABSPATH' ) || exit;

/**
 * On every save of a published post, `POST /v1/usages` replaces the set of assets used at the
 * post's permalink; when the post stops being published (draft, private, trash, deleted) or its
 * permalink changes, `DELETE /v1/usages` forgets the URL it was reported at.
 *
 * A report never blocks saving: a short timeout, the failure logged, and the post marked so the
 * next save (of any kind) reports again.
 */
final class Clearframe_Usages {

	public const SOURCE          = 'wordpress';
	public const TIMEOUT_SECONDS = 2;
	/** The URL the post's assets were last reported at (present while the registry knows it). */
	public const URL_META = '_clearframe_usage_url';
	/** Set while a report failed and must be sent again on the next save. */
	public const PENDING_META = '_clearframe_usage_pending';

	/**
	 * After the asset index (priority 10) has been rebuilt from the saved blocks.
	 *
	 * @param int     $post_id Post id.
	 * @param WP_Post $post    The saved post.
	 */
	public static function on_save_post( int $post_id, WP_Post $post ): void {
		if ( wp_is_post_revision( $post_id ) || wp_is_post_autosave( $post_id ) ) {
			return;
		}
		self::sync( $post );
	}

	/**
	 * Before a post is deleted for good: the registry forgets its URL.
	 *
	 * @param int $post_id Post id.
	 */
	public static function on_delete_post( int $post_id ): void {
		$reported = (string) get_post_meta( $post_id, self::URL_META, true );
		if ( '' !== $reported ) {
			self::forget( $reported );
		}
	}

	/**
	 * Brings the registry in step with one post.
	 *
	 * @param WP_Post $post The post.
	 */
	public static function sync( WP_Post $post ): void {
		$reported = (string) get_post_meta( $post->ID, self::URL_META, true );
		$public   = 'publish' === $post->post_status && is_post_type_viewable( $post->post_type );
		$url      = $public ? (string) get_permalink( $post ) : '';
		$assets   = $public ? Clearframe_Asset_Index::assets_in( $post->post_content ) : array();

		if ( '' !== $reported && $reported !== $url ) {
			// Unpublished, or published at another address now.
			if ( ! self::forget( $reported ) ) {
				update_post_meta( $post->ID, self::PENDING_META, 1 );
				return;
			}
			delete_post_meta( $post->ID, self::URL_META );
			$reported = '';
		}
		if ( '' === $url || ( array() === $assets && '' === $reported && '' === (string) get_post_meta( $post->ID, self::PENDING_META, true ) ) ) {
			// Nothing published, or a published post that never had a picture: nothing to tell.
			delete_post_meta( $post->ID, self::PENDING_META );
			return;
		}
		if ( self::report( $url, $assets ) ) {
			if ( array() === $assets ) {
				delete_post_meta( $post->ID, self::URL_META );
			} else {
				update_post_meta( $post->ID, self::URL_META, $url );
			}
			delete_post_meta( $post->ID, self::PENDING_META );
		} else {
			update_post_meta( $post->ID, self::PENDING_META, 1 );
		}
	}

	/**
	 * `POST /v1/usages`: the assets used at a URL now ([] forgets them).
	 *
	 * @param string   $url       The page.
	 * @param string[] $asset_ids Asset ids.
	 * @return bool Whether the registry took it.
	 */
	public static function report( string $url, array $asset_ids ): bool {
		return self::call(
			'POST',
			'/v1/usages',
			array(
				'source'   => self::SOURCE,
				'url'      => $url,
				'assetIds' => array_values( $asset_ids ),
			)
		);
	}

	/**
	 * `DELETE /v1/usages?source=wordpress&url=…`.
	 *
	 * @param string $url The page that no longer shows any picture.
	 * @return bool Whether the registry took it.
	 */
	public static function forget( string $url ): bool {
		return self::call(
			'DELETE',
			'/v1/usages?' . http_build_query(
				array(
					'source' => self::SOURCE,
					'url'    => $url,
				),
				'',
				'&',
				PHP_QUERY_RFC3986
			),
			null
		);
	}

	/**
	 * One call with the editor key; failures are logged, never thrown.
	 *
	 * @param string                    $method HTTP method.
	 * @param string                    $path   Path and query.
	 * @param array<string, mixed>|null $body   JSON body.
	 */
	private static function call( string $method, string $path, ?array $body ): bool {
		$registry = Clearframe_Settings::registry_url();
		$key      = Clearframe_Settings::get( Clearframe_Settings::EDITOR_KEY );
		if ( '' === $registry || '' === $key ) {
			// Not configured: nothing to tell, and nothing to retry until it is.
			return true;
		}
		$args = array(
			'method'      => $method,
			'timeout'     => self::TIMEOUT_SECONDS,
			'redirection' => 0,
			'user-agent'  => 'Clearframe-WordPress/' . CLEARFRAME_VERSION,
			'headers'     => array(
				'Accept'        => 'application/json',
				'Authorization' => 'Bearer ' . $key,
			),
		);
		if ( null !== $body ) {
			$args['headers']['Content-Type'] = 'application/json';
			$args['body']                    = (string) wp_json_encode( $body );
		}
		$response = wp_remote_request( $registry . $path, $args );
		$status   = is_wp_error( $response ) ? 0 : (int) wp_remote_retrieve_response_code( $response );
		if ( $status >= 200 && $status < 300 ) {
			return true;
		}
		$why = is_wp_error( $response ) ? $response->get_error_message() : 'HTTP ' . $status;
		// phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_error_log -- operators must see that usages are out of date.
		error_log( sprintf( 'Clearframe: usage report %s %s failed (%s); it is sent again on the next save.', $method, $path, $why ) );
		return false;
	}
}
