<?php
/**
 * The editor proxy's thumbnail route: who may call it, which ids it takes, and what it passes
 * through from the registry's editor thumbnail (and what not).
 *
 * @package Clearframe
 */

use PHPUnit\Framework\TestCase;

final class EditorApiTest extends TestCase {
	private const KEY = 'cf_ek_secret-editor-key';

	protected function setUp(): void {
		Clearframe_Test_World::reset();
		Clearframe_Test_World::$options = array(
			Clearframe_Settings::REGISTRY_URL => 'https://registry.example/base/',
			Clearframe_Settings::EDITOR_KEY   => self::KEY,
		);
	}

	/**
	 * A canned registry answer with headers.
	 *
	 * @param int                   $status  Status.
	 * @param string                $body    Body.
	 * @param array<string, string> $headers Headers.
	 * @return array<string, mixed>
	 */
	private static function answer( int $status, string $body, array $headers = array() ): array {
		return array(
			'response' => array( 'code' => $status ),
			'headers'  => $headers,
			'body'     => $body,
		);
	}

	/**
	 * The route's answer for an id, with the registry answering $answer.
	 *
	 * @param string                $id      Asset id.
	 * @param mixed                 $answer  The registry's answer (or a WP_Error).
	 * @param array<string, string> $headers Request headers, lower case.
	 * @return WP_REST_Response|WP_Error
	 */
	private static function thumb( string $id, $answer, array $headers = array() ) {
		Clearframe_Test_World::$responder = static fn () => $answer;
		return Clearframe_Editor_Api::thumb( new WP_REST_Request( array( 'id' => $id ), $headers ) );
	}

	public function test_the_routes_are_for_users_who_can_edit_posts(): void {
		Clearframe_Editor_Api::register_routes();
		$thumb = Clearframe_Test_World::$routes['clearframe/v1'][ Clearframe_Editor_Api::THUMB_ROUTE ];
		$sync  = Clearframe_Test_World::$routes['clearframe/v1'][ Clearframe_Editor_Api::SYNC_ROUTE ];

		foreach ( array( $thumb, $sync ) as $route ) {
			Clearframe_Test_World::$capabilities = array();
			$this->assertFalse( call_user_func( $route['permission_callback'] ) );
			Clearframe_Test_World::$capabilities = array( 'read' => true );
			$this->assertFalse( call_user_func( $route['permission_callback'] ) );
			Clearframe_Test_World::$capabilities = array( 'edit_posts' => true );
			$this->assertTrue( call_user_func( $route['permission_callback'] ) );
		}
		$this->assertSame( '^[A-Za-z0-9_-]{1,100}$', $thumb['args']['id']['pattern'] );
	}

	public function test_the_route_takes_asset_ids_only(): void {
		$this->assertSame( 1, preg_match( '#^' . Clearframe_Editor_Api::THUMB_ROUTE . '$#', '/thumb/ast_01J-x' ) );
		foreach ( array( '/thumb/../v1/sync', '/thumb/a%2Fb', '/thumb/', '/thumb/' . str_repeat( 'a', 101 ) ) as $path ) {
			$this->assertSame( 0, preg_match( '#^' . Clearframe_Editor_Api::THUMB_ROUTE . '$#', $path ), $path );
		}
		foreach ( array( '', '../sync', 'ast_1/thumb', 'ast 1', 'ast_1?x=1', str_repeat( 'a', 101 ) ) as $id ) {
			$result = self::thumb( $id, self::answer( 200, 'JPEG', array( 'content-type' => 'image/jpeg' ) ) );
			$this->assertInstanceOf( WP_Error::class, $result, $id );
			$this->assertSame( 'clearframe_invalid_asset_id', $result->code );
			$this->assertSame( array( 'status' => 400 ), $result->data );
		}
		$this->assertSame( array(), Clearframe_Test_World::$requests, 'no request for an invalid id' );
	}

	public function test_the_editor_thumbnail_is_fetched_with_the_key_and_passed_through(): void {
		$result = self::thumb(
			'ast_1',
			self::answer(
				200,
				"\xFF\xD8\xFF JPEG bytes",
				array(
					'Content-Type'  => 'image/jpeg',
					'ETag'          => '"abc"',
					'Cache-Control' => 'private, max-age=300',
				)
			)
		);

		$this->assertInstanceOf( Clearframe_Thumb_Response::class, $result );
		$this->assertSame( 200, $result->get_status() );
		$this->assertSame( "\xFF\xD8\xFF JPEG bytes", $result->get_data() );
		$this->assertSame(
			array(
				'Content-Type'           => 'image/jpeg',
				'Cache-Control'          => 'private, max-age=300',
				'X-Content-Type-Options' => 'nosniff',
				'ETag'                   => '"abc"',
			),
			$result->get_headers()
		);
		$this->assertCount( 1, Clearframe_Test_World::$requests );
		$request = Clearframe_Test_World::$requests[0];
		$this->assertSame( 'https://registry.example/base/v1/assets/ast_1/thumb', $request['url'] );
		$this->assertSame( 'Bearer ' . self::KEY, $request['args']['headers']['Authorization'] );
		$this->assertStringStartsWith( 'image/', $request['args']['headers']['Accept'] );
		$this->assertArrayNotHasKey( 'If-None-Match', $request['args']['headers'] );
		$this->assertSame( 0, $request['args']['redirection'] );
		$this->assertLessThanOrEqual( 10, $request['args']['timeout'] );
	}

