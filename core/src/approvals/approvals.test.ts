import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openCache } from '../cache/consent-cache.js';
import { createRegistryClient } from '../client/registry-client.js';
import {
  DEMO_CONSENT_END,
  DEMO_NOW,
  EDITOR_KEY,
  PUBLISHABLE_KEY,
  createRegistryDouble,
  seedDemo,
} from '../client/registry-double.test-support.js';
import { createApprovals } from './approvals.js';
import type { ApprovalMode, ApprovalView, ApprovalsOptions } from './types.js';

const MINUTE = 60_000;
const cleanups: (() => void)[] = [];

beforeEach(() => {
  // Only the clock and timeouts are faked: IndexedDB (fake-indexeddb) runs on real setImmediate.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: DEMO_NOW });
});
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  vi.useRealTimers();
});

function setUp(mode: ApprovalMode, options: Partial<ApprovalsOptions> = {}) {
  const extra = { document: null, window: null, ...options };
  const registry = createRegistryDouble({ now: () => Date.now() });
  seedDemo(registry);
  registry.put('asset', { id: 'ast_contract', legalBasis: 'contract', title: 'Staff photo' });
  const client = createRegistryClient({
    baseUrl: 'https://registry.test/',
    credential:
      mode === 'editor'
        ? { kind: 'editor', key: EDITOR_KEY }
        : { kind: 'publishable', key: PUBLISHABLE_KEY },
    fetch: registry.fetch,
    retries: 0,
  });
  const cache = openCache({
    registry: 'https://registry.test/',
    indexedDB: new IDBFactory(),
    now: () => Date.now(),
  });
  const approvals = createApprovals({
    client,
    cache,
    mode,
    now: () => Date.now(),
    ...extra,
  });
  cleanups.push(() => {
    approvals.dispose();
    cache.close();
  });
  /** The same page loaded again: a new service over the same browser storage. */
  const reload = () => {
    approvals.dispose();
    const again = createApprovals({ client, cache, mode, now: () => Date.now(), ...extra });
    cleanups.push(() => again.dispose());
    return again;
  };
  return { registry, cache, approvals, reload };
}

/** What a surface saw: each view with the instant it was delivered. */
function surface() {
  const seen: { at: number; view: ApprovalView }[] = [];
  return {
    seen,
    callback: (view: ApprovalView) => void seen.push({ at: Date.now(), view }),
    last: () => seen.at(-1)?.view,
  };
}

/** Moves the clock and lets what the timers started (requests, IndexedDB) finish. */
async function wait(ms: number, approvals: { settled(): Promise<void> }) {
  await vi.advanceTimersByTimeAsync(ms);
  await approvals.settled();
}

