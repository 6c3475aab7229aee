<?php
/**
 * Packs the installable plugin into dist/clearframe.zip (run after `wp-scripts build`).
 *
 * Usage: php scripts/zip.php
 *
 * @package Clearframe
 */

if ( PHP_SAPI !== 'cli' ) {
	exit( 1 );
}

$clearframe_root  = dirname( __DIR__ );
$clearframe_files = array( 'clearframe.php', 'uninstall.php', 'readme.txt' );
$clearframe_dirs  = array( 'includes', 'assets', 'languages', 'build' );

if ( ! is_file( $clearframe_root . '/build/blocks/image/block.json' ) ) {
	fwrite( STDERR, "zip: build/ is missing, run `pnpm build` first\n" );
	exit( 1 );
}

@mkdir( $clearframe_root . '/dist' );
$clearframe_target = $clearframe_root . '/dist/clearframe.zip';
@unlink( $clearframe_target );
$clearframe_zip = new ZipArchive();
if ( true !== $clearframe_zip->open( $clearframe_target, ZipArchive::CREATE | ZipArchive::EXCL ) ) {
	fwrite( STDERR, "zip: cannot create $clearframe_target\n" );
	exit( 1 );
}

$clearframe_paths = $clearframe_files;
foreach ( $clearframe_dirs as $clearframe_dir ) {
	$clearframe_iterator = new RecursiveIteratorIterator( new RecursiveDirectoryIterator( $clearframe_root . '/' . $clearframe_dir, FilesystemIterator::SKIP_DOTS ) );
	foreach ( $clearframe_iterator as $clearframe_file ) {
		$clearframe_paths[] = substr( $clearframe_file->getPathname(), strlen( $clearframe_root ) + 1 );
	}
}
sort( $clearframe_paths );

foreach ( $clearframe_paths as $clearframe_path ) {
	$clearframe_contents = @file_get_contents( $clearframe_root . '/' . $clearframe_path );
	if ( false === $clearframe_contents ) {
		fwrite( STDERR, "zip: cannot read $clearframe_path\n" );
		exit( 1 );
	}
	// wp-scripts writes `<?php return array(…);` asset files: give them the direct-access guard too.
	if ( str_ends_with( $clearframe_path, '.asset.php' ) && ! str_contains( $clearframe_contents, 'ABSPATH' ) ) {
		$clearframe_contents = preg_replace( '/^<\?php\s*/', "<?php defined( 'ABSPATH' ) || exit; ", $clearframe_contents, 1 );
	}
	$clearframe_zip->addFromString( 'clearframe/' . $clearframe_path, $clearframe_contents );
}
$clearframe_zip->close();
echo 'zip: ' . count( $clearframe_paths ) . " files in dist/clearframe.zip\n";
