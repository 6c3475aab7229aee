<?php
/**
 * Unit-test bootstrap: the few WordPress functions the tested classes call, as in-memory doubles.
 * The real WordPress runs in the end-to-end suite (/test).
 *
 * @package Clearframe
 */

define( 'ABSPATH', __DIR__ . '/' );
define( 'MINUTE_IN_SECONDS', 60 );
define( 'CLEARFRAME_VERSION', 'test' );

error_reporting( E_ALL );

/** A WP_Error double. */
class WP_Error {
	/**
	 * Creates an error.
	 *
	 * @param string $code    Code.
	 * @param string $message Message.
	 */
	public function __construct( public string $code = '', public string $message = '' ) {}

	/** The message. */
	public function get_error_message(): string {
		return $this->message;
	}
}

/** Shared state of the doubles, reset before each test. */
final class Clearframe_Test_World {
	/** @var array<string, array{value: mixed, expires: int}> */
	public static array $transients = array();
	/** @var list<array{url: string, args: array<string, mixed>}> */
	public static array $requests = array();
	/** @var callable(string): (array<string, mixed>|WP_Error) */
	public static $responder;
	public static int $now = 1_800_000_000;

	public static function reset(): void {
		self::$transients = array();
		self::$requests   = array();
		self::$now        = 1_800_000_000;
		self::$responder  = static fn () => new WP_Error( 'http_request_failed', 'cURL error 7: Failed to connect' );
	}

	/**
	 * A canned HTTP response.
	 *
	 * @param int   $status Status.
	 * @param mixed $json   Body, JSON-encoded.
	 * @return array<string, mixed>
	 */
	public static function json( int $status, $json ): array {
		return array(
			'response' => array( 'code' => $status ),
			'body'     => is_string( $json ) ? $json : json_encode( $json ),
		);
	}
}

function get_transient( string $name ) {
	$entry = Clearframe_Test_World::$transients[ $name ] ?? null;
	return null !== $entry && $entry['expires'] > Clearframe_Test_World::$now ? $entry['value'] : false;
}

function set_transient( string $name, $value, int $ttl ): bool {
	Clearframe_Test_World::$transients[ $name ] = array(
		'value'   => $value,
		'expires' => Clearframe_Test_World::$now + $ttl,
	);
	return true;
}

function delete_transient( string $name ): bool {
	unset( Clearframe_Test_World::$transients[ $name ] );
	return true;
}

function wp_remote_get( string $url, array $args = array() ) {
	Clearframe_Test_World::$requests[] = array(
		'url'  => $url,
		'args' => $args,
	);
	return ( Clearframe_Test_World::$responder )( $url );
}

function is_wp_error( $thing ): bool {
	return $thing instanceof WP_Error;
}

function wp_remote_retrieve_response_code( $response ) {
	return $response['response']['code'] ?? '';
}

function wp_remote_retrieve_body( $response ): string {
	return $response['body'] ?? '';
}

function home_url(): string {
	return 'https://news.example.org/';
}

function wp_parse_url( string $url ) {
	return parse_url( $url );
}

require_once dirname( __DIR__, 2 ) . '/includes/class-clearframe-signature.php';
require_once dirname( __DIR__, 2 ) . '/includes/class-clearframe-verdict-client.php';
require_once dirname( __DIR__, 2 ) . '/includes/class-clearframe-editor-api.php';
