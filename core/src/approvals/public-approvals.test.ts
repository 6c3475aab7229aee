import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openPublicCache } from '../cache/public-cache.js';
import { createPublicClient } from '../client/public-client.js';
import {
  DEMO_CONSENT_END,
  DEMO_NOW,
  PUBLISHABLE_KEY,
  createRegistryDouble,
  seedDemo,
} from '../client/registry-double.test-support.js';
import { createPublicApprovals } from './public-approvals.js';
import type { ApprovalView } from './types.js';

const MINUTE = 60_000;
const cleanups: (() => void)[] = [];

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: DEMO_NOW });
});
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** The public entry alone: its client, its cache (IndexedDB without idb) and its approvals. */
function setUp(indexedDB: IDBFactory | null = new IDBFactory()) {
  const registry = createRegistryDouble({ now: () => Date.now() });
  seedDemo(registry);
  registry.put('asset', { id: 'ast_contract', legalBasis: 'contract', title: 'Staff photo' });
  const client = createPublicClient({
    baseUrl: 'https://registry.test/',
    key: PUBLISHABLE_KEY,
    fetch: registry.fetch,
    retries: 0,
  });
  const cache = openPublicCache({ registry: 'https://registry.test/', indexedDB, locks: null });
  const approvals = createPublicApprovals({ client, cache, document: null, window: null });
  cleanups.push(() => {
    approvals.dispose();
    cache.close();
  });
  const reload = () => {
    approvals.dispose();
    const again = createPublicApprovals({ client, cache, document: null, window: null });
    cleanups.push(() => again.dispose());
    return again;
  };
  return { registry, cache, approvals, reload };
}

function surface() {
  const seen: ApprovalView[] = [];
  return { seen, callback: (view: ApprovalView) => void seen.push(view), last: () => seen.at(-1) };
}

async function wait(ms: number, approvals: { settled(): Promise<void> }) {
  await vi.advanceTimersByTimeAsync(ms);
  await approvals.settled();
}

describe('public approvals from @clearframe/core/public', () => {
  it('shows an approved picture, keeps it across a reload offline, and hides it exactly at approvedUntil', async () => {
    const { registry, approvals, reload } = setUp();
    await approvals.verdict('ast_choir', 'web');
    registry.offline = true;
    const again = reload();
    const page = surface();
    again.watch('ast_choir', 'web', page.callback);
    await again.settled();
    expect(page.last()).toMatchObject({ status: 'expiring', stale: false });
    expect(page.last()?.media?.src).toContain('ast_choir');

    await wait(DEMO_CONSENT_END - DEMO_NOW - 1, again);
    expect(page.seen).toHaveLength(1);
    await wait(1, again);
    expect(page.last()).toMatchObject({ status: 'blocked', notice: 'expired' });
    expect(page.last()?.media).toBeUndefined();
  });

  it('fails closed once the registry has been unreachable for longer than maxStaleness', async () => {
    const { registry, approvals } = setUp();
    const page = surface();
    approvals.watch('ast_contract', 'web', page.callback);
    await approvals.settled();
    expect(page.last()?.media).toBeDefined();
    registry.down = true;
    await wait(15 * MINUTE, approvals);
    expect(page.last()).toMatchObject({ status: 'blocked', stale: true, notice: 'stale' });
    expect(page.last()?.error?.code).toBe('registry_http_error');
  });

  it.each([
    [
      'a status it does not know',
      { status: 'approvedish', approvedUntil: null, nextCheckAt: null },
    ],
    [
      'an approvedUntil that does not parse',
      { status: 'approved', approvedUntil: 'never', nextCheckAt: null, media: { src: 'x.jpg' } },
    ],
    [
      'media without src',
      { status: 'approved', approvedUntil: null, nextCheckAt: null, media: {} },
    ],
  ])('never shows a picture for a body with %s', async (_, verdict) => {
    const { registry, approvals } = setUp();
    registry.respondNextWith(
      JSON.stringify({
        checkedAt: new Date(DEMO_NOW).toISOString(),
        verdicts: { ast_choir: verdict },
      }),
    );
    const page = surface();
    approvals.watch('ast_choir', 'web', page.callback);
    await approvals.settled();
    expect(page.seen).toHaveLength(1);
    expect(page.last()).toMatchObject({ status: 'blocked', notice: 'not_loaded' });
    expect(page.last()?.error?.code).toBe('registry_invalid_response');
    expect(page.last()?.media).toBeUndefined();
  });

  it('works in memory without IndexedDB, warning once', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { cache, approvals } = setUp(null);
    const view = await approvals.verdict('ast_choir', 'web');
    await approvals.verdict('ast_contract', 'web');
    expect(view.media?.src).toContain('ast_choir');
    expect(cache.storage).toBe('memory');
    expect(warn).toHaveBeenCalledTimes(1);
  });
});
