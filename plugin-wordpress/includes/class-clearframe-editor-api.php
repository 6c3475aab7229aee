<?php
/**
 * Editor-side calls to the registry with the editor key, which never leaves the server.
 *
 * @package Clearframe
 */

defined( 'ABSPATH' ) || exit;

/**
 * `GET /wp-json/clearframe/v1/verdict/<asset id>` for users who can edit posts: the editor
 * verdict (status, until when, why blocked) that the block shows as a Notice.
 */
final class Clearframe_Editor_Api {

	public const ROUTE = '/verdict/(?P<id>[A-Za-z0-9_-]{1,100})';

	/**
	 * Registers the route.
	 */
	public static function register_routes(): void {
		register_rest_route(
			Clearframe_Webhook::REST_NAMESPACE,
			self::ROUTE,
			array(
				'methods'             => WP_REST_Server::READABLE,
				'callback'            => array( self::class, 'verdict' ),
				'permission_callback' => static fn () => current_user_can( 'edit_posts' ),
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
	 * Proxies the registry's editor verdict, keeping only what the block shows.
	 *
	 * @param WP_REST_Request $request The request.
	 * @return WP_REST_Response|WP_Error
	 */
	public static function verdict( WP_REST_Request $request ) {
		$channel  = Clearframe_Settings::channel();
		$response = self::get( '/v1/assets/' . rawurlencode( (string) $request['id'] ) . '/verdict?channel=' . rawurlencode( $channel ) );
		if ( is_wp_error( $response ) ) {
			return new WP_Error( 'clearframe_registry_unreachable', __( 'The registry could not be reached.', 'clearframe' ), array( 'status' => 502 ) );
		}
		$status = (int) wp_remote_retrieve_response_code( $response );
		$body   = json_decode( (string) wp_remote_retrieve_body( $response ), true );
		if ( 404 === $status ) {
			return new WP_Error( 'clearframe_asset_not_found', __( 'No such picture in the registry.', 'clearframe' ), array( 'status' => 404 ) );
		}
		if ( 200 !== $status || ! is_array( $body ) || ! is_array( $body['verdict'] ?? null ) ) {
			return new WP_Error( 'clearframe_registry_error', __( 'The registry gave an unexpected answer.', 'clearframe' ), array( 'status' => 502 ) );
		}
		$verdict = $body['verdict'];
		return new WP_REST_Response(
			array(
				'assetId'  => (string) $request['id'],
				'channel'  => $channel,
				'behavior' => Clearframe_Settings::editor_behavior(),
				'verdict'  => array(
					'status'        => (string) ( $verdict['status'] ?? 'blocked' ),
					'approvedUntil' => $verdict['approvedUntil'] ?? null,
					'reasons'       => array_values( array_filter( (array) ( $verdict['reasons'] ?? array() ), 'is_array' ) ),
				),
			)
		);
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
	 * @param string $path Path and query, starting with a slash.
	 * @return array<string, mixed>|WP_Error
	 */
	private static function get( string $path ) {
		$registry = Clearframe_Settings::registry_url();
		if ( '' === $registry ) {
			return new WP_Error( 'clearframe_not_configured', __( 'No registry URL is configured.', 'clearframe' ) );
		}
		return wp_remote_get(
			$registry . $path,
			array(
				'timeout'     => Clearframe_Verdict_Client::TIMEOUT_SECONDS,
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
