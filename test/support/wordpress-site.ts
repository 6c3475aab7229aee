// A throwaway WordPress 6.6 site built from @wp-playground/wordpress-builds (no download):
// SQLite drop-in, non-interactive install, admin user with an application password, the plugin
// unzipped from its installable zip and activated, served by `php -S` with four workers.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './ports.ts';

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const builds = dirname(require.resolve('@wp-playground/wordpress-builds/package.json'));

export const WORDPRESS_BUILD = 'beta'; // 6.6-RC3: the first build with the react-jsx-runtime handle
export const ADMIN = { user: 'admin', password: 'admin-password-e2e', email: 'admin@example.org' };

export interface Site {
  dir: string;
  url: string;
  port: number;
  appPassword: string;
  debugLog: string;
}

const WP_CONFIG = (url: string) => `<?php
define( 'DB_NAME', 'wordpress' );
define( 'DB_USER', '' );
define( 'DB_PASSWORD', '' );
define( 'DB_HOST', '' );
define( 'DB_CHARSET', 'utf8' );
define( 'DB_COLLATE', '' );
define( 'DB_DIR', __DIR__ . '/wp-content/database/' );
define( 'DB_FILE', '.ht.sqlite' );
${[
  'AUTH_KEY',
  'SECURE_AUTH_KEY',
  'LOGGED_IN_KEY',
  'NONCE_KEY',
  'AUTH_SALT',
  'SECURE_AUTH_SALT',
  'LOGGED_IN_SALT',
  'NONCE_SALT',
]
  .map(
    (name) =>
      `define( '${name}', '${name.toLowerCase()}-e2e-${Math.random().toString(36).slice(2)}' );`,
  )
  .join('\n')}
$table_prefix = 'wp_';
define( 'WP_HOME', '${url}' );
define( 'WP_SITEURL', '${url}' );
define( 'WP_ENVIRONMENT_TYPE', 'local' );
define( 'DISABLE_WP_CRON', true );
define( 'AUTOMATIC_UPDATER_DISABLED', true );
define( 'WP_DEBUG', true );
define( 'WP_DEBUG_LOG', __DIR__ . '/wp-content/debug.log' );
define( 'WP_DEBUG_DISPLAY', false );
define( 'CONCATENATE_SCRIPTS', false );
if ( ! defined( 'ABSPATH' ) ) {
	define( 'ABSPATH', __DIR__ . '/' );
}
require_once ABSPATH . 'wp-settings.php';
`;

/** Runs existing files as they are and everything else through WordPress. */
const ROUTER = `<?php
$path = (string) parse_url( $_SERVER['REQUEST_URI'], PHP_URL_PATH );
if ( '/' !== $path && file_exists( $_SERVER['DOCUMENT_ROOT'] . $path ) ) {
	return false;
}
$_SERVER['SCRIPT_NAME'] = '/index.php';
$_SERVER['SCRIPT_FILENAME'] = $_SERVER['DOCUMENT_ROOT'] . '/index.php';
require $_SERVER['DOCUMENT_ROOT'] . '/index.php';
`;

/** Runs PHP code inside the site from the command line (what wp-cli's eval would do). */
const EVAL = `<?php
$_SERVER['HTTP_HOST'] = parse_url( getenv( 'CF_SITE_URL' ), PHP_URL_HOST ) . ':' . parse_url( getenv( 'CF_SITE_URL' ), PHP_URL_PORT );
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['SERVER_NAME'] = '127.0.0.1';
$_SERVER['SERVER_PORT'] = parse_url( getenv( 'CF_SITE_URL' ), PHP_URL_PORT );
if ( getenv( 'CF_INSTALLING' ) ) {
	define( 'WP_INSTALLING', true );
}
require __DIR__ . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
$result = eval( stream_get_contents( STDIN ) );
echo json_encode( $result );
`;

/**
 * Test-site conditions, as a must-use plugin: wordpress.org is out of reach here, so its update
 * checks get an empty answer instead of logging warnings; `cf_e2e_locale` switches the language
 * without installing WordPress's own translations.
 */
const MU_PLUGIN = `<?php
add_filter(
	'pre_http_request',
	static function ( $pre, $args, $url ) {
		$host = (string) wp_parse_url( $url, PHP_URL_HOST );
		if ( 'wordpress.org' === $host || str_ends_with( $host, '.wordpress.org' ) ) {
			return array( 'headers' => array(), 'body' => '', 'response' => array( 'code' => 200, 'message' => 'OK' ), 'cookies' => array(), 'filename' => null );
		}
		return $pre;
	},
	10,
	3
);
add_filter( 'locale', static fn ( $locale ) => get_option( 'cf_e2e_locale' ) ?: $locale );
// Stands in for a page-cache plugin: remembers what the last purge asked for.
add_action( 'clearframe_purge', static fn ( $assets, $posts ) => update_option( 'cf_e2e_last_purge', array( 'assets' => $assets, 'posts' => $posts ) ), 10, 2 );
`;

async function unzip(zip: string, into: string): Promise<void> {
  await run('unzip', ['-q', '-o', zip, '-d', into]);
}