	public function test_a_blocked_picture_has_its_thumbnail_too(): void {
		// No verdict is asked for: the registry's editor route answers whatever the verdict.
		$result = self::thumb( 'ast_blocked', self::answer( 200, 'PNG', array( 'content-type' => 'image/png; charset=binary' ) ) );

		$this->assertInstanceOf( Clearframe_Thumb_Response::class, $result );
		$this->assertSame( 'image/png', $result->get_headers()['Content-Type'] );
		$this->assertSame( array( 'https://registry.example/base/v1/assets/ast_blocked/thumb' ), array_column( Clearframe_Test_World::$requests, 'url' ) );
	}

	public function test_revalidation_passes_the_etag_on_and_answers_304(): void {
		$result = self::thumb( 'ast_1', self::answer( 304, '', array( 'etag' => '"abc"' ) ), array( 'if-none-match' => '"abc"' ) );

		$this->assertInstanceOf( Clearframe_Thumb_Response::class, $result );
		$this->assertSame( 304, $result->get_status() );
		$this->assertSame( '', $result->get_data() );
		$this->assertSame( '"abc"', $result->get_headers()['ETag'] );
		$this->assertSame( 'private, max-age=300', $result->get_headers()['Cache-Control'] );
		$this->assertArrayNotHasKey( 'Content-Type', $result->get_headers() );
		$this->assertSame( '"abc"', Clearframe_Test_World::$requests[0]['args']['headers']['If-None-Match'] );
	}

	public function test_only_image_types_are_passed_through(): void {
		foreach ( array( 'text/html', 'image/svg+xml', 'application/json', '' ) as $type ) {
			$result = self::thumb( 'ast_1', self::answer( 200, '<script>alert(1)</script>', array( 'content-type' => $type ) ) );
			$this->assertInstanceOf( WP_Error::class, $result, $type );
			$this->assertSame( 'clearframe_registry_error', $result->code );
			$this->assertSame( array( 'status' => 502 ), $result->data );
		}
	}

	public function test_errors_are_wp_errors_that_never_contain_the_key(): void {
		$cases = array(
			array( new WP_Error( 'http_request_failed', 'cURL error 28: timed out' ), 'clearframe_registry_unreachable', 502 ),
			array( self::answer( 404, '{"title":"Not found"}', array( 'content-type' => 'application/problem+json' ) ), 'clearframe_no_thumbnail', 404 ),
			array( self::answer( 401, '{"title":"Unauthorized"}' ), 'clearframe_editor_key_refused', 502 ),
			array( self::answer( 403, '{"title":"Forbidden"}' ), 'clearframe_editor_key_refused', 502 ),
			array( self::answer( 500, 'oops', array( 'content-type' => 'image/jpeg' ) ), 'clearframe_registry_error', 502 ),
			array( self::answer( 302, '', array( 'location' => 'https://elsewhere.example/x.jpg' ) ), 'clearframe_registry_error', 502 ),
			array( self::answer( 200, '', array( 'content-type' => 'image/jpeg' ) ), 'clearframe_registry_error', 502 ),
		);
		foreach ( $cases as [ $answer, $code, $status ] ) {
			$result = self::thumb( 'ast_1', $answer );
			$this->assertInstanceOf( WP_Error::class, $result, $code );
			$this->assertSame( $code, $result->code );
			$this->assertSame( array( 'status' => $status ), $result->data );
			$this->assertStringNotContainsString( self::KEY, $result->message . serialize( $result->data ) );
		}
	}

	public function test_without_a_registry_url_nothing_is_fetched(): void {
		Clearframe_Test_World::$options = array( Clearframe_Settings::EDITOR_KEY => self::KEY );
		$result                         = self::thumb( 'ast_1', self::answer( 200, 'JPEG', array( 'content-type' => 'image/jpeg' ) ) );

		$this->assertInstanceOf( WP_Error::class, $result );
		$this->assertSame( array( 'status' => 502 ), $result->data );
		$this->assertSame( array(), Clearframe_Test_World::$requests );
	}

	public function test_the_bytes_are_served_as_they_are_and_other_answers_left_alone(): void {
		$thumb = self::thumb( 'ast_1', self::answer( 200, "\xFF\xD8 bytes", array( 'content-type' => 'image/jpeg' ) ) );
		ob_start();
		$served = Clearframe_Editor_Api::serve_thumb( false, $thumb, new WP_REST_Request() );
		$this->assertTrue( $served );
		$this->assertSame( "\xFF\xD8 bytes", ob_get_clean() );

		ob_start();
		$this->assertTrue( Clearframe_Editor_Api::serve_thumb( false, $thumb, new WP_REST_Request( array(), array(), 'HEAD' ) ) );
		$this->assertSame( '', ob_get_clean(), 'no body for HEAD' );

		ob_start();
		$this->assertFalse( Clearframe_Editor_Api::serve_thumb( false, new WP_REST_Response( array( 'a' => 1 ) ), new WP_REST_Request() ) );
		$this->assertTrue( Clearframe_Editor_Api::serve_thumb( true, new WP_REST_Response( null ), new WP_REST_Request() ) );
		$this->assertSame( '', ob_get_clean(), 'JSON answers are the REST server’s' );
	}
}
