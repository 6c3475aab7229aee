// The media button's dialog: widget-picker's <cf-picker> in a Modal, for the site's channel,
// fed by the picker script (window.clearframePicker) through the plugin's REST proxy.
import { Modal, Notice } from '@wordpress/components';
import { useEffect, useRef } from '@wordpress/element';
import { __ } from '@wordpress/i18n';
import type { PickerItem, PickerSource } from '@clearframe/picker';
import type {} from '../../picker/global';

/** The parts of <cf-picker> and its cf-pick event the block uses. */
interface PickerElement extends HTMLElement {
  source: PickerSource | undefined;
}
interface PickEvent extends Event {
  item: PickerItem;
  warned: boolean;
}

export interface PickerModalProps {
  onPick(item: PickerItem): void;
  onClose(): void;
}

export function PickerModal({ onPick, onClose }: PickerModalProps) {
  const host = useRef<HTMLDivElement>(null);
  const settings = window.clearframeEditor;
  const picker = window.clearframePicker;
  const callbacks = useRef({ onPick, onClose });
  callbacks.current = { onPick, onClose };

  useEffect(() => {
    if (host.current === null || picker === undefined || settings === undefined) return undefined;
    // Made by hand, not by JSX: React 18 would set `source` as an attribute, not a property.
    const element = host.current.ownerDocument.createElement('cf-picker') as PickerElement;
    element.setAttribute('channel', settings.channel);
    element.setAttribute('mode', settings.behavior === 'block' ? 'disable' : 'warn');
    element.setAttribute('lang', settings.lang);
    element.source = picker.source();
    // A consent's last day is read in the policy's zone, once the records are synced.
    const stopZone = picker.timeZone((zone) => element.setAttribute('time-zone', zone));
    // The badges as the registry has them now, not as the last sync left them.
    void picker.refresh().catch(() => undefined);
    const pick = (event: Event) => callbacks.current.onPick((event as PickEvent).item);
    const cancel = () => callbacks.current.onClose();
    element.addEventListener('cf-pick', pick);
    element.addEventListener('cf-cancel', cancel);
    host.current.append(element);
    return () => {
      stopZone();
      element.removeEventListener('cf-pick', pick);
      element.removeEventListener('cf-cancel', cancel);
      element.remove();
    };
  }, [picker, settings]);

  return (
    <Modal
      title={__('Choose a picture from Clearframe', 'clearframe')}
      onRequestClose={onClose}
      // Escape belongs to the picker first (it clears the search, then sends cf-cancel).
      shouldCloseOnEsc={false}
      size="large"
      className="clearframe-picker-modal"
    >
      {picker === undefined || settings === undefined ? (
        <Notice status="error" isDismissible={false}>
          {__('The picker could not be loaded.', 'clearframe')}
        </Notice>
      ) : (
        <div ref={host} className="clearframe-picker-host" />
      )}
    </Modal>
  );
}
