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
 * * `GET /wp-json/clearframe/v1/thumb/<asset id>`: the picture's editor thumbnail, whatever its
 *   verdict (editors are staff: their picker lists blocked pictures too), fetched from the
 *   registry's `GET /v1/assets/{id}/thumb` with the editor key and passed through as image bytes,
 *   for the picker's tiles and the block preview (an `<img>` with the nonce in its query).
 */
final class Clearframe_Editor_Api {

	public const SYNC_ROUTE  = '/sync';
	public const THUMB_ROUTE = '/thumb/(?P<id>[A-Za-z0-9_-]{1,100})';

	/** An asset id as the registry makes them (and as the thumb route accepts them). */
	public const ASSET_ID_PATTERN = '/^[A-Za-z0-9_-]{1,100}$/';

	/** A sync page may be large (up to 1000 records): more time than a verdict request. */
	public const SYNC_TIMEOUT_SECONDS = 15;

	/** A thumbnail is small (320 px JPEG) and a picker waits for many: give up soon. */
	public const THUMB_TIMEOUT_SECONDS = 5;

	/** How long the browser may reuse a thumbnail (the registry's own max-age). */
	public const THUMB_MAX_AGE_SECONDS = 300;

	/** The only content types passed through from the registry's thumbnail route. */
	public const THUMB_TYPES = array( 'image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/avif' );

	/**
	 * Registers the routes.
	 */
	public static function register_routes(): void {
		$can_edit = array( self::class, 'can_edit' );
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
						'pattern'  => '^[A-Za-z0-9_-]{1,100}$',
					),
				),
			)
		);
	}

	/** Whether the current user may use the editor routes: those who can edit posts. */
	public static function can_edit(): bool {
		return current_user_can( 'edit_posts' );
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
	 * The editor thumbnail of a picture, whatever its verdict, from the registry's editor route
	 * with the editor key (which stays here): image bytes only, never cached by a shared cache.
	 * An `If-None-Match` is passed on, so the browser revalidates with the registry's ETag.
	 *
	 * @param WP_REST_Request $request The request.
	 * @return WP_REST_Response|WP_Error A Clearframe_Thumb_Response on success.
	 */
	public static function thumb( WP_REST_Request $request ) {
		$id = $request['id'];
		if ( ! is_string( $id ) || 1 !== preg_match( self::ASSET_ID_PATTERN, $id ) ) {
			return new WP_Error( 'clearframe_invalid_asset_id', __( 'This is not a picture id.', 'clearframe' ), array( 'status' => 400 ) );
		}
		$headers = array( 'Accept' => implode( ', ', self::THUMB_TYPES ) );
		$etag    = $request->get_header( 'if-none-match' );
		if ( is_string( $etag ) && '' !== $etag && strlen( $etag ) <= 200 ) {
			$headers['If-None-Match'] = $etag;
		}
		$response = self::get( '/v1/assets/' . rawurlencode( $id ) . '/thumb', self::THUMB_TIMEOUT_SECONDS, $headers );
		if ( is_wp_error( $response ) ) {
			return new WP_Error( 'clearframe_registry_unreachable', __( 'The registry could not be reached.', 'clearframe' ), array( 'status' => 502 ) );
		}
		$status = (int) wp_remote_retrieve_response_code( $response );
		if ( 404 === $status ) {
			return new WP_Error( 'clearframe_no_thumbnail', __( 'This picture has no thumbnail.', 'clearframe' ), array( 'status' => 404 ) );
		}
		if ( 401 === $status || 403 === $status ) {
			// The site's configuration, not the user's login: no 401 that would look like one.
			return new WP_Error( 'clearframe_editor_key_refused', __( 'The registry refused the editor key.', 'clearframe' ), array( 'status' => 502 ) );
		}
		$etag = self::header_of( $response, 'etag' );
		if ( 304 === $status ) {
			return self::thumb_response( '', 304, '', $etag );
		}
		$type = strtolower( trim( explode( ';', self::header_of( $response, 'content-type' ) )[0] ) );
		$body = (string) wp_remote_retrieve_body( $response );
		if ( 200 !== $status || ! in_array( $type, self::THUMB_TYPES, true ) || '' === $body ) {
			return new WP_Error( 'clearframe_registry_error', __( 'The registry gave an unexpected answer.', 'clearframe' ), array( 'status' => 502 ) );
		}
		return self::thumb_response( $body, 200, $type, $etag );
	}

	/**
	 * A thumbnail answer: bytes (none for a 304) with headers that keep it in this browser only.
	 *
	 * @param string $body   Image bytes.
	 * @param int    $status 200 or 304.
	 * @param string $type   Content type ('' for a 304).
	 * @param string $etag   The registry's ETag, or ''.
	 */
	private static function thumb_response( string $body, int $status, string $type, string $etag ): Clearframe_Thumb_Response {
		$response = new Clearframe_Thumb_Response( $body, $status );
		if ( '' !== $type ) {
			$response->header( 'Content-Type', $type );
		}
		$response->header( 'Cache-Control', 'private, max-age=' . self::THUMB_MAX_AGE_SECONDS );
		$response->header( 'X-Content-Type-Options', 'nosniff' );
		if ( '' !== $etag ) {
			$response->header( 'ETag', $etag );
		}
		return $response;
	}

	/**
	 * Serves a thumbnail's bytes as they are, where the REST server would print JSON
	 * (`rest_pre_serve_request`; the status and headers are already sent by then).
	 *
	 * @param bool  $served  Whether the request has been served already.
	 * @param mixed $result  The response.
	 * @param mixed $request The request.
	 */
	public static function serve_thumb( $served, $result, $request = null ): bool {
		if ( $served || ! $result instanceof Clearframe_Thumb_Response ) {
			return (bool) $served;
		}
		$body = $result->get_data();
		$head = $request instanceof WP_REST_Request && 'HEAD' === $request->get_method();
		if ( 200 === $result->get_status() && is_string( $body ) && ! $head ) {
			echo $body; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- image bytes of an allowed image type, sent with nosniff.
		}
		return true;
	}

	/**
	 * A header of a remote response as one string ('' when absent).
	 *
	 * @param array<string, mixed> $response The response.
	 * @param string               $name     Header name, lower case.
	 */
	private static function header_of( array $response, string $name ): string {
		$value = wp_remote_retrieve_header( $response, $name );
		if ( is_array( $value ) ) {
			$value = (string) reset( $value );
		}
		return is_string( $value ) ? $value : '';
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
	 * @param string                $path    Path and query, starting with a slash.
	 * @param int                   $timeout Seconds.
	 * @param array<string, string> $headers Headers besides the key (Accept: JSON unless given).
	 * @return array<string, mixed>|WP_Error
	 */
	private static function get( string $path, int $timeout = Clearframe_Verdict_Client::TIMEOUT_SECONDS, array $headers = array() ) {
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
					'Authorization' => 'Bearer ' . Clearframe_Settings::get( Clearframe_Settings::EDITOR_KEY ),
				) + $headers + array( 'Accept' => 'application/json' ),
			)
		);
	}
}

/**
 * A thumbnail's bytes as a REST answer: Clearframe_Editor_Api::serve_thumb() prints them as they
 * are instead of the JSON the REST server would make of them.
 */
final class Clearframe_Thumb_Response extends WP_REST_Response {}
