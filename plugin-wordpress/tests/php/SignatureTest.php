<?php
/**
 * The webhook signature: HMAC over "t.body", five minutes either way, several v1 entries.
 *
 * @package Clearframe
 */

use PHPUnit\Framework\TestCase;

final class SignatureTest extends TestCase {
	private const SECRET = 'whsec_test_0123456789';
	private const BODY   = '{"id":"evt_1","type":"verdicts.changed","assetIds":["ast_1"]}';
	private const NOW    = 1_800_000_000;

	private function header( int $t, string $body = self::BODY, string $secret = self::SECRET ): string {
		return 't=' . $t . ',v1=' . hash_hmac( 'sha256', $t . '.' . $body, $secret );
	}

	public function test_a_fresh_signature_of_the_exact_body_is_accepted(): void {
		$this->assertSame( Clearframe_Signature::OK, Clearframe_Signature::verify( $this->header( self::NOW - 10 ), self::BODY, self::SECRET, self::NOW ) );
	}

	public function test_a_signature_made_with_another_secret_is_a_mismatch(): void {
		$this->assertSame( Clearframe_Signature::MISMATCH, Clearframe_Signature::verify( $this->header( self::NOW, self::BODY, 'other' ), self::BODY, self::SECRET, self::NOW ) );
	}

	public function test_a_changed_body_is_a_mismatch(): void {
		$this->assertSame( Clearframe_Signature::MISMATCH, Clearframe_Signature::verify( $this->header( self::NOW ), str_replace( 'ast_1', 'ast_2', self::BODY ), self::SECRET, self::NOW ) );
	}

	public function test_timestamps_more_than_five_minutes_away_are_stale_both_ways(): void {
		$this->assertSame( Clearframe_Signature::OK, Clearframe_Signature::verify( $this->header( self::NOW - 300 ), self::BODY, self::SECRET, self::NOW ) );
		$this->assertSame( Clearframe_Signature::STALE, Clearframe_Signature::verify( $this->header( self::NOW - 301 ), self::BODY, self::SECRET, self::NOW ) );
		$this->assertSame( Clearframe_Signature::STALE, Clearframe_Signature::verify( $this->header( self::NOW + 301 ), self::BODY, self::SECRET, self::NOW ) );
	}

	public function test_one_matching_v1_among_several_is_enough_for_secret_rotation(): void {
		$good   = $this->header( self::NOW );
		$header = 't=' . self::NOW . ',v1=' . str_repeat( 'ab', 32 ) . ',' . explode( ',', $good )[1];
		$this->assertSame( Clearframe_Signature::OK, Clearframe_Signature::verify( $header, self::BODY, self::SECRET, self::NOW ) );
	}

	public function test_malformed_headers_are_rejected_before_any_mac(): void {
		foreach ( array( '', 'v1=abc', 't=now,v1=' . str_repeat( 'a', 64 ), 't=' . self::NOW, 't=' . self::NOW . ',v1=XYZ' ) as $header ) {
			$this->assertSame( Clearframe_Signature::MALFORMED, Clearframe_Signature::verify( $header, self::BODY, self::SECRET, self::NOW ), $header );
		}
	}

	public function test_without_a_configured_secret_nothing_verifies(): void {
		$this->assertSame( Clearframe_Signature::NO_SECRET, Clearframe_Signature::verify( $this->header( self::NOW, self::BODY, '' ), self::BODY, '', self::NOW ) );
	}
}
