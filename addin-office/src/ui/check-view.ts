// The "Check this document" region: a button, a summary, and one row per Clearframe picture.

import type { DocumentReport, PictureAction, PictureReport } from '../pane/check-document.js';
import { describeReasons, messages, type Locale } from '../pane/messages.js';
import { fill, h } from './dom.js';

export interface CheckViewOptions {
  locale: Locale;
  onCheck(): Promise<void>;
  onAction(action: PictureAction, picture: PictureReport): Promise<void>;
  /** The title shown for a picture (the asset's title when the cache has it). */
  titleOf(picture: PictureReport): string;
}

export interface CheckView {
  showReport(report: DocumentReport): void;
  /** A sentence above the list; `error` makes it an alert. */
  say(text: string, error?: boolean): void;
  setEnabled(enabled: boolean): void;
}

export function mountCheck(container: Element, options: CheckViewOptions): CheckView {
  const text = messages(options.locale);
  const w = text.ui;
  const button = h('button', { type: 'button', id: 'cf-check-button' }, w.check);
  const message = h('p', { id: 'cf-check-message', class: 'message', 'aria-live': 'polite' });
  const summary = h('p', { id: 'cf-check-summary' });
  const list = h('ul', { id: 'cf-check-list', class: 'check-list' });
  button.addEventListener('click', () => {
    button.disabled = true;
    void options.onCheck().finally(() => {
      button.disabled = false;
    });
  });
  fill(container, h('h2', {}, w.check), button, message, summary, list);

  const row = (picture: PictureReport) => {
    const details: (string | null)[] = [];
    if (picture.lastValidDay !== null) details.push(text.lastValidDay(picture.lastValidDay));
    if (picture.reasons.length > 0) details.push(describeReasons(picture.reasons, options.locale));
    if (picture.status === 'unknown') details.push(text.unchecked);
    else if (picture.stale) details.push(text.stale);
    const actions = picture.actions.map((action) => {
      const label = { select: w.select, remove: w.remove, replace: w.replace }[action];
      const actionButton = h('button', { type: 'button', 'data-action': action }, label);
      actionButton.addEventListener('click', () => {
        actionButton.disabled = true;
        void options.onAction(action, picture).finally(() => {
          actionButton.disabled = false;
        });
      });
      return actionButton;
    });
    return h(
      'li',
      {
        class: `picture ${picture.status}`,
        'data-asset-id': picture.assetId,
        'data-status': picture.status,
        'data-stale': String(picture.stale),
      },
      h('span', { class: 'title' }, options.titleOf(picture)),
      h('span', { class: `badge ${picture.status}` }, text.status[picture.status]),
      ...details.map((detail) => h('span', { class: 'detail' }, detail)),
      h('span', { class: 'actions' }, ...actions),
    );
  };

  return {
    showReport(report) {
      if (report.pictures.length === 0) {
        summary.textContent = w.noPictures;
        fill(list);
        return;
      }
      summary.textContent = `${w.summary(report.counts)} ${report.stale ? text.stale : w.freshCheck}`;
      summary.dataset['stale'] = String(report.stale);
      fill(list, ...report.pictures.map(row));
    },
    say(sentence, error = false) {
      message.textContent = sentence;
      message.setAttribute('role', error ? 'alert' : 'status');
    },
    setEnabled(enabled) {
      button.disabled = !enabled;
    },
  };
}
