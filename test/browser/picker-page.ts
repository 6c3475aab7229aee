// The picker page's script: <cf-picker> in editor mode over core's cache, as a host sets it up.
// The registry is this page's own origin (the test server proxies /v1/*).
import { createApprovals, createRegistryClient, openCache } from '@clearframe/core';
import { CfPickEvent, fromCache } from '@clearframe/picker';

interface PickerPageConfig {
  editorKey: string;
  assetIds: string[];
}

export interface Pick {
  id: string;
  status: string;
  warned: boolean;
}

declare global {
  interface Window {
    /** Every cf-pick and cf-cancel the picker fired, for the test to read. */
    cfEvents: (Pick | 'cancel')[];
  }
}

window.cfEvents = [];
const config = (await (await fetch('/picker-config.json')).json()) as PickerPageConfig;
const baseUrl = `${location.origin}/`;
const client = createRegistryClient({
  baseUrl,
  credential: { kind: 'editor', key: config.editorKey },
});
const cache = openCache({ registry: baseUrl });
const approvals = createApprovals({ client, cache, mode: 'editor' });

const picker = document.querySelector('cf-picker');
if (!picker) throw new Error('no <cf-picker> on the page');
picker.addEventListener(CfPickEvent.eventName, (event) =>
  window.cfEvents.push({ id: event.item.id, status: event.verdict.status, warned: event.warned }),
);
picker.addEventListener('cf-cancel', () => window.cfEvents.push('cancel'));
picker.source = fromCache(cache, approvals, { assetIds: () => config.assetIds, lang: 'en' });
