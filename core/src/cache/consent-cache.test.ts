import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRegistryClient } from '../client/registry-client.js';
import {
  DEMO_CONSENT_END,
  DEMO_NOW,
  EDITOR_KEY,
  PUBLISHABLE_KEY,
  createRegistryDouble,
  seedDemo,
} from '../client/registry-double.test-support.js';
import type { RegistryDouble } from '../client/registry-double.test-support.js';
import { openCache } from './consent-cache.js';
import type { CacheChange, CacheOptions, ConsentCache } from './consent-cache.js';
import { openDatabase } from './idb-store.js';

const opened: ConsentCache[] = [];
afterEach(() => {
  for (const cache of opened.splice(0)) cache.close();
  vi.restoreAllMocks();
});

function open(options: Partial<CacheOptions> = {}): ConsentCache {
  const cache = openCache({
    registry: 'https://registry.test/',
    indexedDB: new IDBFactory(),
    now: () => DEMO_NOW,
    ...options,
  });
  opened.push(cache);
  return cache;
}

function registryWithDemo(): RegistryDouble {
  const registry = createRegistryDouble({ now: () => DEMO_NOW });
  seedDemo(registry);
  return registry;
}

const clientOf = (registry: RegistryDouble, kind: 'editor' | 'publishable' = 'editor') =>
  createRegistryClient({
    baseUrl: 'https://registry.test/',
    credential: kind === 'editor' ? { kind, key: EDITOR_KEY } : { kind, key: PUBLISHABLE_KEY },
    fetch: registry.fetch,
    retries: 0,
  });

describe('the cache in editor mode', () => {
  it('evaluates a synced asset locally to the verdict the registry gives', async () => {
    const registry = registryWithDemo();
    const client = clientOf(registry);
    const cache = open();
    await cache.sync(client);
    const local = await cache.evaluate('ast_choir', 'web');
    const remote = await client.verdict('ast_choir', 'web');
    expect(local).toEqual(remote.verdict);
    expect(local?.approvedUntil).toBe(new Date(DEMO_CONSENT_END).toISOString());
  });

  it('builds the input of the rules for an asset from the synced records', async () => {
    const cache = open();
    await cache.sync(clientOf(registryWithDemo()));
    const input = await cache.evaluationInput('ast_choir', 'print', DEMO_NOW);
    expect(input?.asset.id).toBe('ast_choir');
    expect(input?.persons?.map((person) => person.id)).toEqual(['per_1']);
    expect(input?.consents?.map((consent) => consent.id)).toEqual(['con_1']);
    expect(input).toMatchObject({ channel: 'print', now: new Date(DEMO_NOW).toISOString() });
    expect(await cache.evaluationInput('ast_missing', 'web')).toBeUndefined();
  });

  it('enforces the end of a consent offline, evaluating later instants from the cache', async () => {
    const registry = registryWithDemo();
    const cache = open();
    await cache.sync(clientOf(registry));
    registry.offline = true;
    expect((await cache.evaluate('ast_choir', 'web', DEMO_CONSENT_END - 1))?.status).toBe(
      'expiring',
    );
    expect((await cache.evaluate('ast_choir', 'web', DEMO_CONSENT_END))?.status).toBe('blocked');
  });

  it('asks only for changes after its cursor the next time', async () => {
    const registry = registryWithDemo();
    const client = clientOf(registry);
    const cache = open();
    const first = await cache.sync(client);
    registry.put('asset', { id: 'ast_new', legalBasis: 'contract' });
    const second = await cache.sync(client);
    expect(first.changes).toBe(5);
    expect(second.changes).toBe(1);
    expect(registry.served.map((change) => change.id)).toEqual([
      'org_test',
      'per_1',
      'ast_choir',
      'con_1',
      'ast_unassessed',
      'ast_new',
    ]);
    expect(await cache.syncState()).toEqual({ cursor: '6', syncedAt: DEMO_NOW });
  });

  it('applies tombstones: a deleted consent blocks, a deleted asset is no longer known', async () => {
    const registry = registryWithDemo();
    const client = clientOf(registry);
    const cache = open();
    await cache.sync(client);
    registry.remove('consent', 'con_1');
    await cache.sync(client);
    const verdict = await cache.evaluate('ast_choir', 'web');
    expect(verdict?.status).toBe('blocked');
    expect(verdict?.reasons).toContainEqual({ code: 'no_consent', personId: 'per_1' });
    registry.remove('asset', 'ast_choir');
    await cache.sync(client);
    expect(await cache.evaluate('ast_choir', 'web')).toBeUndefined();
  });

  it('keeps the data of an older schema version when it upgrades', async () => {
    const factory = new IDBFactory();
    const v1 = await openDatabase(factory, 'clearframe:https://registry.test/', 1);
    expect([...v1.objectStoreNames]).not.toContain('publicVerdicts');
    await v1.put('policies', { timeZone: 'Europe/Stockholm', channels: ['web'] }, 'org_test');
    await v1.put('persons', { id: 'per_1' }, 'per_1');
    await v1.put(
      'assets',
      { id: 'ast_1', legalBasis: 'consent', persons: [{ personId: 'per_1' }] },
      'ast_1',
    );
    await v1.put(
      'consents',
      { id: 'con_1', personId: 'per_1', channels: ['web'], validFrom: '2026-01-01' },
      'con_1',
    );
    await v1.put('meta', { cursor: '42', syncedAt: DEMO_NOW - 1_000 }, 'sync');
    v1.close();

    const cache = open({ indexedDB: factory });
    expect(await cache.syncState()).toEqual({ cursor: '42', syncedAt: DEMO_NOW - 1_000 });
    expect((await cache.evaluate('ast_1', 'web'))?.status).toBe('approved');
    expect(cache.storage).toBe('indexeddb');
  });
});

