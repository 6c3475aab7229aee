// Task-pane entry: waits for Office, picks the host adapter, and mounts the pane's regions.

import { detectHost } from './hosts/detect.js';
import { createUserStore } from './hosts/user-storage.js';
import { messages, pickLocale } from './pane/messages.js';
import { loadSettings } from './pane/settings.js';

const HOST_NAMES = { word: 'Word', powerpoint: 'PowerPoint' } as const;

async function mount(): Promise<void> {
  await Office.onReady();
  const text = messages(pickLocale(Office.context.displayLanguage));
  const status = document.querySelector('#cf-status');
  if (!status) return;
  const host = detectHost();
  if (host === null) {
    // Outside Word and PowerPoint (office.js in a plain browser reports host null).
    status.textContent = text.notInOffice;
    return;
  }
  const settings = loadSettings(createUserStore(Office, localStorage), host.kind);
  status.textContent = text.paneReady(HOST_NAMES[host.kind], settings.channel);
  document.body.dataset['host'] = host.kind;
  document.body.dataset['channel'] = settings.channel;
}

void mount();