describe('approvals on a public page', () => {
  it('shows an approved picture with its media, then hides it exactly at approvedUntil, offline', async () => {
    const { registry, approvals } = setUp('public');
    const page = surface();
    approvals.watch('ast_choir', 'web', page.callback);
    await approvals.settled();
    expect(page.last()).toMatchObject({ status: 'expiring', stale: false });
    expect(page.last()?.media?.src).toContain('ast_choir');

    registry.offline = true;
    await wait(DEMO_CONSENT_END - DEMO_NOW - 1, approvals);
    expect(page.last()?.status).toBe('expiring');
    expect(page.seen).toHaveLength(1);

    await wait(1, approvals);
    expect(page.seen).toHaveLength(2);
    expect(page.seen[1]?.at).toBe(DEMO_CONSENT_END);
    expect(page.last()).toMatchObject({ status: 'blocked', notice: 'expired' });
    expect(page.last()?.media).toBeUndefined();
  });

  it('never shows a cached approval that ended while the page was closed', async () => {
    const { registry, approvals } = setUp('public');
    await approvals.verdict('ast_choir', 'web');
    registry.offline = true;
    vi.setSystemTime(DEMO_CONSENT_END + 1);
    const view = await approvals.verdict('ast_choir', 'web');
    expect(view).toMatchObject({ status: 'blocked' });
    expect(view.media).toBeUndefined();
  });

  it('after a reload with the registry down, shows a fresh cached verdict and hides a stale one', async () => {
    const { registry, approvals, reload } = setUp('public');
    await approvals.verdict('ast_contract', 'web');
    registry.down = true;

    vi.setSystemTime(DEMO_NOW + 14 * MINUTE);
    const fresh = await reload().verdict('ast_contract', 'web');
    expect(fresh).toMatchObject({ status: 'approved', stale: false });
    expect(fresh.fetchedAt).toBe(new Date(DEMO_NOW).toISOString());

    vi.setSystemTime(DEMO_NOW + 15 * MINUTE);
    const stale = await reload().verdict('ast_contract', 'web');
    expect(stale).toMatchObject({ status: 'blocked', stale: true, notice: 'stale' });
    expect(stale.media).toBeUndefined();
  });

  it('shows nothing when the registry was never reached', async () => {
    const { registry, approvals } = setUp('public');
    registry.offline = true;
    const page = surface();
    approvals.watch('ast_contract', 'web', page.callback);
    await approvals.settled();
    expect(page.seen).toHaveLength(1);
    expect(page.last()).toMatchObject({
      status: 'blocked',
      notice: 'not_loaded',
      error: { code: 'registry_unreachable' },
    });
  });

  it('fails closed when the registry cannot be reached for longer than maxStaleness', async () => {
    const { registry, approvals } = setUp('public');
    const page = surface();
    approvals.watch('ast_contract', 'web', page.callback);
    await approvals.settled();
    expect(page.last()).toMatchObject({ status: 'approved', approvedUntil: null, stale: false });

    registry.down = true;
    await wait(15 * MINUTE - 1, approvals);
    expect(page.last()).toMatchObject({ status: 'approved', stale: false });

    await wait(1, approvals);
    expect(page.seen.at(-1)?.at).toBe(DEMO_NOW + 15 * MINUTE);
    expect(page.last()).toMatchObject({ status: 'blocked', stale: true, notice: 'stale' });
    expect(page.last()?.error?.code).toBe('registry_http_error');
    expect(page.last()?.media).toBeUndefined();

    registry.down = false;
    await wait(MINUTE, approvals);
    expect(page.last()).toMatchObject({ status: 'approved', stale: false });
  });

  it('hides a picture within one refresh interval after its consent is revoked', async () => {
    const { registry, approvals } = setUp('public', { refreshIntervalMs: 30_000 });
    const page = surface();
    approvals.watch('ast_choir', 'web', page.callback);
    await approvals.settled();
    await wait(5_000, approvals);
    registry.put('consent', {
      id: 'con_1',
      personId: 'per_1',
      channels: ['web', 'print'],
      validFrom: '2026-01-01',
      validUntil: '2026-11-23',
      revocations: [{ at: new Date().toISOString() }],
    });
    await wait(25_000, approvals);
    expect(page.last()).toMatchObject({ status: 'blocked' });
    expect(page.seen.at(-1)?.at).toBeLessThanOrEqual(DEMO_NOW + 30_000);
  });

  it('calls back only when something shown changes, not on every refresh', async () => {
    const { registry, approvals } = setUp('public');
    const page = surface();
    approvals.watch('ast_contract', 'web', page.callback);
    await approvals.settled();
    for (let minute = 1; minute <= 5; minute++) await wait(MINUTE, approvals);
    expect(registry.requests).toHaveLength(6);
    expect(page.seen).toHaveLength(1);
  });

  it('asks for the verdicts of many pictures on one page in one request', async () => {
    const { registry, approvals } = setUp('public');
    const views = await Promise.all(
      ['ast_choir', 'ast_contract', 'ast_unassessed', 'ast_unknown'].map((id) =>
        approvals.verdict(id, 'web'),
      ),
    );
    expect(views.map((view) => view.status)).toEqual([
      'expiring',
      'approved',
      'blocked',
      'blocked',
    ]);
    expect(registry.requests).toHaveLength(1);
  });

  it('refreshes when the page becomes visible again and when the network comes back', async () => {
    const visibility = Object.assign(new EventTarget(), { visibilityState: 'hidden' });
    const connectivity = new EventTarget();
    const { registry, approvals } = setUp('public', {
      document: visibility as unknown as Document,
      window: connectivity,
    });
    approvals.watch('ast_contract', 'web', () => {});
    await approvals.settled();
    await wait(10_000, approvals);
    expect(registry.requests).toHaveLength(1);

    visibility.dispatchEvent(new Event('visibilitychange'));
    await approvals.settled();
    expect(registry.requests).toHaveLength(1); // still hidden

    visibility.visibilityState = 'visible';
    visibility.dispatchEvent(new Event('visibilitychange'));
    await approvals.settled();
    expect(registry.requests).toHaveLength(2);

    await wait(10_000, approvals);
    connectivity.dispatchEvent(new Event('online'));
    await approvals.settled();
    expect(registry.requests).toHaveLength(3);
  });
});

