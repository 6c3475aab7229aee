// Before publishing: lists the Clearframe pictures of the post whose consent is ending (with
// their last day) or that are blocked (with the reason), and, when the setting says `block`,
// keeps the post from being saved or published (lockPostSaving) while any of them is blocked.
// The verdicts are live (the picker script's approvals), and opening the publish panel asks the
// registry again, so a consent withdrawn while the post was open counts.
import { useDispatch, useSelect } from '@wordpress/data';
import { PluginPrePublishPanel } from '@wordpress/editor';
import { useEffect } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';
import { registerPlugin } from '@wordpress/plugins';
import { reasonText } from '../blocks/image/reasons';
import { useTimeZone, useVerdicts } from '../blocks/image/verdict';
import { lastDay, reasonsInWords, type EditorVerdict } from '../blocks/image/verdict-state';
import type {} from '../picker/global';

const BLOCK = 'clearframe/image';
const LOCK = 'clearframe';
const NOTICE = 'clearframe-blocked';

/** The asset ids of every clearframe/image block of the post, nested ones too, in order. */
function usePictureIds(): string[] {
  // A string, so the selector's result compares equal while nothing changed.
  const joined = useSelect((select) => {
    const blocks = select('core/block-editor');
    const ids: string[] = [];
    for (const clientId of blocks.getClientIdsWithDescendants()) {
      if (blocks.getBlockName(clientId) !== BLOCK) continue;
      const id = blocks.getBlockAttributes(clientId)?.assetId;
      if (typeof id === 'string' && id !== '') ids.push(id);
    }
    return [...new Set(ids)].join(',');
  }, []);
  return joined === '' ? [] : joined.split(',');
}

interface Listed {
  id: string;
  verdict: EditorVerdict;
}

function PublishGuard() {
  const ids = usePictureIds();
  const verdicts = useVerdicts(ids);
  const timeZone = useTimeZone();
  const behavior = window.clearframeEditor?.behavior ?? 'block';
  const lang = window.clearframeEditor?.lang ?? 'en';

  // Publishing is the moment that counts: ask the registry again when the publish panel opens.
  const publishing = useSelect((select) => select('core/editor').isPublishSidebarOpened(), []);
  const hasPictures = ids.length > 0;
  useEffect(() => {
    if (publishing && hasPictures) void window.clearframePicker?.refresh().catch(() => undefined);
  }, [publishing, hasPictures]);

  const blocked: Listed[] = [];
  const expiring: Listed[] = [];
  const unchecked: string[] = [];
  for (const id of ids) {
    const state = verdicts.get(id);
    if (state?.state === 'error') unchecked.push(id);
    if (state?.state !== 'complete') continue;
    const { verdict } = state;
    if (verdict.status === 'blocked') blocked.push({ id, verdict });
    else if (verdict.status === 'expiring') expiring.push({ id, verdict });
  }
  const locked = behavior === 'block' && blocked.length > 0;

  const { lockPostSaving, unlockPostSaving } = useDispatch('core/editor');
  const { createErrorNotice, removeNotice } = useDispatch('core/notices');
  useEffect(() => {
    if (locked) {
      lockPostSaving(LOCK);
      createErrorNotice(
        __(
          'This post contains a picture that may not be published (see its block). Remove or replace it to save or publish.',
          'clearframe',
        ),
        { id: NOTICE, isDismissible: false },
      );
    } else {
      unlockPostSaving(LOCK);
      removeNotice(NOTICE);
    }
  }, [locked, lockPostSaving, unlockPostSaving, createErrorNotice, removeNotice]);

  if (blocked.length === 0 && expiring.length === 0 && unchecked.length === 0) {
    return null;
  }
  return (
    <PluginPrePublishPanel
      title={__('Clearframe pictures', 'clearframe')}
      initialOpen
      className="clearframe-prepublish"
    >
      {blocked.length > 0 && (
        <>
          <p>
            {behavior === 'block'
              ? __('These pictures may not be published, so neither may this post:', 'clearframe')
              : __('These pictures may not be published and are hidden on the page:', 'clearframe')}
          </p>
          <ul className="clearframe-prepublish-blocked">
            {blocked.map(({ id, verdict }) => (
              <li key={id}>
                {`${id}: ${reasonsInWords(verdict, reasonText) || __('no reason given', 'clearframe')}`}
              </li>
            ))}
          </ul>
        </>
      )}
      {expiring.length > 0 && (
        <>
          <p>
            {__(
              'Consent for these pictures is ending; they disappear from the page after their last day:',
              'clearframe',
            )}
          </p>
          <ul className="clearframe-prepublish-expiring">
            {expiring.map(({ id, verdict }) => (
              <li key={id}>
                {sprintf(
                  /* translators: 1: asset id, 2: date */
                  __('%1$s: last day %2$s', 'clearframe'),
                  id,
                  verdict.approvedUntil === null
                    ? ''
                    : lastDay(verdict.approvedUntil, lang, timeZone),
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {unchecked.length > 0 && (
        <p>
          {sprintf(
            /* translators: %s: asset ids */
            __(
              'The registry could not be asked about %s; they are hidden on the page until it answers.',
              'clearframe',
            ),
            unchecked.join(', '),
          )}
        </p>
      )}
    </PluginPrePublishPanel>
  );
}

registerPlugin('clearframe-publish-guard', { render: PublishGuard });
