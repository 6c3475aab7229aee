<?php
/**
 * The verdict client: transient lifetimes, fail closed, one registry failure and one log line per request.
 *
 * @package Clearframe
 */

use PHPUnit\Framework\TestCase;

final class VerdictClientTest extends TestCase {
	private string $log;

	protected function setUp(): void {
		Clearframe_Test_World::reset();
		$this->log = (string) tempnam( sys_get_temp_dir(), 'cf-log' );
		ini_set( 'error_log', $this->log );
	}

	protected function tearDown(): void {
		ini_restore( 'error_log' );
		@unlink( $this->log );
	}

	private function client(): Clearframe_Verdict_Client {
		return new Clearframe_Verdict_Client( 'https://registry.example.org', 'cf_pk_test', 'web', static fn () => Clearframe_Test_World::$now );
	}

	private static function iso( int $t ): string {
		return gmdate( 'Y-m-d\TH:i:s.000\Z', $t );
	}

	/**
	 * Answers the public verdicts shape with the given verdicts for every requested id.
	 *
	 * @param array<string, array<string, mixed>> $verdicts By id.
	 */
	private static function answer( array $verdicts ): void {
		Clearframe_Test_World::$responder = static function ( string $url ) use ( $verdicts ) {
			parse_str( (string) parse_url( $url, PHP_URL_QUERY ), $query );
			$out = array();
			foreach ( explode( ',', $query['ids'] ) as $id ) {
				$out[ $id ] = $verdicts[ $id ] ?? array(
					'status'        => 'blocked',
					'approvedUntil' => null,
					'nextCheckAt'   => null,
				);
			}
			return Clearframe_Test_World::json(
				200,
				array(
					'checkedAt' => self::iso( Clearframe_Test_World::$now ),
					'verdicts'  => $out,
				)
			);
		};
	}

	private static function approved( int $until, ?int $next ): array {
		return array(
			'status'        => 'approved',
			'approvedUntil' => self::iso( $until ),
			'nextCheckAt'   => null === $next ? null : self::iso( $next ),
			'media'         => array(
				'src'    => 'https://registry.example.org/v1/media/ast_1/medium?sig=x',
				'srcset' => 'a 320w',
				'alt'    => 'Two children',
				'width'  => 1600,
				'height' => 1067,
			),
		);
	}

	private function log_lines(): array {
		return array_values( array_filter( explode( "\n", (string) file_get_contents( $this->log ) ) ) );
	}

	public function test_it_asks_the_public_endpoint_with_ids_channel_and_key_and_a_short_timeout(): void {
		self::answer( array() );
		$this->client()->verdicts( array( 'ast_1', 'ast_2' ) );
		$this->assertCount( 1, Clearframe_Test_World::$requests );
		$request = Clearframe_Test_World::$requests[0];
		$this->assertSame( 'https://registry.example.org/v1/public/verdicts?ids=ast_1%2Cast_2&channel=web&key=cf_pk_test', $request['url'] );
		$this->assertLessThanOrEqual( 3, $request['args']['timeout'] );
		$this->assertSame( 'https://news.example.org', $request['args']['headers']['Origin'] );
	}

	public function test_an_approved_verdict_is_cached_until_next_check_at(): void {
		$now = Clearframe_Test_World::$now;
		self::answer( array( 'ast_1' => self::approved( $now + 86400, $now + 120 ) ) );
		$verdict = $this->client()->verdict( 'ast_1' );
		$this->assertTrue( Clearframe_Verdict_Client::is_showable( $verdict, $now ) );
		$entry = Clearframe_Test_World::$transients[ Clearframe_Verdict_Client::transient_key( 'web', 'ast_1' ) ];
		$this->assertSame( $now + 120, $entry['expires'] );
	}

	public function test_a_verdict_is_never_cached_longer_than_fifteen_minutes(): void {
		$now = Clearframe_Test_World::$now;
		self::answer( array( 'ast_1' => self::approved( $now + 86400 * 365, null ) ) );
		$this->client()->verdict( 'ast_1' );
		$entry = Clearframe_Test_World::$transients[ Clearframe_Verdict_Client::transient_key( 'web', 'ast_1' ) ];
		$this->assertSame( $now + 900, $entry['expires'] );
	}

	public function test_a_fresh_cached_verdict_is_used_without_asking_the_registry(): void {
		$now = Clearframe_Test_World::$now;
		self::answer( array( 'ast_1' => self::approved( $now + 86400, $now + 600 ) ) );
		$this->client()->verdict( 'ast_1' );
		Clearframe_Test_World::$requests  = array();
		Clearframe_Test_World::$responder = static fn () => new WP_Error( 'http_request_failed', 'down' );
		Clearframe_Test_World::$now       = $now + 300;
		$verdict                          = $this->client()->verdict( 'ast_1' );
		$this->assertSame( 'approved', $verdict['status'] );
		$this->assertSame( array(), Clearframe_Test_World::$requests );
		$this->assertSame( array(), $this->log_lines() );
	}

