import { describe, expect, it } from 'vitest';
import { isRegistryError } from '../errors/registry-error.js';
import { createPublicClient } from './public-client.js';
import {
  DEMO_NOW,
  PUBLISHABLE_KEY,
  createRegistryDouble,
  seedDemo,
} from './registry-double.test-support.js';

function setUp(extra: { timeoutMs?: number; retries?: number } = {}) {
  const registry = createRegistryDouble({ now: () => DEMO_NOW });
  seedDemo(registry);
  const seen: Request[] = [];
  const client = createPublicClient({
    baseUrl: 'https://registry.test',
    key: PUBLISHABLE_KEY,
    fetch: (request) => {
      seen.push(request);
      return registry.fetch(request);
    },
    retryDelayMs: () => 1,
    ...extra,
  });
  return { registry, client, seen };
}

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

describe('the public verdicts client', () => {
  it('sends the key as the key query parameter, without cookies or an authorization header', async () => {
    const { registry, client, seen } = setUp();
    const answer = await client.publicVerdicts(['ast_choir', 'ast_unassessed'], 'web');
    expect(answer.verdicts['ast_choir']?.media?.src).toContain('/v1/media/ast_choir/');
    expect(answer.verdicts['ast_unassessed']).toEqual({
      status: 'blocked',
      approvedUntil: null,
      nextCheckAt: null,
    });
    expect(registry.requests[0]?.search.get('key')).toBe(PUBLISHABLE_KEY);
    expect(registry.requests[0]?.authorization).toBeNull();
    expect(seen[0]?.credentials).toBe('omit');
    expect(client.baseUrl).toBe('https://registry.test/');
  });

  it('asks with cache mode no-cache, retries included: the browser must revalidate, never answer from its HTTP cache', async () => {
    // Public verdicts carry `Cache-Control: public, max-age` (up to 60 s); answered from the
    // browser's cache, a refresh would not see a revocation, and the verdict cache would stamp
    // the old answer as fetched now.
    const { registry, client, seen } = setUp();
    registry.failNext(503, 1);
    await client.publicVerdicts(['ast_choir'], 'web');
    await client.publicVerdicts(['ast_choir'], 'web');
    expect(seen.map((request) => request.cache)).toEqual(['no-cache', 'no-cache', 'no-cache']);
  });

  it('asks more than a hundred ids in chunks of a hundred', async () => {
    const { registry, client } = setUp();
    const ids = Array.from({ length: 250 }, (_, i) => `ast_${i}`);
    const answer = await client.publicVerdicts([...ids, 'ast_0'], 'web');
    expect(Object.keys(answer.verdicts)).toHaveLength(250);
    expect(registry.requests.map((r) => r.search.get('ids')?.split(',').length)).toEqual([
      100, 100, 50,
    ]);
  });

  it('retries a 503 and a network failure, and succeeds when the registry is back', async () => {
    const { registry, client } = setUp();
    registry.failNext(503, 2);
    await expect(client.publicVerdicts(['ast_choir'], 'web')).resolves.toHaveProperty('checkedAt');
    expect(registry.requests).toHaveLength(3);

    let attempts = 0;
    const flaky = createPublicClient({
      baseUrl: 'https://registry.test/',
      key: PUBLISHABLE_KEY,
      retryDelayMs: () => 1,
      fetch: (request) => {
        registry.offline = ++attempts < 2;
        return registry.fetch(request);
      },
    });
    await expect(flaky.publicVerdicts(['ast_choir'], 'web')).resolves.toHaveProperty('verdicts');
    expect(attempts).toBe(2);
  });

  it('gives up after the retries with registry_unreachable, naming the URL without the key', async () => {
    const { registry, client } = setUp({ retries: 1 });
    registry.offline = true;
    const error = await failureOf(client.publicVerdicts(['ast_choir'], 'web'));
    expect(isRegistryError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'registry_unreachable' });
    expect((error as Error).message).not.toContain(PUBLISHABLE_KEY);
    expect((error as Error).cause).toBeInstanceOf(Error);
  });

  it('reports a 5xx that outlasts the retries with its problem body, and never retries a 401', async () => {
    const { registry, client } = setUp({ retries: 2 });
    registry.down = true;
    const down = await failureOf(client.publicVerdicts(['ast_choir'], 'web'));
    expect(down).toMatchObject({ code: 'registry_http_error', status: 503 });
    expect(down).toHaveProperty('problem.code', 'unavailable');
    expect(registry.requests).toHaveLength(3);

    const wrong = createPublicClient({
      baseUrl: 'https://registry.test/',
      key: 'cf_pk_wrong',
      fetch: registry.fetch,
    });
    registry.down = false;
    const refused = await failureOf(wrong.publicVerdicts(['ast_choir'], 'web'));
    expect(refused).toMatchObject({ code: 'registry_http_error', status: 401 });
    expect((refused as Error).message).not.toContain('cf_pk_wrong');
    expect(registry.requests).toHaveLength(4);
  });

  it('times out a registry that does not answer, as registry_timeout, without retrying', async () => {
    const { registry, client } = setUp({ timeoutMs: 30 });
    registry.delayMs = 2_000;
    const started = Date.now();
    const error = await failureOf(client.publicVerdicts(['ast_choir'], 'web'));
    expect(error).toMatchObject({ code: 'registry_timeout', timeoutMs: 30 });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(registry.requests).toHaveLength(1);
  });

  it('leaves no listener on the caller’s signal once the retries are over', async () => {
    const { registry, client } = setUp();
    registry.failNext(503, 2);
    const signal = new AbortController().signal;
    const listening = new Set<unknown>();
    const add = signal.addEventListener.bind(signal);
    const remove = signal.removeEventListener.bind(signal);
    signal.addEventListener = (type: string, listener: unknown, options?: unknown) => {
      listening.add(listener);
      add(type, listener as EventListener, options as AddEventListenerOptions);
    };
    signal.removeEventListener = (type: string, listener: unknown, options?: unknown) => {
      listening.delete(listener);
      remove(type, listener as EventListener, options as EventListenerOptions);
    };
    await expect(client.publicVerdicts(['ast_choir'], 'web', { signal })).resolves.toHaveProperty(
      'checkedAt',
    );
    expect(registry.requests).toHaveLength(3);
    expect(listening.size).toBe(0);
  });

  it('stops when the caller aborts, with the signal’s reason, and asks nothing when already aborted', async () => {
    const { registry, client } = setUp();
    registry.delayMs = 2_000;
    const controller = new AbortController();
    const call = client.publicVerdicts(['ast_choir'], 'web', { signal: controller.signal });
    setTimeout(() => controller.abort(), 10);
    expect(await failureOf(call)).toHaveProperty('name', 'AbortError');
    const signal = AbortSignal.abort();
    expect(await failureOf(client.publicVerdicts(['x'], 'web', { signal }))).toHaveProperty(
      'name',
      'AbortError',
    );
    expect(registry.requests).toHaveLength(1);
  });
});
