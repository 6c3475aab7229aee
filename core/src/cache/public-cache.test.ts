import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPublicClient } from '../client/public-client.js';
import {
  DEMO_NOW,
  PUBLISHABLE_KEY,
  createRegistryDouble,
  seedDemo,
} from '../client/registry-double.test-support.js';
import { openPublicCache } from './public-cache.js';
import type { PublicCacheOptions, PublicVerdictCache } from './public-cache.js';
import type { CacheChange } from './cache-core.js';

const opened: PublicVerdictCache[] = [];
afterEach(() => {
  for (const cache of opened.splice(0)) cache.close();
  vi.restoreAllMocks();
});

function open(options: Partial<PublicCacheOptions> = {}): PublicVerdictCache {
  const cache = openPublicCache({
    registry: 'https://registry.test/ cf_pk_test',
    indexedDB: new IDBFactory(),
    now: () => DEMO_NOW,
    ...options,
  });
  opened.push(cache);
  return cache;
}

function setUp() {
  const registry = createRegistryDouble({ now: () => DEMO_NOW });
  seedDemo(registry);
  const client = createPublicClient({
    baseUrl: 'https://registry.test/',
    key: PUBLISHABLE_KEY,
    fetch: registry.fetch,
    retries: 0,
  });
  return { registry, client };
}

describe('the public verdict cache', () => {
  it('keeps verdicts in IndexedDB for the next page load', async () => {
    const { registry, client } = setUp();
    const origin = new IDBFactory();
    await open({ indexedDB: origin }).refreshPublicVerdicts(client, 'web', ['ast_choir']);
    const later = open({ indexedDB: origin });
    expect((await later.publicVerdicts('web', ['ast_choir'])).get('ast_choir')).toMatchObject({
      fetchedAt: DEMO_NOW,
      verdict: { status: 'expiring' },
    });
    expect(later.storage).toBe('indexeddb');
    expect(registry.requests).toHaveLength(1);
  });

  it('lets one tab of an origin fetch what both need, and tells the other', async () => {
    const { registry, client } = setUp();
    const origin = new IDBFactory();
    const tabA = open({ indexedDB: origin });
    const tabB = open({ indexedDB: origin });
    const heardByB: CacheChange[] = [];
    tabB.onChange((change) => heardByB.push(change));

    const [a, b] = await Promise.all(
      [tabA, tabB].map((tab) =>
        tab.refreshPublicVerdicts(client, 'web', ['ast_choir'], { freshForMs: 30_000 }),
      ),
    );
    expect(registry.requests).toHaveLength(1);
    expect(a?.get('ast_choir')?.verdict).toEqual(b?.get('ast_choir')?.verdict);
    await vi.waitFor(() =>
      expect(heardByB).toContainEqual({ kind: 'public', channel: 'web', assetIds: ['ast_choir'] }),
    );
  });

  it('keeps working in memory where there is no IndexedDB, warning once', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { registry, client } = setUp();
    const cache = open({ indexedDB: null });
    await cache.refreshPublicVerdicts(client, 'web', ['ast_choir']);
    await cache.refreshPublicVerdicts(client, 'web', ['ast_contract', 'ast_choir'], {
      freshForMs: 60_000,
    });
    expect((await cache.publicVerdicts('web', ['ast_choir', 'ast_contract'])).size).toBe(2);
    expect(registry.requests.map((request) => request.search.get('ids'))).toEqual([
      'ast_choir',
      'ast_contract',
    ]);
    expect(cache.storage).toBe('memory');
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toContain('in memory');
  });

  it('moves to memory when a write fails, keeping what the page had read', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { registry, client } = setUp();
    const origin = new IDBFactory();
    await open({ indexedDB: origin }).refreshPublicVerdicts(client, 'web', ['ast_choir']);
    const cache = open({ indexedDB: origin });
    expect((await cache.publicVerdicts('web', ['ast_choir'])).size).toBe(1);
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded', 'QuotaExceededError');
    });
    await cache.refreshPublicVerdicts(client, 'web', ['ast_contract']);

    expect(cache.storage).toBe('memory');
    const kept = await cache.publicVerdicts('web', ['ast_choir', 'ast_contract']);
    expect([...kept.keys()].sort()).toEqual(['ast_choir', 'ast_contract']);
    expect(registry.requests).toHaveLength(2);
    expect(warn).toHaveBeenCalledTimes(1);
  });
});
