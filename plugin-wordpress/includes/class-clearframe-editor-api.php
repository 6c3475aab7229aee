<?php
/**
 * Editor-side calls to the registry with the editor key, which never leaves the server.
 *
 * @package Clearframe
 */

defined( 'ABSPATH' ) || exit;

/**
 * For users who can edit posts (cookie + `wp_rest` nonce, as apiFetch sends them):
 *
 * * `GET /wp-json/clearframe/v1/sync?since=&limit=`: the registry's change feed, which the picker's
 *   editor cache (core) syncs from, so verdicts — the picker's badges, the blocks' notices, the
 *   pre-publish check — are evaluated in the browser at the right instant without the editor key
 *   ever reaching it;
 * * `GET /wp-json/clearframe/v1/thumb/<asset id>`: a redirect to the picture's public thumbnail
 *   (its signed media URL) while it is approved, for the picker's tiles and the block preview.
 */
final class Clearframe_Editor_Api {

	public const SYNC_ROUTE  = '/sync';
	public const THUMB_ROUTE = '/thumb/(?P<id>[A-Za-z0-9_-]{1,100})';

	/** A sync page may be large (up to 1000 records): more time than a verdict request. */
	public const SYNC_TIMEOUT_SECONDS = 15;

	/**
	 * Registers the routes.
	 */
	public static function register_routes(): void {
		$can_edit = static fn () => current_user_can( 'edit_posts' );
		register_rest_route(
			Clearframe_Webhook::REST_NAMESPACE,
			self::SYNC_ROUTE,
			array(
				'methods'             => WP_REST_Server::READABLE,
				'callback'            => array( self::class, 'sync' ),
				'permission_callback' => $can_edit,
				'args'                => array(
					'since' => array(
						'type'              => 'string',
						'required'          => false,
						'sanitize_callback' => 'sanitize_text_field',
					),
					'limit' => array(
						'type'     => 'integer',
						'required' => false,
						'minimum'  => 1,
						'maximum'  => 1000,
					),
				),
			)
		);
		register_rest_route(
			Clearframe_Webhook::REST_NAMESPACE,
			self::THUMB_ROUTE,
			array(
				'methods'             => WP_REST_Server::READABLE,
				'callback'            => array( self::class, 'thumb' ),
				'permission_callback' => $can_edit,
				'args'                => array(
					'id' => array(
						'type'     => 'string',
						'required' => true,
					),
				),
			)
		);
	}

	/**
	 * Passes one page of the registry's change feed through, status and body as they are, so the
	 * browser's sync sees exactly what the registry said (problem bodies included).
	 *
	 * @param WP_REST_Request $request The request.
	 * @return WP_REST_Response|WP_Error
	 */
	public static function sync( WP_REST_Request $request ) {
		$query = array();
		if ( is_string( $request['since'] ) && '' !== $request['since'] ) {
			$query['since'] = $request['since'];
		}
		if ( null !== $request['limit'] ) {
			$query['limit'] = (int) $request['limit'];
		}
		$path     = '/v1/sync' . ( array() === $query ? '' : '?' . http_build_query( $query, '', '&', PHP_QUERY_RFC3986 ) );
		$response = self::get( $path, self::SYNC_TIMEOUT_SECONDS );
		if ( is_wp_error( $response ) ) {
			return new WP_Error( 'clearframe_registry_unreachable', __( 'The registry could not be reached.', 'clearframe' ), array( 'status' => 502 ) );
		}
		$status = (int) wp_remote_retrieve_response_code( $response );
		$body   = json_decode( (string) wp_remote_retrieve_body( $response ), true );
		if ( ! is_array( $body ) ) {
			return new WP_Error( 'clearframe_registry_error', __( 'The registry gave an unexpected answer.', 'clearframe' ), array( 'status' => 502 ) );
		}
		// A key the registry refuses is this site's configuration problem, not the user's login.
		return new WP_REST_Response( $body, in_array( $status, array( 401, 403 ), true ) ? 502 : $status );
	}

	/**
	 * Redirects to the thumbnail of an approved picture (from the public verdict the site
	 * already caches); 404 when the picture may not be shown.
	 *
	 * @param WP_REST_Request $request The request.
	 * @return WP_REST_Response|WP_Error
	 */
	public static function thumb( WP_REST_Request $request ) {
		$verdict = Clearframe_Plugin::verdicts()->verdict( (string) $request['id'] );
		if ( ! Clearframe_Verdict_Client::is_showable( $verdict, time() ) ) {
			return new WP_Error( 'clearframe_no_thumbnail', __( 'This picture may not be shown.', 'clearframe' ), array( 'status' => 404 ) );
		}
		$response = new WP_REST_Response( null, 302 );
		$response->header( 'Location', self::smallest( $verdict['media'] ) );
		$response->header( 'Cache-Control', 'private, max-age=60' );
		return $response;
	}

	/**
	 * The smallest rendition of a srcset, or the src when there is none.
	 *
	 * @param array{src: string, srcset: string} $media Public media.
	 */
	public static function smallest( array $media ): string {
		$best  = $media['src'];
		$width = PHP_INT_MAX;
		foreach ( explode( ',', $media['srcset'] ) as $candidate ) {
			$parts = preg_split( '/\s+/', trim( $candidate ) );
			if ( is_array( $parts ) && 2 === count( $parts ) && 1 === preg_match( '/^(\d+)w$/', $parts[1], $match ) && (int) $match[1] < $width ) {
				$width = (int) $match[1];
				$best  = $parts[0];
			}
		}
		return $best;
	}

	/**
	 * Checks the editor key against the change feed (one record).
	 *
	 * @return array{ok: bool, status: int, error: string}
	 */
	public static function check_editor_key(): array {
		if ( '' === Clearframe_Settings::get( Clearframe_Settings::EDITOR_KEY ) ) {
			return array(
				'ok'     => false,
				'status' => 0,
				'error'  => 'not_configured',
			);
		}
		$response = self::get( '/v1/sync?limit=1' );
		if ( is_wp_error( $response ) ) {
			return array(
				'ok'     => false,
				'status' => 0,
				'error'  => $response->get_error_message(),
			);
		}
		$status = (int) wp_remote_retrieve_response_code( $response );
		return array(
			'ok'     => 200 === $status,
			'status' => $status,
			'error'  => 200 === $status ? '' : 'rejected',
		);
	}

	/**
	 * A GET to the registry with the editor key.
	 *
	 * @param string $path    Path and query, starting with a slash.
	 * @param int    $timeout Seconds.
	 * @return array<string, mixed>|WP_Error
	 */
	private static function get( string $path, int $timeout = Clearframe_Verdict_Client::TIMEOUT_SECONDS ) {
		$registry = Clearframe_Settings::registry_url();
		if ( '' === $registry ) {
			return new WP_Error( 'clearframe_not_configured', __( 'No registry URL is configured.', 'clearframe' ) );
		}
		return wp_remote_get(
			$registry . $path,
			array(
				'timeout'     => $timeout,
				'redirection' => 0,
				'user-agent'  => 'Clearframe-WordPress/' . CLEARFRAME_VERSION,
				'headers'     => array(
					'Accept'        => 'application/json',
					'Authorization' => 'Bearer ' . Clearframe_Settings::get( Clearframe_Settings::EDITOR_KEY ),
				),
			)
		);
	}
}
