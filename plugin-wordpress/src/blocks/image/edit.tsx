// The editor side of clearframe/image: the media button and picker, alt (prefilled from the
// registry, editable), caption, size, link, and the verdict Notice.
import { BlockControls, InspectorControls, useBlockProps } from '@wordpress/block-editor';
import type { BlockEditProps } from '@wordpress/blocks';
import {
  Button,
  Notice,
  PanelBody,
  Placeholder,
  SelectControl,
  Spinner,
  TextControl,
  TextareaControl,
  ToolbarButton,
  ToolbarGroup,
} from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';
import type { PickerItem } from '@clearframe/picker';
import { thumbUrl } from '../../picker/global';
import { PickerModal } from './picker-modal';
import { reasonText } from './reasons';
import { useTimeZone, useVerdict, type VerdictState } from './verdict';
import { lastDay, moment, reasonsInWords } from './verdict-state';

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

function VerdictNotice({ result }: { result: VerdictState }) {
  const timeZone = useTimeZone();
  const lang = window.clearframeEditor?.lang ?? 'en';
  const behavior = window.clearframeEditor?.behavior ?? 'block';
  if (result.state === 'pending') {
    return <Spinner />;
  }
  if (result.state === 'error') {
    return (
      <Notice status="warning" isDismissible={false} className="clearframe-verdict-unchecked">
        {result.detail === undefined
          ? __(
              'The registry could not be asked about this picture. It is left out of the published page until the registry answers.',
              'clearframe',
            )
          : sprintf(
              /* translators: %s: error message */
              __(
                'The registry could not be asked about this picture (%s). It is left out of the published page until the registry answers.',
                'clearframe',
              ),
              result.detail,
            )}
      </Notice>
    );
  }
  if (result.state !== 'complete') {
    return null;
  }
  const { verdict } = result;
  const stale = verdict.stale && (
    <Notice status="warning" isDismissible={false} className="clearframe-verdict-stale">
      {verdict.syncedAt === null
        ? __(
            'The registry has not been reached: what is shown here may be out of date.',
            'clearframe',
          )
        : sprintf(
            /* translators: %s: date and time */
            __(
              'The registry has not been reached since %s: what is shown here may be out of date.',
              'clearframe',
            ),
            moment(verdict.syncedAt, lang),
          )}
    </Notice>
  );
  if (verdict.status === 'expiring' && verdict.approvedUntil !== null) {
    return (
      <>
        {stale}
        <Notice status="warning" isDismissible={false} className="clearframe-verdict-expiring">
          {sprintf(
            /* translators: %s: date */
            __(
              'Consent for this picture ends on %s; it will then disappear from the site.',
              'clearframe',
            ),
            lastDay(verdict.approvedUntil, lang, timeZone),
          )}
        </Notice>
      </>
    );
  }
  if (verdict.status === 'blocked') {
    const why = reasonsInWords(verdict, reasonText);
    return (
      <>
        {stale}
        <Notice status="error" isDismissible={false} className="clearframe-verdict-blocked">
          {sprintf(
            /* translators: %s: reasons */
            __('This picture may not be published: %s.', 'clearframe'),
            why === '' ? __('no reason given', 'clearframe') : why,
          )}{' '}
          {behavior === 'block'
            ? __('A post containing it cannot be published.', 'clearframe')
            : __('It is hidden on the published page.', 'clearframe')}
        </Notice>
      </>
    );
  }
  return stale || null;
}

/** The picture as the editor sees it: its thumbnail through the plugin, whatever the verdict. */
function Preview({ assetId, alt }: { assetId: string; alt: string }) {
  const [failed, setFailed] = useState(false);
  if (failed) {
    return null;
  }
  const settings = window.clearframeEditor;
  if (settings === undefined) {
    return null;
  }
  const src = thumbUrl(settings, assetId);
  return <img className="clearframe-preview" src={src} alt={alt} onError={() => setFailed(true)} />;
}

export function Edit({ attributes, setAttributes }: BlockEditProps<ImageAttributes>) {
  const { assetId, alt, caption, size, linkUrl } = attributes;
  const verdict = useVerdict(assetId);
  const blockProps = useBlockProps();
  const [picking, setPicking] = useState(false);

  const pick = (item: PickerItem) => {
    setAttributes({ assetId: item.id, alt: item.alt ?? '' });
    setPicking(false);
  };
  const chooseLabel =
    assetId === '' ? __('Choose a picture', 'clearframe') : __('Replace the picture', 'clearframe');

  // The verdict as data too: for styles, and for tests that wait for it.
  const shown = verdict.state === 'complete' ? verdict.verdict.status : verdict.state;
  return (
    <div {...blockProps} data-clearframe-verdict={shown}>
      <BlockControls group="other">
        <ToolbarGroup>
          <ToolbarButton onClick={() => setPicking(true)}>{chooseLabel}</ToolbarButton>
        </ToolbarGroup>
      </BlockControls>
      <InspectorControls>
        <PanelBody title={__('Picture', 'clearframe')}>
          <TextareaControl
            label={__('Alternative text', 'clearframe')}
            help={__(
              'Prefilled from the registry. Leave empty to use the registry’s text.',
              'clearframe',
            )}
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
        {assetId !== '' && <Preview key={assetId} assetId={assetId} alt={alt} />}
        <Button variant="primary" onClick={() => setPicking(true)}>
          {chooseLabel}
        </Button>
        {assetId !== '' && (
          <TextControl
            label={__('Caption', 'clearframe')}
            value={caption}
            onChange={(value) => setAttributes({ caption: value })}
            __nextHasNoMarginBottom
            __next40pxDefaultSize
          />
        )}
      </Placeholder>
      <VerdictNotice result={verdict} />
      {picking && <PickerModal onPick={pick} onClose={() => setPicking(false)} />}
    </div>
  );
}
