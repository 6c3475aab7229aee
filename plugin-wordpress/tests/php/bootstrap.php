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
	 * @param mixed  $data    Data (the REST status).
	 */
	public function __construct( public string $code = '', public string $message = '', public $data = '' ) {}

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
	/** @var array<string, mixed> */
	public static array $options = array();
	/** @var array<string, bool> */
	public static array $capabilities = array();
	/** @var array<string, array<string, mixed>> Registered REST routes by namespace and route. */
	public static array $routes = array();

	public static function reset(): void {
		self::$transients   = array();
		self::$requests     = array();
		self::$now          = 1_800_000_000;
		self::$options      = array();
		self::$capabilities = array();
		self::$routes       = array();
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

/** A WP_REST_Request double: URL parameters and headers. */
class WP_REST_Request implements ArrayAccess {
	/**
	 * Creates a request.
	 *
	 * @param array<string, mixed>  $params  URL parameters.
	 * @param array<string, string> $headers Headers, lower case.
	 * @param string                $method  Method.
	 */
	public function __construct( private array $params = array(), private array $headers = array(), private string $method = 'GET' ) {}

	public function get_header( string $name ): ?string {
		return $this->headers[ strtolower( $name ) ] ?? null;
	}

	public function get_method(): string {
		return $this->method;
	}

	public function offsetExists( $offset ): bool {
		return isset( $this->params[ $offset ] );
	}

	public function offsetGet( $offset ): mixed {
		return $this->params[ $offset ] ?? null;
	}

	public function offsetSet( $offset, $value ): void {
		$this->params[ $offset ] = $value;
	}

	public function offsetUnset( $offset ): void {
		unset( $this->params[ $offset ] );
	}
}

/** A WP_REST_Response double. */
class WP_REST_Response {
	/** @var array<string, string> */
	private array $headers = array();

	/**
	 * Creates a response.
	 *
	 * @param mixed $data   Data.
	 * @param int   $status Status.
	 */
	public function __construct( private $data = null, private int $status = 200 ) {}

	public function header( string $name, string $value ): void {
		$this->headers[ $name ] = $value;
	}

	/** @return array<string, string> */
	public function get_headers(): array {
		return $this->headers;
	}

	public function get_status(): int {
		return $this->status;
	}

	public function get_data() {
		return $this->data;
	}
}

/** The WP_REST_Server constants the routes use. */
class WP_REST_Server {
	public const READABLE = 'GET';
}

function __( string $text, string $domain = 'default' ): string {
	return $text;
}

function get_option( string $name, $fallback = false ) {
	return Clearframe_Test_World::$options[ $name ] ?? $fallback;
}

function untrailingslashit( string $value ): string {
	return rtrim( $value, '/\\' );
}

function current_user_can( string $capability ): bool {
	return Clearframe_Test_World::$capabilities[ $capability ] ?? false;
}

function register_rest_route( string $route_namespace, string $route, array $args ): bool {
	Clearframe_Test_World::$routes[ $route_namespace ][ $route ] = $args;
	return true;
}

function wp_remote_retrieve_header( $response, string $name ) {
	foreach ( $response['headers'] ?? array() as $key => $value ) {
		if ( strtolower( $key ) === strtolower( $name ) ) {
			return $value;
		}
	}
	return '';
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

require_once dirname( __DIR__, 2 ) . '/includes/class-clearframe-settings.php';
require_once dirname( __DIR__, 2 ) . '/includes/class-clearframe-webhook.php';
require_once dirname( __DIR__, 2 ) . '/includes/class-clearframe-signature.php';
require_once dirname( __DIR__, 2 ) . '/includes/class-clearframe-verdict-client.php';
require_once dirname( __DIR__, 2 ) . '/includes/class-clearframe-editor-api.php';
