<?php
/**
 * Server-side markup of clearframe/image: the figure only while the registry approves the picture.
 *
 * @package Clearframe
 *
 * @var array<string, mixed> $attributes Block attributes.
 */

defined( 'ABSPATH' ) || exit;

$clearframe_figure = Clearframe_Block::figure( $attributes );
if ( null === $clearframe_figure ) {
	// Blocked, unknown, or no fresh verdict (registry unreachable): nothing at all, fail closed.
	return;
}

// widget-picker's embed keeps watching the verdict in the page: a page left open loses the
// picture at the instant its approval ends, or at the next check after a revocation.
wp_enqueue_script_module( Clearframe_Block::EMBED_MODULE );

$clearframe_wrapper = get_block_wrapper_attributes(
	array(
		'class'                 => 'size-' . $clearframe_figure['size'],
		'data-clearframe-asset' => $clearframe_figure['asset'],
		'data-clearframe-until' => $clearframe_figure['until'],
	)
);
?>
<figure <?php echo $clearframe_wrapper; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- escaped by get_block_wrapper_attributes(). ?>>
	<?php if ( '' !== $clearframe_figure['link'] ) : ?>
		<a href="<?php echo esc_url( $clearframe_figure['link'] ); ?>">
	<?php endif; ?>
	<img
		src="<?php echo esc_url( $clearframe_figure['src'] ); ?>"
		<?php if ( '' !== $clearframe_figure['srcset'] ) : ?>
			srcset="<?php echo esc_attr( $clearframe_figure['srcset'] ); ?>"
			sizes="<?php echo esc_attr( $clearframe_figure['sizes'] ); ?>"
		<?php endif; ?>
		<?php if ( $clearframe_figure['width'] > 0 && $clearframe_figure['height'] > 0 ) : ?>
			width="<?php echo esc_attr( (string) $clearframe_figure['width'] ); ?>"
			height="<?php echo esc_attr( (string) $clearframe_figure['height'] ); ?>"
		<?php endif; ?>
		alt="<?php echo esc_attr( $clearframe_figure['alt'] ); ?>"
		data-cf-asset="<?php echo esc_attr( $clearframe_figure['asset'] ); ?>"
		data-cf-channel="<?php echo esc_attr( $clearframe_figure['channel'] ); ?>"
		data-cf-registry="<?php echo esc_url( $clearframe_figure['registry'] ); ?>"
		data-cf-key="<?php echo esc_attr( $clearframe_figure['key'] ); ?>"
		loading="lazy"
		decoding="async"
	/>
	<?php if ( '' !== $clearframe_figure['link'] ) : ?>
		</a>
	<?php endif; ?>
	<?php if ( '' !== trim( $clearframe_figure['caption'] ) ) : ?>
		<figcaption class="wp-element-caption"><?php echo wp_kses_post( $clearframe_figure['caption'] ); ?></figcaption>
	<?php endif; ?>
</figure>
