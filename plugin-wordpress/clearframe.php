<?php
/**
 * Plugin Name:       Clearframe
 * Plugin URI:        https://github.com/clearframe/clearframe
 * Description:       Publishes only pictures whose consent holds, and drops them from published pages when consent ends or is withdrawn.
 * Version:           0.1.0
 * Requires at least: 6.6
 * Requires PHP:      8.1
 * Author:            Clearframe
 * License:           GPL-2.0-or-later
 * License URI:       https://www.gnu.org/licenses/gpl-2.0.html
 * Text Domain:       clearframe
 * Domain Path:       /languages
 *
 * @package Clearframe
 */

defined( 'ABSPATH' ) || exit;

define( 'CLEARFRAME_VERSION', '0.1.0' );
define( 'CLEARFRAME_FILE', __FILE__ );
define( 'CLEARFRAME_DIR', plugin_dir_path( __FILE__ ) );

require_once CLEARFRAME_DIR . 'includes/class-clearframe-settings.php';
require_once CLEARFRAME_DIR . 'includes/class-clearframe-signature.php';
require_once CLEARFRAME_DIR . 'includes/class-clearframe-verdict-client.php';
require_once CLEARFRAME_DIR . 'includes/class-clearframe-asset-index.php';
require_once CLEARFRAME_DIR . 'includes/class-clearframe-usages.php';
require_once CLEARFRAME_DIR . 'includes/class-clearframe-webhook.php';
require_once CLEARFRAME_DIR . 'includes/class-clearframe-editor-api.php';
require_once CLEARFRAME_DIR . 'includes/class-clearframe-settings-page.php';
require_once CLEARFRAME_DIR . 'includes/class-clearframe-block.php';
require_once CLEARFRAME_DIR . 'includes/class-clearframe-plugin.php';

Clearframe_Plugin::boot();
