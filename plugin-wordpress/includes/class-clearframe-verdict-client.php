<?php
/**
 * Asks the registry's public verdicts endpoint, caches each verdict in a transient, fails closed.
 *
 * @package Clearframe
 */

defined( 'ABSPATH' ) || exit;

/**
 * Server-to-server client of `GET {registry}/v1/public/verdicts` (docs/api-contract.md).
 *
 * A verdict is cached no longer than its `nextCheckAt` and never longer than MAX_TTL; when the
 * registry cannot be reached and no fresh cached verdict exists the picture counts as blocked.
 */
final class Clearframe_Verdict_Client {

	public const MAX_TTL          = 15 * MINUTE_IN_SECONDS;
	public const TIMEOUT_SECONDS  = 3;
	public const BATCH_SIZE       = 100;
	public const TRANSIENT_PREFIX = 'clearframe_v_';
	public const STATUSES         = array( 'approved', 'expiring', 'blocked' );

	/**
	 * Verdicts already settled during this request, by asset id.
	 *
	 * @var array<string, array<string, mixed>>
	 */
	private array $memo = array();

	/** Whether the registry already failed during this request (one timeout per request at most). */
	private bool $failed = false;

	/** Whether the failure has been logged during this request. */
	private bool $logged = false;

	/**
	 * Returns the current unix time; replaceable in tests.
	 *
	 * @var callable(): int
	 */
	private $clock;

	/**
	 * Creates a client.
	 *
	 * @param string        $registry Registry base URL without trailing slash ('' = not configured).
	 * @param string        $key      Publishable key.
	 * @param string        $channel  The site's channel.
	 * @param callable|null $clock    Returns the current unix time (defaults to time()).
	 */
	public function __construct(
		private string $registry,
		private string $key,
		private string $channel,
		?callable $clock = null
	) {
		$this->clock = $clock ?? 'time';
	}

	/**
	 * The transient that caches one asset's verdict for one channel.
	 *
	 * @param string $channel  Channel.
	 * @param string $asset_id Asset id.
	 */
	public static function transient_key( string $channel, string $asset_id ): string {
		return self::TRANSIENT_PREFIX . md5( $channel . "\0" . $asset_id );
	}

	/**
	 * Whether a verdict lets the picture be shown at $now: approved or expiring, with media, not past approvedUntil.
	 *
	 * @param array<string, mixed> $verdict Normalised verdict.
	 * @param int                  $now     Unix time.
	 */
	public static function is_showable( array $verdict, int $now ): bool {
		if ( ! in_array( $verdict['status'] ?? '', array( 'approved', 'expiring' ), true ) || empty( $verdict['media']['src'] ) ) {
			return false;
		}
		$until = self::instant( $verdict['approvedUntil'] ?? null );
		return null === $until || $until > $now;
	}

	/**
	 * One asset's verdict.
	 *
	 * @param string $asset_id Asset id.
	 * @return array<string, mixed>
	 */
	public function verdict( string $asset_id ): array {
		return $this->verdicts( array( $asset_id ) )[ $asset_id ];
	}

	/**
	 * Verdicts for several assets, from the request memo, the transients, then one registry call per 100 ids.
	 *
	 * @param string[] $asset_ids Asset ids.
	 * @return array<string, array<string, mixed>> Normalised verdicts by id; `status` is always set.
	 */
	public function verdicts( array $asset_ids ): array {
		$now     = ( $this->clock )();
		$missing = array();
		foreach ( array_unique( array_filter( array_map( 'strval', $asset_ids ) ) ) as $id ) {
			if ( isset( $this->memo[ $id ] ) ) {
				continue;
			}
			$cached = get_transient( self::transient_key( $this->channel, $id ) );
			if ( is_array( $cached ) && isset( $cached['expiresAt'] ) && $cached['expiresAt'] > $now ) {
				$this->memo[ $id ] = $cached;
			} else {
				$missing[] = $id;
			}
		}
		foreach ( array_chunk( $missing, self::BATCH_SIZE ) as $chunk ) {
			$this->fetch( $chunk, $now );
		}
		$result = array();
		foreach ( $asset_ids as $id ) {
			$result[ (string) $id ] = $this->memo[ (string) $id ] ?? self::blocked( 'unavailable' );
		}
		return $result;
	}

