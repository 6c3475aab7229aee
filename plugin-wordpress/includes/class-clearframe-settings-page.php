<?php
/**
 * Settings → Clearframe: the form, the masked secrets and the "test connection" action.
 *
 * @package Clearframe
 */

defined( 'ABSPATH' ) || exit;

/**
 * The admin screen; only users with `manage_options` reach it.
 */
final class Clearframe_Settings_Page {

	public const SLUG        = 'clearframe';
	public const CAPABILITY  = 'manage_options';
	public const AJAX_ACTION = 'clearframe_test_connection';

	/** The hook suffix of the page, for enqueueing its script only there. */
	private static string $hook = '';

	/**
	 * Adds the page under Settings and its fields.
	 */
	public static function add_menu(): void {
		self::$hook = (string) add_options_page(
			__( 'Clearframe', 'clearframe' ),
			__( 'Clearframe', 'clearframe' ),
			self::CAPABILITY,
			self::SLUG,
			array( self::class, 'render' )
		);
		self::add_fields();
	}

	/**
	 * A "Settings" link on the Plugins screen.
	 *
	 * @param string[] $links Existing links.
	 * @return string[]
	 */
	public static function action_links( array $links ): array {
		$url = admin_url( 'options-general.php?page=' . self::SLUG );
		array_unshift( $links, '<a href="' . esc_url( $url ) . '">' . esc_html__( 'Settings', 'clearframe' ) . '</a>' );
		return $links;
	}

	/**
	 * Loads the test-connection script on this page only.
	 *
	 * @param string $hook_suffix Current admin page.
	 */
	public static function enqueue( string $hook_suffix ): void {
		if ( '' === self::$hook || $hook_suffix !== self::$hook ) {
			return;
		}
		wp_enqueue_script( 'clearframe-settings', plugins_url( 'assets/settings.js', CLEARFRAME_FILE ), array(), CLEARFRAME_VERSION, array( 'in_footer' => true ) );
	}

	/**
	 * Declares the sections and fields rendered by do_settings_sections().
	 */
	private static function add_fields(): void {
		add_settings_section( 'clearframe_registry', __( 'Registry', 'clearframe' ), '__return_false', self::SLUG );
		add_settings_field(
			Clearframe_Settings::REGISTRY_URL,
			__( 'Registry URL', 'clearframe' ),
			array( self::class, 'field_url' ),
			self::SLUG,
			'clearframe_registry',
			array( 'label_for' => Clearframe_Settings::REGISTRY_URL )
		);
		$secrets = array(
			Clearframe_Settings::EDITOR_KEY      => __( 'Editor key', 'clearframe' ),
			Clearframe_Settings::PUBLISHABLE_KEY => __( 'Publishable key', 'clearframe' ),
			Clearframe_Settings::WEBHOOK_SECRET  => __( 'Webhook secret', 'clearframe' ),
		);
		foreach ( $secrets as $name => $label ) {
			add_settings_field( $name, $label, array( self::class, 'field_secret' ), self::SLUG, 'clearframe_registry', array( 'label_for' => $name ) );
		}
		add_settings_section( 'clearframe_publishing', __( 'Publishing', 'clearframe' ), '__return_false', self::SLUG );
		add_settings_field(
			Clearframe_Settings::CHANNEL,
			__( 'Channel of this site', 'clearframe' ),
			array( self::class, 'field_channel' ),
			self::SLUG,
			'clearframe_publishing',
			array( 'label_for' => Clearframe_Settings::CHANNEL )
		);
		add_settings_field(
			Clearframe_Settings::EDITOR_BEHAVIOR,
			__( 'Pictures that are not approved', 'clearframe' ),
			array( self::class, 'field_behavior' ),
			self::SLUG,
			'clearframe_publishing'
		);
	}

	/**
	 * The page.
	 */
	public static function render(): void {
		if ( ! current_user_can( self::CAPABILITY ) ) {
			return;
		}
		?>
		<div class="wrap">
			<h1><?php echo esc_html( get_admin_page_title() ); ?></h1>
			<form action="<?php echo esc_url( admin_url( 'options.php' ) ); ?>" method="post" autocomplete="off">
				<?php
				settings_fields( Clearframe_Settings::GROUP );
				do_settings_sections( self::SLUG );
				submit_button();
				?>
			</form>
			<h2><?php esc_html_e( 'Connection', 'clearframe' ); ?></h2>
			<p><?php esc_html_e( 'Checks the saved registry URL and keys.', 'clearframe' ); ?></p>
			<p>
				<button type="button" class="button" id="clearframe-test-connection"
					data-action="<?php echo esc_attr( self::AJAX_ACTION ); ?>"
					data-nonce="<?php echo esc_attr( wp_create_nonce( self::AJAX_ACTION ) ); ?>"
					data-url="<?php echo esc_url( admin_url( 'admin-ajax.php' ) ); ?>"
					data-pending="<?php esc_attr_e( 'Testing…', 'clearframe' ); ?>"
					data-failed="<?php esc_attr_e( 'The test could not be run.', 'clearframe' ); ?>"
				><?php esc_html_e( 'Test connection', 'clearframe' ); ?></button>
			</p>
			<div id="clearframe-test-result" role="status" aria-live="polite"></div>
			<h2><?php esc_html_e( 'Webhook', 'clearframe' ); ?></h2>
			<p>
				<?php esc_html_e( 'Give the registry this address for revocation notifications, signed with the webhook secret:', 'clearframe' ); ?>
				<code><?php echo esc_html( Clearframe_Webhook::url() ); ?></code>
			</p>
		</div>
		<?php
	}

