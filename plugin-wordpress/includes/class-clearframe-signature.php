<?php
/**
 * Verifies the registry's webhook signature header; pure PHP, no WordPress calls.
 *
 * @package Clearframe
 */

defined( 'ABSPATH' ) || exit;

/**
 * `X-Clearframe-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`.
 *
 * Several v1 entries may be present (the registry signs with the old and the new secret
 * while a secret is being rotated); one match is enough.
 */
final class Clearframe_Signature {

	public const TOLERANCE_SECONDS = 300;

	public const OK        = 'ok';
	public const MALFORMED = 'malformed';
	public const MISMATCH  = 'mismatch';
	public const STALE     = 'stale';
	public const NO_SECRET = 'no_secret';

	/**
	 * Checks a signature header against the raw body.
	 *
	 * @param string $header Header value.
	 * @param string $body   Raw request body, exactly as received.
	 * @param string $secret Shared webhook secret.
	 * @param int    $now    Current unix time.
	 * @return string One of the class constants.
	 */
	public static function verify( string $header, string $body, string $secret, int $now ): string {
		if ( '' === $secret ) {
			return self::NO_SECRET;
		}
		$parsed = self::parse( $header );
		if ( null === $parsed ) {
			return self::MALFORMED;
		}
		$expected = self::sign( $parsed['t'], $body, $secret );
		$matches  = false;
		foreach ( $parsed['v1'] as $candidate ) {
			$matches = hash_equals( $expected, $candidate ) || $matches;
		}
		if ( ! $matches ) {
			return self::MISMATCH;
		}
		// Checked after the MAC so an attacker learns nothing about the clock from the answer.
		if ( abs( $now - $parsed['t'] ) > self::TOLERANCE_SECONDS ) {
			return self::STALE;
		}
		return self::OK;
	}

	/**
	 * The hex HMAC-SHA256 of "t.body".
	 *
	 * @param int    $timestamp Unix seconds.
	 * @param string $body      Raw body.
	 * @param string $secret    Shared secret.
	 */
	public static function sign( int $timestamp, string $body, string $secret ): string {
		return hash_hmac( 'sha256', $timestamp . '.' . $body, $secret );
	}

	/**
	 * Splits the header into its timestamp and v1 signatures; null when malformed.
	 *
	 * @param string $header Header value.
	 * @return array{t: int, v1: string[]}|null
	 */
	public static function parse( string $header ): ?array {
		$timestamp  = null;
		$signatures = array();
		foreach ( explode( ',', $header ) as $part ) {
			$pair = explode( '=', trim( $part ), 2 );
			if ( 2 !== count( $pair ) ) {
				continue;
			}
			if ( 't' === $pair[0] && 1 === preg_match( '/^\d{1,12}$/', $pair[1] ) ) {
				$timestamp = (int) $pair[1];
			} elseif ( 'v1' === $pair[0] && 1 === preg_match( '/^[0-9a-f]{64}$/', $pair[1] ) ) {
				$signatures[] = $pair[1];
			}
		}
		if ( null === $timestamp || array() === $signatures ) {
			return null;
		}
		return array(
			't'  => $timestamp,
			'v1' => $signatures,
		);
	}
}