	/**
	 * Drops cached verdicts (after a webhook) from the transients and from this request's memo.
	 *
	 * @param string[] $asset_ids Asset ids.
	 */
	public function forget( array $asset_ids ): void {
		foreach ( $asset_ids as $id ) {
			delete_transient( self::transient_key( $this->channel, (string) $id ) );
			unset( $this->memo[ (string) $id ] );
		}
	}

	/**
	 * Checks the registry URL and publishable key with one verdicts request for an id that does not exist.
	 *
	 * @return array{ok: bool, status: int, error: string}
	 */
	public function probe(): array {
		if ( '' === $this->registry || '' === $this->key ) {
			return array(
				'ok'     => false,
				'status' => 0,
				'error'  => 'not_configured',
			);
		}
		$response = $this->request( array( 'ast_clearframe_connection_test' ) );
		if ( is_wp_error( $response ) ) {
			return array(
				'ok'     => false,
				'status' => 0,
				'error'  => $response->get_error_message(),
			);
		}
		$status = (int) wp_remote_retrieve_response_code( $response );
		$body   = json_decode( (string) wp_remote_retrieve_body( $response ), true );
		$ok     = 200 === $status && is_array( $body ) && isset( $body['verdicts'] ) && is_array( $body['verdicts'] );
		return array(
			'ok'     => $ok,
			'status' => $status,
			'error'  => $ok ? '' : 'unexpected_response',
		);
	}

	/**
	 * Asks the registry for a batch, caches what it answers, and marks the request failed otherwise.
	 *
	 * @param string[] $ids Asset ids, at most BATCH_SIZE.
	 * @param int      $now Unix time.
	 */
	private function fetch( array $ids, int $now ): void {
		if ( '' === $this->registry || '' === $this->key ) {
			$this->log_failure( 'the registry URL or the publishable key is not configured' );
			return;
		}
		if ( $this->failed ) {
			return;
		}
		$response = $this->request( $ids );
		if ( is_wp_error( $response ) ) {
			$this->fail( $response->get_error_message() );
			return;
		}
		$status = (int) wp_remote_retrieve_response_code( $response );
		$body   = json_decode( (string) wp_remote_retrieve_body( $response ), true );
		if ( 200 !== $status || ! is_array( $body ) || ! isset( $body['verdicts'] ) || ! is_array( $body['verdicts'] ) ) {
			$this->fail( sprintf( 'unexpected answer (HTTP %d)', $status ) );
			return;
		}
		foreach ( $ids as $id ) {
			$verdict           = self::normalise( $body['verdicts'][ $id ] ?? null );
			$this->memo[ $id ] = $verdict;
			$ttl               = self::ttl( $verdict, $now );
			if ( $ttl > 0 ) {
				set_transient( self::transient_key( $this->channel, $id ), $verdict + array( 'expiresAt' => $now + $ttl ), $ttl );
			}
		}
	}

	/**
	 * The HTTP request itself.
	 *
	 * @param string[] $ids Asset ids.
	 * @return array<string, mixed>|WP_Error
	 */
	private function request( array $ids ) {
		$url = $this->registry . '/v1/public/verdicts?' . http_build_query(
			array(
				'ids'     => implode( ',', $ids ),
				'channel' => $this->channel,
				'key'     => $this->key,
			),
			'',
			'&',
			PHP_QUERY_RFC3986
		);
		return wp_remote_get(
			$url,
			array(
				'timeout'     => self::TIMEOUT_SECONDS,
				'redirection' => 0,
				'user-agent'  => 'Clearframe-WordPress/' . CLEARFRAME_VERSION,
				'headers'     => array(
					'Accept' => 'application/json',
					// The publishable key is origin-restricted; a server-side call speaks for the site's origin.
					'Origin' => self::site_origin(),
				),
			)
		);
	}

