import { createApprovals, openCache } from '@clearframe/core';
import type { PublicVerdict, RegistryClient } from '@clearframe/core';
import { createPublicApprovals, openPublicCache } from '@clearframe/core/public';
import type { PublicClient } from '@clearframe/core/public';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CfStatusEvent } from '../events/cf-status-event.js';
import { ApprovalsDouble, MEDIA, view } from '../test-doubles/approvals-double.js';
import { REVOKED, eventually, stubPublicRegistry } from '../test-doubles/public-registry-double.js';
import type { PublicRegistryDouble } from '../test-doubles/public-registry-double.js';
import './cf-image.js';
import type { CfImage } from './cf-image.js';

const fixtures: Element[] = [];
afterEach(() => {
  for (const fixture of fixtures.splice(0)) fixture.remove();
  vi.useRealTimers();
});

/** Adds a <cf-image> and records every <img> ever inserted into its shadow root. */
function mount(approvals: Pick<ApprovalsDouble, 'watch'>, assetId = 'ast_1') {
  const element = document.createElement('cf-image');
  element.approvals = approvals;
  element.assetId = assetId;
  element.sizes = '(max-width: 600px) 100vw, 600px';
  const placeholder = document.createElement('span');
  placeholder.slot = 'placeholder';
  placeholder.textContent = 'Picture not available';
  element.append(placeholder);
  const inserted: Node[] = [];
  const statuses: CfStatusEvent[] = [];
  element.addEventListener(CfStatusEvent.eventName, (event) => statuses.push(event));
  document.body.append(element);
  fixtures.push(element);
  // The shadow root exists from connection on, before Lit's first render.
  const observer = new MutationObserver((records) => {
    for (const record of records)
      for (const node of record.addedNodes) {
        if (node.nodeName === 'IMG') inserted.push(node);
        if (node instanceof Element) inserted.push(...node.querySelectorAll('img'));
      }
  });
  observer.observe(element.shadowRoot as ShadowRoot, { childList: true, subtree: true });
  return { element, inserted, statuses, img: () => element.shadowRoot?.querySelector('img') };
}

const settle = async (element: CfImage) => {
  await element.updateComplete;
  await new Promise((resolve) => requestAnimationFrame(resolve));
};