describe('approvals in an editor', () => {
  it('evaluates locally and blocks exactly at the end of the consent', async () => {
    const { approvals } = setUp('editor');
    const editor = surface();
    approvals.watch('ast_choir', 'web', editor.callback);
    await approvals.settled();
    expect(editor.last()).toMatchObject({ status: 'expiring', coverage: 'complete', stale: false });

    await wait(DEMO_CONSENT_END - DEMO_NOW - 1, approvals);
    expect(editor.last()?.status).toBe('expiring');
    await wait(1, approvals);
    expect(editor.seen.at(-1)?.at).toBe(DEMO_CONSENT_END);
    expect(editor.last()?.status).toBe('blocked');
    expect(editor.last()?.reasons).toContainEqual({ code: 'consent_expired', personId: 'per_1' });
  });

  it('marks the view stale when sync fails beyond the bound, and keeps evaluating offline', async () => {
    const { registry, approvals } = setUp('editor', { maxStalenessMs: 2 * MINUTE });
    const editor = surface();
    approvals.watch('ast_choir', 'web', editor.callback);
    await approvals.settled();
    registry.offline = true;

    await wait(2 * MINUTE - 1, approvals);
    expect(editor.last()).toMatchObject({ status: 'expiring', stale: false });
    await wait(1, approvals);
    expect(editor.last()).toMatchObject({ status: 'expiring', stale: true, notice: 'stale' });
    expect(editor.last()?.error?.code).toBe('registry_unreachable');

    await wait(DEMO_CONSENT_END - DEMO_NOW - 2 * MINUTE, approvals);
    expect(editor.seen.at(-1)?.at).toBe(DEMO_CONSENT_END);
    expect(editor.last()).toMatchObject({ status: 'blocked', stale: true });
  });

  it('shows a revocation delivered by the change feed within one refresh interval', async () => {
    const { registry, approvals } = setUp('editor');
    const editor = surface();
    approvals.watch('ast_choir', 'print', editor.callback);
    await approvals.settled();
    expect(editor.last()?.status).toBe('expiring');
    await wait(1_000, approvals);
    registry.put('consent', {
      id: 'con_1',
      personId: 'per_1',
      channels: ['web', 'print'],
      validFrom: '2026-01-01',
      validUntil: '2026-11-23',
      revocations: [{ at: new Date().toISOString(), channels: ['print'] }],
    });
    await wait(MINUTE - 1_000, approvals);
    expect(editor.last()?.status).toBe('blocked');
    expect(editor.last()?.reasons).toContainEqual({ code: 'consent_revoked', personId: 'per_1' });
    expect(await approvals.verdict('ast_choir', 'web')).toMatchObject({ status: 'expiring' });
  });

  it('keeps evaluating from the records synced in an earlier session while offline', async () => {
    const { registry, approvals, reload } = setUp('editor');
    await approvals.verdict('ast_choir', 'web');
    registry.offline = true;
    vi.setSystemTime(DEMO_CONSENT_END);
    const view = await reload().verdict('ast_choir', 'web');
    expect(view).toMatchObject({ status: 'blocked', stale: false });
    expect(view.reasons).toContainEqual({ code: 'consent_expired', personId: 'per_1' });
  });

  it('says it has nothing yet, and why, when the first sync fails', async () => {
    const { registry, approvals } = setUp('editor');
    registry.offline = true;
    expect(await approvals.verdict('ast_choir', 'web')).toMatchObject({
      status: 'blocked',
      notice: 'not_loaded',
      stale: true,
      error: { code: 'registry_unreachable' },
    });
  });

  it('says which assets it does not know', async () => {
    const { approvals } = setUp('editor');
    expect(await approvals.verdict('ast_missing', 'web')).toMatchObject({
      status: 'blocked',
      notice: 'unknown_asset',
      stale: false,
    });
  });
});

describe('unsubscribing', () => {
  it('stops the timers and the requests', async () => {
    const { registry, approvals } = setUp('public');
    const page = surface();
    const unsubscribe = approvals.watch('ast_choir', 'web', page.callback);
    await approvals.settled();
    expect(vi.getTimerCount()).toBeGreaterThan(0);

    unsubscribe();
    expect(vi.getTimerCount()).toBe(0);
    const asked = registry.requests.length;
    await wait(60 * MINUTE, approvals);
    expect(registry.requests).toHaveLength(asked);
    expect(page.seen).toHaveLength(1);
  });
});