/** Runs PHP in the site and returns what the code returns, decoded from JSON. */
export async function wpEval<T = unknown>(
  site: Pick<Site, 'dir' | 'url'>,
  code: string,
  installing = false,
): Promise<T> {
  const child = spawn('php', ['-d', 'display_errors=stderr', join(site.dir, 'cf-eval.php')], {
    env: { ...process.env, CF_SITE_URL: site.url, ...(installing ? { CF_INSTALLING: '1' } : {}) },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  child.stdin.end(code);
  const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (status !== 0) {
    throw new Error(`wpEval failed (${String(status)}): ${err}${out}`);
  }
  return JSON.parse(out === '' ? 'null' : out) as T;
}

export interface BuildOptions {
  /** The port the site will be served on (its URL is in wp-config); default a free one. */
  port?: number;
  /** The site's title. */
  title?: string;
}

/** Builds, installs and configures a site with the plugin zip installed and active. */
export async function buildSite(pluginZip: string, options: BuildOptions = {}): Promise<Site> {
  const dir = mkdtempSync(join(tmpdir(), 'clearframe-wp-'));
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  await unzip(join(builds, 'src/wordpress', `wp-${WORDPRESS_BUILD}.zip`), dir);
  // The zips hold PHP only; the static files sit beside them in the package.
  cpSync(join(builds, 'public', `wp-${WORDPRESS_BUILD}`), dir, { recursive: true });
  rmSync(join(dir, 'wp-content/database/.ht.sqlite'), { force: true });

  const plugins = join(dir, 'wp-content/plugins');
  await unzip(
    join(builds, 'src/sqlite-database-integration/sqlite-database-integration.zip'),
    plugins,
  );
  const sqlite = join(plugins, 'sqlite-database-integration');
  cpSync(join(plugins, 'sqlite-database-integration-main'), sqlite, { recursive: true });
  rmSync(join(plugins, 'sqlite-database-integration-main'), { recursive: true, force: true });
  writeFileSync(
    join(dir, 'wp-content/db.php'),
    readFileSync(join(sqlite, 'db.copy'), 'utf8')
      .replace("'{SQLITE_IMPLEMENTATION_FOLDER_PATH}'", JSON.stringify(sqlite).replace(/"/g, "'"))
      .replace('{SQLITE_PLUGIN}', 'sqlite-database-integration/load.php'),
  );
  writeFileSync(join(dir, 'wp-config.php'), WP_CONFIG(url));
  writeFileSync(join(dir, 'cf-router.php'), ROUTER);
  writeFileSync(join(dir, 'cf-eval.php'), EVAL);
  mkdirSync(join(dir, 'wp-content/mu-plugins'), { recursive: true });
  writeFileSync(join(dir, 'wp-content/mu-plugins/cf-e2e.php'), MU_PLUGIN);

  await wpEval(
    { dir, url },
    `wp_install( ${JSON.stringify(options.title ?? 'Clearframe e2e')}, '${ADMIN.user}', '${ADMIN.email}', true, '', '${ADMIN.password}' );
     update_option( 'permalink_structure', '/%postname%/' );
     return true;`,
    true,
  );
  await unzip(pluginZip, plugins);
  const appPassword = await wpEval<string>(
    { dir, url },
    `$error = activate_plugin( 'clearframe/clearframe.php' );
     if ( is_wp_error( $error ) ) { throw new Exception( $error->get_error_message() ); }
     [ $password ] = WP_Application_Passwords::create_new_application_password( 1, array( 'name' => 'e2e' ) );
     return $password;`,
  );
  return { dir, url, port, appPassword, debugLog: join(dir, 'wp-content/debug.log') };
}

export interface Server {
  stop(): Promise<void>;
}

/** Serves the site with PHP's built-in server, four workers, until stop(). */
export async function serve(site: Site): Promise<Server> {
  const child: ChildProcess = spawn(
    'php',
    ['-S', `127.0.0.1:${site.port}`, '-t', site.dir, join(site.dir, 'cf-router.php')],
    {
      env: { ...process.env, PHP_CLI_SERVER_WORKERS: '4' },
      stdio: 'ignore',
      // Its own process group: stop() signals the parent and every worker at once.
      detached: true,
    },
  );
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      const response = await fetch(`${site.url}/wp-login.php`);
      if (response.ok) {
        break;
      }
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || child.exitCode !== null) {
      throw new Error('php -S did not start');
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    async stop() {
      if (child.pid === undefined || child.exitCode !== null) {
        return;
      }
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.kill(-child.pid, 'SIGTERM');
      await exited;
    },
  };
}

/** New lines of the site's debug.log since a mark taken with logMark(). */
export function logMark(site: Site): number {
  return existsSync(site.debugLog) ? readFileSync(site.debugLog).length : 0;
}

export function logSince(site: Site, mark: number): string[] {
  if (!existsSync(site.debugLog)) {
    return [];
  }
  return readFileSync(site.debugLog)
    .subarray(mark)
    .toString('utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');
}

export function removeSite(site: Site): void {
  rmSync(site.dir, { recursive: true, force: true });
}