describe('<cf-image>', () => {
  it('shows an approved picture with src, srcset, sizes, alt and size from the verdict', async () => {
    const approvals = new ApprovalsDouble();
    const { element, img, statuses } = mount(approvals);
    approvals.emit(view('ast_1', {}));
    await settle(element);
    const picture = img();
    expect(picture).toBeTruthy();
    expect(picture?.getAttribute('src')).toBe(MEDIA.src);
    expect(picture?.getAttribute('srcset')).toBe(MEDIA.srcset);
    expect(picture?.getAttribute('sizes')).toBe('(max-width: 600px) 100vw, 600px');
    expect(picture?.alt).toBe(MEDIA.alt);
    expect(picture?.getAttribute('width')).toBe('1600');
    expect(picture?.getAttribute('part')).toBe('img');
    expect(statuses.map((event) => [event.status, event.shown])).toEqual([['approved', true]]);
  });

  it('paints nothing but the placeholder before the first verdict', async () => {
    const approvals = new ApprovalsDouble();
    const { element, inserted } = mount(approvals);
    await settle(element);
    expect(inserted).toEqual([]);
    expect(element.shadowRoot?.querySelector('slot[name=placeholder]')).toBeTruthy();
    expect(approvals.watching('ast_1')).toBe(1);
  });

  it('never inserts an <img> when the first verdict is blocked', async () => {
    const approvals = new ApprovalsDouble();
    const { element, inserted, statuses } = mount(approvals);
    approvals.emit(view('ast_1', { status: 'blocked' }));
    await settle(element);
    expect(inserted).toEqual([]);
    expect(statuses.map((event) => [event.status, event.shown])).toEqual([['blocked', false]]);
  });

  it('never inserts an <img> for an approval that has already ended', async () => {
    const approvals = new ApprovalsDouble();
    const { element, inserted } = mount(approvals);
    // A late view that still says approved, though its approvedUntil has passed.
    approvals.emit(view('ast_1', { approvedUntil: new Date(Date.now() - 1000).toISOString() }));
    await settle(element);
    expect(inserted).toEqual([]);
  });

  it('never inserts an <img> for a stale verdict', async () => {
    const approvals = new ApprovalsDouble();
    const { element, inserted } = mount(approvals);
    approvals.emit(view('ast_1', { stale: true }));
    await settle(element);
    expect(inserted).toEqual([]);
  });

  it('paints nothing and does not throw with a registry that is not a URL', async () => {
    const element = document.createElement('cf-image');
    element.setAttribute('registry', 'not a url');
    element.setAttribute('key', 'cf_pk_test');
    element.setAttribute('asset-id', 'ast_1');
    document.body.append(element);
    fixtures.push(element);
    await settle(element);
    expect(element.shadowRoot?.querySelector('img')).toBeNull();
    expect(element.view).toBeUndefined();
  });

  it('removes the picture when a revocation arrives, and stops watching when removed', async () => {
    const approvals = new ApprovalsDouble();
    const { element, img, statuses } = mount(approvals);
    approvals.emit(view('ast_1', {}));
    await settle(element);
    expect(img()).toBeTruthy();
    approvals.emit(view('ast_1', { status: 'blocked' }));
    // Synchronously, in the watcher's callback: not at Lit's next update.
    expect(img()).toBeNull();
    await settle(element);
    expect(element.shadowRoot?.querySelector('slot[name=placeholder]')).toBeTruthy();
    expect(statuses.map((event) => event.status)).toEqual(['approved', 'blocked']);
    element.remove();
    expect(approvals.watching('ast_1')).toBe(0);
  });

  it('removes the picture at the instant of approvedUntil (core approvals, fake clock)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.setSystemTime(Date.parse('2027-06-30T21:59:50.000Z'));
    const approvedUntil = '2027-06-30T22:00:00.000Z';
    const answer: PublicVerdict = {
      status: 'expiring',
      approvedUntil,
      nextCheckAt: null,
      media: MEDIA,
    };
    // A registry client double: the public verdicts route as the contract describes it.
    const client: Pick<RegistryClient, 'sync' | 'publicVerdicts'> = {
      sync: () => Promise.reject(new Error('not an editor')),
      publicVerdicts: async (ids) => ({
        checkedAt: new Date().toISOString(),
        verdicts: Object.fromEntries(ids.map((id) => [id, answer])),
      }),
    };
    const cache = openCache({
      // The browser's real IndexedDB, one database per run.
      registry: `expiry-test-${crypto.randomUUID()}`,
      locks: null,
      broadcastChannel: null,
    });
    const approvals = createApprovals({
      client,
      cache,
      mode: 'public',
      document: null,
      window: null,
    });
    const { element, img, statuses } = mount(approvals);
    await vi.waitFor(() => expect(img()).toBeTruthy());

    await vi.advanceTimersByTimeAsync(Date.parse(approvedUntil) - 1 - Date.now());
    expect(img()).toBeTruthy();
    await vi.advanceTimersByTimeAsync(1);
    expect(Date.now()).toBe(Date.parse(approvedUntil));
    expect(img()).toBeNull();
    expect(statuses.map((event) => [event.status, event.shown])).toEqual([
      ['expiring', true],
      ['blocked', false],
    ]);
    element.remove();
    approvals.dispose();
    cache.close();
  });

  it('shows a verdict the public entry stored in the browser’s IndexedDB, after a reload offline', async () => {
    const answer: PublicVerdict = {
      status: 'approved',
      approvedUntil: new Date(Date.now() + 3_600_000).toISOString(),
      nextCheckAt: null,
      media: MEDIA,
    };
    let online = true;
    const client: Pick<PublicClient, 'publicVerdicts'> = {
      publicVerdicts: async (ids) => {
        if (!online) throw new TypeError('Failed to fetch');
        return {
          checkedAt: new Date().toISOString(),
          verdicts: Object.fromEntries(ids.map((id) => [id, answer])),
        };
      },
    };
    // The browser's real IndexedDB through the public store (no idb), one database per run.
    const registry = `public-entry-test-${crypto.randomUUID()}`;
    const options = { document: null, window: null };
    const first = openPublicCache({ registry, locks: null, broadcastChannel: null });
    const before = createPublicApprovals({ client, cache: first, ...options });
    expect((await before.verdict('ast_1', 'web')).media).toEqual(MEDIA);
    expect(first.storage).toBe('indexeddb');
    before.dispose();
    first.close();

    online = false;
    const cache = openPublicCache({ registry, locks: null, broadcastChannel: null });
    const approvals = createPublicApprovals({ client, cache, ...options });
    const { element, img } = mount(approvals);
    await vi.waitFor(() => expect(img()).toBeTruthy());
    expect(cache.storage).toBe('indexeddb');
    element.remove();
    approvals.dispose();
    cache.close();
  });
});

