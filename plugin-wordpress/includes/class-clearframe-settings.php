<?php
/**
 * The plugin's options: names, defaults, sanitising, and masked display of secrets.
 *
 * @package Clearframe
 */

defined( 'ABSPATH' ) || exit;

/**
 * Options are registered with the Settings API; secrets are write-only from the admin screen.
 */
final class Clearframe_Settings {

	public const GROUP           = 'clearframe';
	public const REGISTRY_URL    = 'clearframe_registry_url';
	public const EDITOR_KEY      = 'clearframe_editor_key';
	public const PUBLISHABLE_KEY = 'clearframe_publishable_key';
	public const WEBHOOK_SECRET  = 'clearframe_webhook_secret';
	public const CHANNEL         = 'clearframe_channel';
	public const EDITOR_BEHAVIOR = 'clearframe_editor_behavior';

	/** Name of the form field whose checked entries clear a stored secret. */
	public const CLEAR_FIELD = 'clearframe_clear';

	public const DEFAULT_CHANNEL = 'web';
	public const BEHAVIORS       = array( 'block', 'warn' );

	/**
	 * Every option the plugin stores, for uninstall.
	 *
	 * @return string[]
	 */
	public static function all(): array {
		return array( self::REGISTRY_URL, self::EDITOR_KEY, self::PUBLISHABLE_KEY, self::WEBHOOK_SECRET, self::CHANNEL, self::EDITOR_BEHAVIOR );
	}

	/**
	 * The options holding secrets: never printed back, kept when the field is left empty.
	 *
	 * @return string[]
	 */
	public static function secrets(): array {
		return array( self::EDITOR_KEY, self::PUBLISHABLE_KEY, self::WEBHOOK_SECRET );
	}

	/**
	 * Registers the options with the Settings API (not exposed through the REST settings endpoint).
	 */
	public static function register(): void {
		$base = array(
			'type'         => 'string',
			'show_in_rest' => false,
		);
		register_setting(
			self::GROUP,
			self::REGISTRY_URL,
			$base + array(
				'sanitize_callback' => array( self::class, 'sanitize_registry_url' ),
				'default'           => '',
			)
		);
		foreach ( self::secrets() as $secret ) {
			register_setting(
				self::GROUP,
				$secret,
				$base + array(
					'sanitize_callback' => static fn ( $value ) => self::sanitize_secret( $secret, $value ),
					'default'           => '',
				)
			);
		}
		register_setting(
			self::GROUP,
			self::CHANNEL,
			$base + array(
				'sanitize_callback' => array( self::class, 'sanitize_channel' ),
				'default'           => self::DEFAULT_CHANNEL,
			)
		);
		register_setting(
			self::GROUP,
			self::EDITOR_BEHAVIOR,
			$base + array(
				'sanitize_callback' => array( self::class, 'sanitize_behavior' ),
				'default'           => 'block',
			)
		);
	}

	/**
	 * A stored option as a string ('' when unset).
	 *
	 * @param string $name Option name.
	 */
	public static function get( string $name ): string {
		$value = get_option( $name, '' );
		return is_string( $value ) ? $value : '';
	}

	/** The registry's base URL without a trailing slash ('' when not configured). */
	public static function registry_url(): string {
		return untrailingslashit( self::get( self::REGISTRY_URL ) );
	}

	/** The site's channel, `web` unless configured. */
	public static function channel(): string {
		$channel = self::get( self::CHANNEL );
		return '' === $channel ? self::DEFAULT_CHANNEL : $channel;
	}

	/** What the editor does with a non-approved picture: `block` or `warn`. */
	public static function editor_behavior(): string {
		$behavior = self::get( self::EDITOR_BEHAVIOR );
		return in_array( $behavior, self::BEHAVIORS, true ) ? $behavior : 'block';
	}

	/**
	 * Keeps only http(s) URLs.
	 *
	 * @param mixed $value Submitted value.
	 */
	public static function sanitize_registry_url( $value ): string {
		$url = esc_url_raw( trim( (string) $value ), array( 'http', 'https' ) );
		return untrailingslashit( $url );
	}

	/**
	 * An empty submission keeps the stored secret (the form never holds it); the clear checkbox removes it.
	 *
	 * @param string $name  Option name.
	 * @param mixed  $value Submitted value.
	 */
	public static function sanitize_secret( string $name, $value ): string {
		// options.php has verified the option group's nonce before sanitising.
		// phpcs:ignore WordPress.Security.NonceVerification.Missing
		$clear = isset( $_POST[ self::CLEAR_FIELD ] ) && is_array( $_POST[ self::CLEAR_FIELD ] ) ? array_map( 'sanitize_key', wp_unslash( $_POST[ self::CLEAR_FIELD ] ) ) : array();
		if ( in_array( $name, $clear, true ) ) {
			return '';
		}
		$value = trim( sanitize_text_field( (string) $value ) );
		return '' === $value ? self::get( $name ) : $value;
	}

	/**
	 * Channels are short lowercase identifiers.
	 *
	 * @param mixed $value Submitted value.
	 */
	public static function sanitize_channel( $value ): string {
		$channel = strtolower( trim( (string) $value ) );
		return 1 === preg_match( '/^[a-z0-9_-]{1,64}$/', $channel ) ? $channel : self::DEFAULT_CHANNEL;
	}

	/**
	 * `block` or `warn`.
	 *
	 * @param mixed $value Submitted value.
	 */
	public static function sanitize_behavior( $value ): string {
		return in_array( $value, self::BEHAVIORS, true ) ? (string) $value : 'block';
	}

	/**
	 * The last four characters of a secret, for display ('' when none is stored).
	 *
	 * @param string $name Option name.
	 */
	public static function secret_hint( string $name ): string {
		$value = self::get( $name );
		return strlen( $value ) <= 4 ? '' : substr( $value, -4 );
	}
}
