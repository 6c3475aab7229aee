// Task-pane entry: waits for Office, picks the host adapter, and starts the pane.

import '@clearframe/picker';
import { detectHost } from './hosts/detect.js';
import { createUserStore } from './hosts/user-storage.js';
import { openPaneStorage } from './pane/browser-storage.js';
import { messages, pickLocale } from './pane/messages.js';
import { startPane } from './ui/pane.js';

async function mount(): Promise<void> {
  await Office.onReady();
  const locale = pickLocale(Office.context.displayLanguage);
  document.documentElement.lang = locale;
  const status = document.querySelector('#cf-status');
  const settings = document.querySelector('#cf-settings-region');
  const pictures = document.querySelector('#cf-picker');
  const check = document.querySelector('#cf-check');
  if (!status || !settings || !pictures || !check) return;
  const host = detectHost();
  if (host === null) {
    // Outside Word and PowerPoint (office.js in a plain browser reports host null).
    status.textContent = messages(locale).notInOffice;
    document.body.dataset['ready'] = 'true';
    return;
  }
  document.body.dataset['host'] = host.kind;
  // localStorage, or memory where the browser refuses it (Office on the web, storage blocked).
  const { storage, persistent } = openPaneStorage();
  document.body.dataset['storage'] = persistent ? 'persistent' : 'memory';
  const pane = startPane({
    host,
    store: createUserStore(Office, storage),
    storage,
    storagePersists: persistent,
    locale,
    regions: { settings, pictures, check, status },
    pageOrigin: location.origin,
  });
  await pane.ready;
  document.body.dataset['ready'] = 'true';
}

void mount();