	public function test_unreachable_registry_and_expired_cache_fail_closed_with_one_request_and_one_log_line(): void {
		$now = Clearframe_Test_World::$now;
		self::answer( array( 'ast_1' => self::approved( $now + 86400, $now + 60 ) ) );
		$this->client()->verdict( 'ast_1' );
		Clearframe_Test_World::$requests  = array();
		Clearframe_Test_World::$responder = static fn () => new WP_Error( 'http_request_failed', 'cURL error 7' );
		Clearframe_Test_World::$now       = $now + 61;
		$client                           = $this->client();
		$first                            = $client->verdict( 'ast_1' );
		$second                           = $client->verdict( 'ast_2' );
		$this->assertSame( 'blocked', $first['status'] );
		$this->assertSame( 'blocked', $second['status'] );
		$this->assertFalse( Clearframe_Verdict_Client::is_showable( $first, Clearframe_Test_World::$now ) );
		$this->assertCount( 1, Clearframe_Test_World::$requests );
		$this->assertCount( 1, $this->log_lines() );
		$this->assertStringContainsString( 'fail closed', $this->log_lines()[0] );
	}

	public function test_an_error_status_or_a_malformed_body_also_fails_closed_and_is_not_cached(): void {
		foreach ( array( Clearframe_Test_World::json( 500, array( 'title' => 'oops' ) ), Clearframe_Test_World::json( 200, 'not json' ) ) as $response ) {
			Clearframe_Test_World::reset();
			Clearframe_Test_World::$responder = static fn () => $response;
			$this->assertSame( 'blocked', $this->client()->verdict( 'ast_1' )['status'] );
			$this->assertSame( array(), Clearframe_Test_World::$transients );
		}
	}

	public function test_an_approved_verdict_without_media_or_with_an_unreadable_date_counts_as_blocked(): void {
		$now = Clearframe_Test_World::$now;
		$bad = self::approved( $now + 86400, null );
		unset( $bad['media'] );
		$this->assertSame( 'blocked', Clearframe_Verdict_Client::normalise( $bad )['status'] );
		$bad                  = self::approved( $now + 86400, null );
		$bad['approvedUntil'] = 'tomorrow-ish';
		$this->assertSame( 'blocked', Clearframe_Verdict_Client::normalise( $bad )['status'] );
		$this->assertSame( 'blocked', Clearframe_Verdict_Client::normalise( array( 'status' => 'maybe' ) )['status'] );
	}

	public function test_a_verdict_past_its_approved_until_is_not_shown_even_if_cached(): void {
		$now     = Clearframe_Test_World::$now;
		$verdict = Clearframe_Verdict_Client::normalise( self::approved( $now + 10, null ) );
		$this->assertTrue( Clearframe_Verdict_Client::is_showable( $verdict, $now + 9 ) );
		$this->assertFalse( Clearframe_Verdict_Client::is_showable( $verdict, $now + 10 ) );
	}

	public function test_blocked_verdicts_are_cached_too_and_forget_drops_them(): void {
		self::answer( array() );
		$client = $this->client();
		$client->verdict( 'ast_9' );
		$key = Clearframe_Verdict_Client::transient_key( 'web', 'ast_9' );
		$this->assertArrayHasKey( $key, Clearframe_Test_World::$transients );
		$client->forget( array( 'ast_9' ) );
		$this->assertArrayNotHasKey( $key, Clearframe_Test_World::$transients );
		$client->verdict( 'ast_9' );
		$this->assertCount( 2, Clearframe_Test_World::$requests );
	}

	public function test_more_than_a_hundred_ids_are_asked_in_batches(): void {
		self::answer( array() );
		$ids = array_map( static fn ( $i ) => 'ast_' . $i, range( 1, 250 ) );
		$this->assertCount( 250, $this->client()->verdicts( $ids ) );
		$this->assertCount( 3, Clearframe_Test_World::$requests );
	}

	public function test_without_registry_or_key_everything_is_blocked_and_nothing_is_asked(): void {
		$client = new Clearframe_Verdict_Client( '', '', 'web' );
		$this->assertSame( 'blocked', $client->verdict( 'ast_1' )['status'] );
		$this->assertSame( array(), Clearframe_Test_World::$requests );
		$this->assertCount( 1, $this->log_lines() );
	}
}
