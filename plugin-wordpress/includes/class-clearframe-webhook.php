<?php
/**
 * The registry's revocation webhook: verifies the signature, forgets cached verdicts, purges pages.
 *
 * @package Clearframe
 */

defined( 'ABSPATH' ) || exit;

/**
 * `POST /wp-json/clearframe/v1/webhook`.
 *
 * Body: `{"id": "evt_…", "type": "verdicts.changed", "assetIds": ["ast_…"]}`, signed with
 * `X-Clearframe-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "t.body">`. Authentication is the
 * signature, not a WordPress user, so the route is public and verifies before doing anything.
 */
final class Clearframe_Webhook {

	public const REST_NAMESPACE = 'clearframe/v1';
	public const ROUTE          = '/webhook';
	public const SEEN_PREFIX    = 'clearframe_evt_';
	public const MAX_ASSETS     = 1000;

	/**
	 * Registers the route.
	 */
	public static function register_routes(): void {
		register_rest_route(
			self::REST_NAMESPACE,
			self::ROUTE,
			array(
				'methods'             => WP_REST_Server::CREATABLE,
				'callback'            => array( self::class, 'handle' ),
				// Public on purpose: the HMAC signature is verified first thing in handle().
				'permission_callback' => '__return_true',
			)
		);
	}

	/** The URL the registry should deliver to. */
	public static function url(): string {
		return rest_url( self::REST_NAMESPACE . self::ROUTE );
	}

	/**
	 * Verifies and applies one notification.
	 *
	 * @param WP_REST_Request $request The request.
	 * @return WP_REST_Response|WP_Error
	 */
	public static function handle( WP_REST_Request $request ) {
		$body   = $request->get_body();
		$result = Clearframe_Signature::verify(
			(string) $request->get_header( 'X-Clearframe-Signature' ),
			$body,
			Clearframe_Settings::get( Clearframe_Settings::WEBHOOK_SECRET ),
			time()
		);
		if ( Clearframe_Signature::NO_SECRET === $result ) {
			return new WP_Error( 'clearframe_webhook_not_configured', __( 'No webhook secret is configured.', 'clearframe' ), array( 'status' => 503 ) );
		}
		if ( Clearframe_Signature::STALE === $result ) {
			return new WP_Error( 'clearframe_webhook_stale', __( 'The signature timestamp is outside the allowed window.', 'clearframe' ), array( 'status' => 401 ) );
		}
		if ( Clearframe_Signature::OK !== $result ) {
			return new WP_Error( 'clearframe_webhook_bad_signature', __( 'The signature is missing or invalid.', 'clearframe' ), array( 'status' => 401 ) );
		}

		$event = json_decode( $body, true );
		if ( ! is_array( $event ) || ! is_string( $event['id'] ?? null ) || '' === $event['id'] || ! is_array( $event['assetIds'] ?? null ) ) {
			return new WP_Error( 'clearframe_webhook_bad_body', __( 'The notification body is not understood.', 'clearframe' ), array( 'status' => 400 ) );
		}
		$seen = self::SEEN_PREFIX . md5( $event['id'] );
		if ( false !== get_transient( $seen ) ) {
			return new WP_Error( 'clearframe_webhook_replay', __( 'This notification was already received.', 'clearframe' ), array( 'status' => 409 ) );
		}
		// Beyond twice the tolerance the timestamp check rejects a replay on its own.
		set_transient( $seen, 1, 2 * Clearframe_Signature::TOLERANCE_SECONDS );

		$asset_ids = array_slice( array_values( array_unique( array_filter( $event['assetIds'], 'is_string' ) ) ), 0, self::MAX_ASSETS );
		$post_ids  = self::purge( $asset_ids );

		return new WP_REST_Response(
			array(
				'received' => $event['id'],
				'assets'   => count( $asset_ids ),
				'posts'    => $post_ids,
			),
			200
		);
	}

	/**
	 * Forgets the assets' cached verdicts and purges the pages that show them.
	 *
	 * @param string[] $asset_ids Asset ids.
	 * @return int[] Purged post ids.
	 */
	public static function purge( array $asset_ids ): array {
		Clearframe_Plugin::verdicts()->forget( $asset_ids );
		$post_ids = Clearframe_Asset_Index::posts_with( $asset_ids );
		foreach ( $post_ids as $post_id ) {
			// Fires the core `clean_post_cache` action that page-cache plugins listen to.
			clean_post_cache( $post_id );
		}
		/**
		 * Fires after a registry notification, for page caches and CDNs to purge the listed posts.
		 *
		 * @param string[] $asset_ids Assets whose verdict changed.
		 * @param int[]    $post_ids  Posts that contain any of them.
		 */
		do_action( 'clearframe_purge', $asset_ids, $post_ids );
		return $post_ids;
	}
}