describe('<cf-image> refresh-interval and max-staleness', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  /** A <cf-image> that makes its own public service, against the registry double. */
  function mountPublic(registry: PublicRegistryDouble, set: (element: CfImage) => void) {
    const element = document.createElement('cf-image');
    element.setAttribute('registry', registry.url);
    element.setAttribute('key', registry.key);
    element.setAttribute('asset-id', 'ast_1');
    set(element);
    document.body.append(element);
    fixtures.push(element);
    return { element, img: () => element.shadowRoot?.querySelector('img') };
  }

  it('refreshes every refresh-interval seconds, so a revocation hides the picture within one', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const registry = stubPublicRegistry();
    const { img } = mountPublic(registry, (element) =>
      element.setAttribute('refresh-interval', '5'),
    );
    await eventually(img);
    const [first] = registry.asked as [number];

    registry.answer = REVOKED;
    await vi.advanceTimersByTimeAsync(4_999);
    expect(img()).toBeTruthy();
    await vi.advanceTimersByTimeAsync(1);
    await eventually(() => !img());
    expect(Date.now() - first).toBe(5_000);
    expect(registry.asked.map((at) => at - first)).toEqual([0, 5_000]);
    // Each refresh revalidates: the browser's HTTP cache may not answer it.
    expect(registry.requests.map((request) => request.cache)).toEqual(['no-cache', 'no-cache']);
  });

  it('refreshes every 60 s for a refresh-interval that is not a number, warning once', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const registry = stubPublicRegistry();
    const { element, img } = mountPublic(registry, (element) =>
      element.setAttribute('refresh-interval', 'soon'),
    );
    const other = mountPublic(registry, (element) => {
      element.setAttribute('refresh-interval', 'soon');
      element.setAttribute('asset-id', 'ast_2');
    });
    await eventually(() => img() && other.img());
    expect(element.refreshInterval).toBeNaN();
    const asked = registry.asked.length;
    await vi.advanceTimersByTimeAsync(59_999);
    expect(registry.asked).toHaveLength(asked);
    await vi.advanceTimersByTimeAsync(1);
    await eventually(() => registry.asked.length === asked + 1);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toMatch(/^<cf-image>: refresh-interval must be .*; using 60$/);
  });

  it('hides the picture once its verdict is older than max-staleness and the registry is unreachable', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const registry = stubPublicRegistry();
    // As properties this time.
    const { element, img } = mountPublic(registry, (element) => {
      element.refreshInterval = 5;
      element.maxStaleness = 20;
    });
    await eventually(img);
    const [first] = registry.asked as [number];

    registry.answer = new TypeError('Failed to fetch');
    await vi.advanceTimersByTimeAsync(5_000);
    // The refresh due at 5 s goes out to the registry (and fails, retries included).
    await eventually(() => registry.asked.length > 1);
    await vi.advanceTimersByTimeAsync(first + 19_999 - Date.now());
    expect(img()).toBeTruthy();
    await vi.advanceTimersByTimeAsync(1);
    expect(Date.now() - first).toBe(20_000);
    expect(img()).toBeNull();
    expect(element.view).toMatchObject({ status: 'blocked', stale: true });
  });
});