	/**
	 * The registry URL field.
	 */
	public static function field_url(): void {
		printf(
			'<input type="url" class="regular-text code" id="%1$s" name="%1$s" value="%2$s" placeholder="https://registry.example.org" />',
			esc_attr( Clearframe_Settings::REGISTRY_URL ),
			esc_attr( Clearframe_Settings::get( Clearframe_Settings::REGISTRY_URL ) )
		);
	}

	/**
	 * A write-only secret field: empty, with the last four characters of the stored value as a hint.
	 *
	 * @param array{label_for: string} $args Field arguments.
	 */
	public static function field_secret( array $args ): void {
		$name   = $args['label_for'];
		$stored = '' !== Clearframe_Settings::get( $name );
		$hint   = Clearframe_Settings::secret_hint( $name );
		printf(
			'<input type="password" class="regular-text code" id="%1$s" name="%1$s" value="" autocomplete="new-password" spellcheck="false" />',
			esc_attr( $name )
		);
		echo '<p class="description">';
		if ( $stored && '' !== $hint ) {
			/* translators: %s: the last four characters of the stored key. */
			echo esc_html( sprintf( __( 'A key ending in …%s is stored. Leave the field empty to keep it.', 'clearframe' ), $hint ) );
		} elseif ( $stored ) {
			esc_html_e( 'A key is stored. Leave the field empty to keep it.', 'clearframe' );
		} else {
			esc_html_e( 'No key is stored.', 'clearframe' );
		}
		echo '</p>';
		if ( $stored ) {
			printf(
				'<label><input type="checkbox" name="%1$s[]" value="%2$s" /> %3$s</label>',
				esc_attr( Clearframe_Settings::CLEAR_FIELD ),
				esc_attr( $name ),
				esc_html__( 'Remove the stored key', 'clearframe' )
			);
		}
	}

	/**
	 * The channel field.
	 */
	public static function field_channel(): void {
		printf(
			'<input type="text" class="regular-text code" id="%1$s" name="%1$s" value="%2$s" />',
			esc_attr( Clearframe_Settings::CHANNEL ),
			esc_attr( Clearframe_Settings::channel() )
		);
		echo '<p class="description">' . esc_html__( 'The registry channel this site publishes to, usually web.', 'clearframe' ) . '</p>';
	}

	/**
	 * The editor behaviour radio buttons.
	 */
	public static function field_behavior(): void {
		$current = Clearframe_Settings::editor_behavior();
		$choices = array(
			'block' => __( 'Block publishing a post that contains them', 'clearframe' ),
			'warn'  => __( 'Warn the editor, allow publishing (they are hidden on the site)', 'clearframe' ),
		);
		echo '<fieldset>';
		foreach ( $choices as $value => $label ) {
			printf(
				'<label><input type="radio" name="%1$s" value="%2$s" %3$s /> %4$s</label><br />',
				esc_attr( Clearframe_Settings::EDITOR_BEHAVIOR ),
				esc_attr( $value ),
				checked( $current, $value, false ),
				esc_html( $label )
			);
		}
		echo '</fieldset>';
	}

	/**
	 * Admin-ajax: tests the saved settings against the registry.
	 */
	public static function ajax_test_connection(): void {
		check_ajax_referer( self::AJAX_ACTION );
		if ( ! current_user_can( self::CAPABILITY ) ) {
			wp_send_json_error( array( 'messages' => array( __( 'You are not allowed to do this.', 'clearframe' ) ) ), 403 );
		}
		$public = Clearframe_Plugin::verdicts()->probe();
		$editor = Clearframe_Editor_Api::check_editor_key();
		$lines  = array( self::describe_public( $public ), self::describe_editor( $editor ) );
		if ( $public['ok'] ) {
			wp_send_json_success( array( 'messages' => $lines ) );
		}
		wp_send_json_error( array( 'messages' => $lines ) );
	}

	/**
	 * One sentence about the publishable key check.
	 *
	 * @param array{ok: bool, status: int, error: string} $result Probe result.
	 */
	private static function describe_public( array $result ): string {
		if ( $result['ok'] ) {
			return __( 'Connected: the registry answers and accepts the publishable key.', 'clearframe' );
		}
		if ( 'not_configured' === $result['error'] ) {
			return __( 'Save the registry URL and the publishable key first.', 'clearframe' );
		}
		if ( 0 === $result['status'] ) {
			/* translators: %s: the network error. */
			return sprintf( __( 'The registry could not be reached: %s', 'clearframe' ), $result['error'] );
		}
		/* translators: %d: HTTP status code. */
		return sprintf( __( 'The registry answered with HTTP %d: check the URL and the publishable key.', 'clearframe' ), $result['status'] );
	}

	/**
	 * One sentence about the editor key check.
	 *
	 * @param array{ok: bool, status: int, error: string} $result Check result.
	 */
	private static function describe_editor( array $result ): string {
		if ( $result['ok'] ) {
			return __( 'The editor key is accepted.', 'clearframe' );
		}
		if ( 'not_configured' === $result['error'] ) {
			return __( 'No editor key is stored: the block editor cannot show verdicts.', 'clearframe' );
		}
		if ( 0 === $result['status'] ) {
			/* translators: %s: the network error. */
			return sprintf( __( 'The registry could not be reached with the editor key: %s', 'clearframe' ), $result['error'] );
		}
		/* translators: %d: HTTP status code. */
		return sprintf( __( 'The editor key was refused (HTTP %d).', 'clearframe' ), $result['status'] );
	}
}