describe('the cache in public mode', () => {
  it('stores public verdicts with the time they were fetched, and refetches only stale ones', async () => {
    const registry = registryWithDemo();
    const client = clientOf(registry, 'publishable');
    let now = DEMO_NOW;
    const cache = open({ now: () => now });
    const first = await cache.refreshPublicVerdicts(client, 'web', ['ast_choir', 'ast_gone']);
    expect(first.get('ast_choir')).toMatchObject({
      fetchedAt: DEMO_NOW,
      verdict: { status: 'expiring' },
    });
    expect(first.get('ast_gone')?.verdict.status).toBe('blocked');

    now += 10_000;
    await cache.refreshPublicVerdicts(client, 'web', ['ast_choir'], { freshForMs: 60_000 });
    expect(registry.requests).toHaveLength(1);
    now += 60_000;
    const later = await cache.refreshPublicVerdicts(client, 'web', ['ast_choir'], {
      freshForMs: 60_000,
    });
    expect(registry.requests).toHaveLength(2);
    expect(later.get('ast_choir')?.fetchedAt).toBe(now);
    expect((await cache.publicVerdicts('web', ['ast_choir'])).get('ast_choir')?.fetchedAt).toBe(
      now,
    );
  });
});

describe('the cache without a working IndexedDB', () => {
  const failingFactory = () =>
    ({
      open: () => {
        throw new DOMException('The user denied storage', 'InvalidStateError');
      },
    }) as unknown as IDBFactory;

  it('keeps working in memory when opening the database fails, with one warning', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const registry = registryWithDemo();
    const client = clientOf(registry);
    const cache = open({ indexedDB: failingFactory() });
    await cache.sync(client);
    registry.put('asset', { id: 'ast_new', legalBasis: 'contract' });
    await cache.sync(client);
    expect((await cache.evaluate('ast_choir', 'web'))?.status).toBe('expiring');
    expect((await cache.evaluate('ast_new', 'web'))?.status).toBe('approved');
    expect(cache.storage).toBe('memory');
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toContain('in memory');
  });

  it('keeps working in memory where there is no indexedDB at all', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    vi.stubGlobal('indexedDB', undefined);
    try {
      const cache = openCache({ registry: 'https://registry.test/', now: () => DEMO_NOW });
      opened.push(cache);
      await cache.sync(clientOf(registryWithDemo()));
      expect((await cache.evaluate('ast_choir', 'web'))?.status).toBe('expiring');
    } finally {
      vi.unstubAllGlobals();
    }
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('moves to memory when a write exceeds the quota, keeping what was already stored', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const registry = registryWithDemo();
    const client = clientOf(registry);
    const cache = open();
    await cache.sync(client);
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded', 'QuotaExceededError');
    });
    registry.put('asset', { id: 'ast_new', legalBasis: 'contract' });
    const outcome = await cache.sync(client);
    await cache.refreshPublicVerdicts(clientOf(registry, 'publishable'), 'web', ['ast_choir']);

    expect(outcome.changes).toBe(1);
    expect(cache.storage).toBe('memory');
    expect((await cache.evaluate('ast_choir', 'web'))?.status).toBe('expiring');
    expect((await cache.evaluate('ast_new', 'web'))?.status).toBe('approved');
    expect((await cache.publicVerdicts('web', ['ast_choir'])).size).toBe(1);
    expect(registry.served).toHaveLength(6); // nothing was downloaded again
    expect(warn).toHaveBeenCalledTimes(1);
  });
});

describe('several tabs of one origin', () => {
  it('sync the same data once, and the tab that waited learns that new data arrived', async () => {
    const registry = registryWithDemo();
    const client = clientOf(registry);
    const origin = new IDBFactory();
    const tabA = open({ indexedDB: origin });
    const tabB = open({ indexedDB: origin });
    const heardByB: CacheChange[] = [];
    tabB.onChange((change) => heardByB.push(change));

    const [a, b] = await Promise.all([
      tabA.sync(client, { freshForMs: 30_000 }),
      tabB.sync(client, { freshForMs: 30_000 }),
    ]);
    expect([a.skipped, b.skipped].sort()).toEqual([false, true]);
    expect(registry.served).toHaveLength(5);
    expect(registry.requests).toHaveLength(1);
    expect((await tabB.evaluate('ast_choir', 'web'))?.status).toBe('expiring');

    registry.remove('consent', 'con_1');
    await tabA.sync(client);
    await vi.waitFor(() =>
      expect(heardByB).toContainEqual({ kind: 'records', changed: true, syncedAt: DEMO_NOW }),
    );
    expect((await tabB.evaluate('ast_choir', 'web'))?.status).toBe('blocked');
  });

  it('each sync for themselves when neither locks nor broadcasts exist, without applying a page twice', async () => {
    const registry = registryWithDemo();
    const client = clientOf(registry);
    const origin = new IDBFactory();
    const bare = { indexedDB: origin, locks: null, broadcastChannel: null };
    const tabA = open(bare);
    const tabB = open(bare);
    await Promise.all([tabA.sync(client), tabB.sync(client)]);
    expect(await tabA.syncState()).toEqual(await tabB.syncState());
    expect((await tabB.evaluate('ast_choir', 'web'))?.status).toBe('expiring');
  });
});
