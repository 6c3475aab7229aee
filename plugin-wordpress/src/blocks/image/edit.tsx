// The editor side of clearframe/image: asset id, alt, caption, size, link, and the verdict Notice.
import { InspectorControls, useBlockProps } from '@wordpress/block-editor';
import type { BlockEditProps } from '@wordpress/blocks';
import {
  Notice,
  PanelBody,
  Placeholder,
  SelectControl,
  Spinner,
  TextControl,
  TextareaControl,
} from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';
import { reasonText } from './reasons';
import { useVerdict, type VerdictState } from './verdict';

export const SIZES = ['thumbnail', 'medium', 'large', 'full'] as const;
export type Size = (typeof SIZES)[number];

export interface ImageAttributes {
  [key: string]: unknown;
  assetId: string;
  alt: string;
  caption: string;
  size: Size;
  linkUrl: string;
}

function formatDate(iso: string): string {
  return new Date(iso).toLocaleDateString(undefined, { dateStyle: 'long' });
}

function VerdictNotice({ result }: { result: VerdictState }) {
  if (result.state === 'pending') {
    return <Spinner />;
  }
  if (result.state === 'error') {
    return (
      <Notice status="warning" isDismissible={false}>
        {sprintf(
          /* translators: %s: error message */
          __('The verdict could not be loaded: %s', 'clearframe'),
          result.message,
        )}
      </Notice>
    );
  }
  if (result.state !== 'complete') {
    return null;
  }
  const { verdict, behavior } = result.value;
  if (verdict.status === 'expiring' && verdict.approvedUntil !== null) {
    return (
      <Notice status="warning" isDismissible={false}>
        {sprintf(
          /* translators: %s: date */
          __(
            'Consent for this picture ends on %s; it will then disappear from the site.',
            'clearframe',
          ),
          formatDate(verdict.approvedUntil),
        )}
      </Notice>
    );
  }
  if (verdict.status === 'blocked') {
    const why = [...new Set(verdict.reasons.map((reason) => reasonText(reason.code)))].join('; ');
    return (
      <Notice status="error" isDismissible={false}>
        {sprintf(
          /* translators: %s: reasons */
          __('This picture may not be published: %s.', 'clearframe'),
          why === '' ? __('no reason given', 'clearframe') : why,
        )}{' '}
        {behavior === 'block'
          ? __('A post containing it cannot be published.', 'clearframe')
          : __('It is hidden on the published page.', 'clearframe')}
      </Notice>
    );
  }
  return null;
}

export function Edit({ attributes, setAttributes }: BlockEditProps<ImageAttributes>) {
  const { assetId, alt, caption, size, linkUrl } = attributes;
  const verdict = useVerdict(assetId);
  const blockProps = useBlockProps();

  return (
    <div {...blockProps}>
      <InspectorControls>
        <PanelBody title={__('Picture', 'clearframe')}>
          <TextareaControl
            label={__('Alternative text', 'clearframe')}
            help={__('Leave empty to use the text from the registry.', 'clearframe')}
            value={alt}
            onChange={(value) => setAttributes({ alt: value })}
          />
          <SelectControl<Size>
            label={__('Size', 'clearframe')}
            value={size}
            options={[
              { label: __('Thumbnail', 'clearframe'), value: 'thumbnail' },
              { label: __('Medium', 'clearframe'), value: 'medium' },
              { label: __('Large', 'clearframe'), value: 'large' },
              { label: __('Full width', 'clearframe'), value: 'full' },
            ]}
            onChange={(value) => setAttributes({ size: value })}
            __nextHasNoMarginBottom
            __next40pxDefaultSize
          />
          <TextControl
            label={__('Link', 'clearframe')}
            type="url"
            value={linkUrl}
            onChange={(value) => setAttributes({ linkUrl: value })}
            __nextHasNoMarginBottom
            __next40pxDefaultSize
          />
        </PanelBody>
      </InspectorControls>
      <Placeholder
        icon="format-image"
        label={__('Clearframe image', 'clearframe')}
        instructions={__(
          'Shown on the site only while the registry approves the picture.',
          'clearframe',
        )}
      >
        <TextControl
          label={__('Asset id', 'clearframe')}
          value={assetId}
          onChange={(value) => setAttributes({ assetId: value.trim() })}
          __nextHasNoMarginBottom
          __next40pxDefaultSize
        />
        <TextControl
          label={__('Caption', 'clearframe')}
          value={caption}
          onChange={(value) => setAttributes({ caption: value })}
          __nextHasNoMarginBottom
          __next40pxDefaultSize
        />
      </Placeholder>
      <VerdictNotice result={verdict} />
    </div>
  );
}
