<?php
/**
 * The editor proxy's helpers: the thumbnail picked from a public verdict's media.
 *
 * @package Clearframe
 */

use PHPUnit\Framework\TestCase;

final class EditorApiTest extends TestCase {
	public function test_the_thumbnail_is_the_narrowest_rendition_of_the_srcset(): void {
		$media = array(
			'src'    => 'https://r.example/v1/media/ast_1/medium?sig=m',
			'srcset' => 'https://r.example/v1/media/ast_1/thumb?sig=t 320w, https://r.example/v1/media/ast_1/medium?sig=m 800w, https://r.example/v1/media/ast_1/large?sig=l 1600w',
		);
		$this->assertSame( 'https://r.example/v1/media/ast_1/thumb?sig=t', Clearframe_Editor_Api::smallest( $media ) );
	}

	public function test_without_a_srcset_the_thumbnail_is_the_src(): void {
		$media = array(
			'src'    => 'https://r.example/v1/media/ast_1/medium?sig=m',
			'srcset' => '',
		);
		$this->assertSame( $media['src'], Clearframe_Editor_Api::smallest( $media ) );
	}

	public function test_unreadable_candidates_are_skipped(): void {
		$media = array(
			'src'    => 'https://r.example/src',
			'srcset' => 'garbage, https://r.example/x 2x, https://r.example/y 640w',
		);
		$this->assertSame( 'https://r.example/y', Clearframe_Editor_Api::smallest( $media ) );
	}
}
