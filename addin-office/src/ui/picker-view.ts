// The pictures region: <cf-picker> for the configured channel, the review shown before an
// insertion that needs one (last valid day, confirmation, refusal), and the replace banner.

import { CfCancelEvent, CfPickEvent } from '@clearframe/picker';
import type { PickerItem, PickerMode, PickerSource } from '@clearframe/picker';
import type { UiWords } from '../pane/messages.js';
import { fill, h } from './dom.js';

export interface Review {
  title: string;
  lines: string[];
  /** The confirming button's label; null when the picture cannot be inserted (only Cancel). */
  confirm: string | null;
}

export interface PickerSetup {
  source: PickerSource;
  channel: string;
  mode: PickerMode;
  lang: string;
  timeZone: string;
}

export interface PickerView {
  connect(setup: PickerSetup): void;
  disconnect(): void;
  /** Shows the review; resolves true when the user confirms, false on Cancel. */
  review(review: Review): Promise<boolean>;
  /** A sentence under the picker; `error` makes it an alert. */
  say(text: string, error?: boolean): void;
  /** Shows (or with null hides) "Pick a picture to replace …", with its Cancel. */
  setReplacing(text: string | null): void;
}

export interface PickerViewOptions {
  words: UiWords;
  onPick(item: PickerItem, warned: boolean): Promise<void>;
  onCancelReplace(): void;
}

export function mountPicker(container: Element, options: PickerViewOptions): PickerView {
  const w = options.words;
  const banner = h('div', { id: 'cf-replacing', class: 'banner', hidden: true });
  const slot = h('div', { class: 'picker-slot' });
  const reviewBox = h('div', { id: 'cf-review', class: 'review', role: 'dialog', hidden: true });
  const message = h('p', { id: 'cf-picker-message', class: 'message', 'aria-live': 'polite' });
  fill(container, h('h2', {}, w.pictures), banner, slot, reviewBox, message);

  let picker: HTMLElement | undefined;
  let pending: ((confirmed: boolean) => void) | undefined;

  const closeReview = (confirmed: boolean) => {
    reviewBox.hidden = true;
    fill(reviewBox);
    const resolve = pending;
    pending = undefined;
    resolve?.(confirmed);
  };

  return {
    connect(setup) {
      const element = document.createElement('cf-picker');
      element.setAttribute('channel', setup.channel);
      element.setAttribute('mode', setup.mode);
      element.setAttribute('lang', setup.lang);
      if (setup.timeZone) element.setAttribute('time-zone', setup.timeZone);
      element.source = setup.source;
      element.addEventListener(CfPickEvent.eventName, (event) => {
        void options.onPick(event.item, event.warned);
      });
      element.addEventListener(CfCancelEvent.eventName, () => options.onCancelReplace());
      fill(slot, element);
      picker = element;
    },
    disconnect() {
      picker?.remove();
      picker = undefined;
      closeReview(false);
    },
    review(review) {
      closeReview(false);
      const cancel = h('button', { type: 'button', class: 'cancel' }, w.cancel);
      cancel.addEventListener('click', () => closeReview(false));
      const confirm =
        review.confirm === null
          ? null
          : h('button', { type: 'button', class: 'confirm' }, review.confirm);
      confirm?.addEventListener('click', () => closeReview(true));
      fill(
        reviewBox,
        h('p', { class: 'title' }, review.title),
        ...review.lines.map((line) => h('p', {}, line)),
        h('div', { class: 'buttons' }, confirm, cancel),
      );
      reviewBox.setAttribute('aria-label', review.title);
      reviewBox.hidden = false;
      (confirm ?? cancel).focus();
      return new Promise((resolve) => {
        pending = resolve;
      });
    },
    say(text, error = false) {
      message.textContent = text;
      message.setAttribute('role', error ? 'alert' : 'status');
    },
    setReplacing(text) {
      banner.hidden = text === null;
      if (text === null) {
        fill(banner);
        return;
      }
      const cancel = h('button', { type: 'button' }, w.cancel);
      cancel.addEventListener('click', () => options.onCancelReplace());
      fill(banner, h('span', {}, text), cancel);
      banner.scrollIntoView?.({ block: 'nearest' });
    },
  };
}