	/**
	 * Remembers the failure for the rest of the request and logs it once.
	 *
	 * @param string $why What went wrong.
	 */
	private function fail( string $why ): void {
		$this->failed = true;
		$this->log_failure( 'the registry could not be reached: ' . $why );
	}

	/**
	 * Logs once per request that pictures are hidden.
	 *
	 * @param string $why What went wrong.
	 */
	private function log_failure( string $why ): void {
		if ( $this->logged ) {
			return;
		}
		$this->logged = true;
		// phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_error_log -- operators must see why pictures disappear.
		error_log( 'Clearframe: ' . $why . '; pictures without a fresh cached verdict are hidden (fail closed).' );
	}

	/**
	 * How long a verdict may be cached: until nextCheckAt, at most MAX_TTL; 0 = do not cache.
	 *
	 * @param array<string, mixed> $verdict Normalised verdict.
	 * @param int                  $now     Unix time.
	 */
	public static function ttl( array $verdict, int $now ): int {
		$ttl = self::MAX_TTL;
		foreach ( array( 'nextCheckAt', 'approvedUntil' ) as $field ) {
			$at = self::instant( $verdict[ $field ] ?? null );
			if ( null !== $at ) {
				$ttl = min( $ttl, $at - $now );
			}
		}
		return max( 0, $ttl );
	}

	/**
	 * Keeps only the contract's fields; anything unexpected becomes blocked.
	 *
	 * @param mixed $raw One entry of `verdicts`.
	 * @return array<string, mixed>
	 */
	public static function normalise( $raw ): array {
		if ( ! is_array( $raw ) || ! in_array( $raw['status'] ?? null, self::STATUSES, true ) ) {
			return self::blocked( 'invalid' );
		}
		$verdict = array(
			'status'        => $raw['status'],
			'approvedUntil' => is_string( $raw['approvedUntil'] ?? null ) ? $raw['approvedUntil'] : null,
			'nextCheckAt'   => is_string( $raw['nextCheckAt'] ?? null ) ? $raw['nextCheckAt'] : null,
		);
		foreach ( array( 'approvedUntil', 'nextCheckAt' ) as $field ) {
			if ( null !== $verdict[ $field ] && null === self::instant( $verdict[ $field ] ) ) {
				return self::blocked( 'invalid' );
			}
		}
		if ( 'blocked' === $raw['status'] ) {
			return $verdict;
		}
		$media = is_array( $raw['media'] ?? null ) ? $raw['media'] : array();
		if ( ! is_string( $media['src'] ?? null ) || '' === $media['src'] ) {
			return self::blocked( 'invalid' );
		}
		$verdict['media'] = array(
			'src'    => $media['src'],
			'srcset' => is_string( $media['srcset'] ?? null ) ? $media['srcset'] : '',
			'alt'    => is_string( $media['alt'] ?? null ) ? $media['alt'] : '',
			'width'  => is_int( $media['width'] ?? null ) ? $media['width'] : 0,
			'height' => is_int( $media['height'] ?? null ) ? $media['height'] : 0,
		);
		return $verdict;
	}

	/**
	 * A blocked verdict made up locally.
	 *
	 * @param string $why `unavailable` (registry not reached) or `invalid` (answer not understood).
	 * @return array<string, mixed>
	 */
	private static function blocked( string $why ): array {
		return array(
			'status'        => 'blocked',
			'approvedUntil' => null,
			'nextCheckAt'   => null,
			'local'         => $why,
		);
	}

	/**
	 * Parses an ISO 8601 instant; null when absent or unreadable.
	 *
	 * @param mixed $value ISO string or null.
	 */
	private static function instant( $value ): ?int {
		if ( ! is_string( $value ) ) {
			return null;
		}
		$time = strtotime( $value );
		return false === $time ? null : $time;
	}

	/** Scheme, host and port of the site. */
	private static function site_origin(): string {
		$parts = wp_parse_url( home_url() );
		$port  = isset( $parts['port'] ) ? ':' . $parts['port'] : '';
		return ( $parts['scheme'] ?? 'http' ) . '://' . ( $parts['host'] ?? '' ) . $port;
	}
}
