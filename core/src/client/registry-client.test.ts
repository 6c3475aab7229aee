import { describe, expect, it } from 'vitest';
import { isRegistryError } from '../errors/registry-error.js';
import { createRegistryClient } from './registry-client.js';
import type { Credential } from './options.js';
import {
  DEMO_NOW,
  EDITOR_KEY,
  PUBLISHABLE_KEY,
  createRegistryDouble,
  seedDemo,
} from './registry-double.test-support.js';
import type { RegistryDouble } from './registry-double.test-support.js';

const editor: Credential = { kind: 'editor', key: EDITOR_KEY };
const publishable: Credential = { kind: 'publishable', key: PUBLISHABLE_KEY };

function setUp(
  credential: Credential = editor,
  extra: { timeoutMs?: number; retries?: number } = {},
) {
  const registry = createRegistryDouble({ now: () => DEMO_NOW });
  seedDemo(registry);
  const client = createRegistryClient({
    baseUrl: 'https://registry.test/',
    credential,
    fetch: registry.fetch,
    retryDelayMs: () => 1,
    ...extra,
  });
  return { registry, client };
}

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

const pathsOf = (registry: RegistryDouble) => registry.requests.map((r) => r.path);

describe('the registry client', () => {
  it('reads one page of the change feed with the editor key as a bearer token', async () => {
    const { registry, client } = setUp();
    const page = await client.sync();
    expect(page.changes.map((c) => `${c.type}:${c.id}`)).toContain('consent:con_1');
    expect(page.hasMore).toBe(false);
    expect(registry.requests[0]?.authorization).toBe(`Bearer ${EDITOR_KEY}`);
  });

  it('follows hasMore until the feed is exhausted, continuing from each cursor', async () => {
    const { registry, client } = setUp();
    registry.pageSize = 2;
    const pages: number[] = [];
    const all = await client.syncAll(null, {
      onPage: (page) => void pages.push(page.changes.length),
    });
    expect(pages).toEqual([2, 2, 1]);
    expect(new Set(all.changes.map((c) => c.id)).size).toBe(5);
    expect(registry.requests.map((r) => r.search.get('since'))).toEqual([null, '2', '4']);
    const again = await client.sync(all.cursor);
    expect(again.changes).toEqual([]);
  });

  it('asks the editor verdict of one asset in one channel', async () => {
    const { client } = setUp();
    const answer = await client.verdict('ast_choir', 'web');
    expect(answer.verdict.status).toBe('expiring');
    expect(answer.verdict.approvedUntil).toBe('2026-11-23T23:00:00.000Z');
  });

  it('sends a publishable key as the key query parameter, never as a header or cookie', async () => {
    const { registry, client } = setUp(publishable);
    const answer = await client.publicVerdicts(['ast_choir', 'ast_unassessed', 'ast_nope'], 'web');
    expect(answer.verdicts['ast_choir']?.media?.src).toContain('/v1/media/ast_choir/');
    expect(answer.verdicts['ast_unassessed']).toEqual({
      status: 'blocked',
      approvedUntil: null,
      nextCheckAt: null,
    });
    expect(registry.requests[0]?.search.get('key')).toBe(PUBLISHABLE_KEY);
    expect(registry.requests[0]?.authorization).toBeNull();
  });

  it('lets the browser send the session cookie for a session credential, and nothing else', async () => {
    const seen: Request[] = [];
    const { registry } = setUp();
    const client = createRegistryClient({
      baseUrl: 'https://registry.test/',
      credential: { kind: 'session' },
      fetch: (request) => {
        seen.push(request);
        return registry.fetch(request);
      },
    });
    await expect(client.sync()).rejects.toMatchObject({ status: 401 });
    expect(seen[0]?.credentials).toBe('include');
    expect(seen[0]?.headers.get('authorization')).toBeNull();
    expect(new URL(seen[0]?.url ?? '').searchParams.has('key')).toBe(false);
  });

  it('asks with cache mode no-cache: answers are what the registry says now, not the HTTP cache’s', async () => {
    const seen: Request[] = [];
    const { registry } = setUp();
    const withKey = (credential: Credential) =>
      createRegistryClient({
        baseUrl: 'https://registry.test/',
        credential,
        fetch: (request) => {
          seen.push(request);
          return registry.fetch(request);
        },
      });
    await withKey(publishable).publicVerdicts(['ast_choir'], 'web');
    await withKey(editor).sync();
    await withKey(editor).verdict('ast_choir', 'web');
    expect(seen.map((request) => [new URL(request.url).pathname, request.cache])).toEqual([
      ['/v1/public/verdicts', 'no-cache'],
      ['/v1/sync', 'no-cache'],
      ['/v1/assets/ast_choir/verdict', 'no-cache'],
    ]);
  });

  it('asks public verdicts of more than a hundred ids in chunks of a hundred', async () => {
    const { registry, client } = setUp(publishable);
    const ids = Array.from({ length: 250 }, (_, i) => `ast_${i}`);
    const answer = await client.publicVerdicts([...ids, 'ast_0'], 'web');
    expect(Object.keys(answer.verdicts)).toHaveLength(250);
    expect(registry.requests.map((r) => r.search.get('ids')?.split(',').length)).toEqual([
      100, 100, 50,
    ]);
  });

  it('retries a 503 with backoff and succeeds when the registry recovers', async () => {
    const { registry, client } = setUp();
    registry.failNext(503, 2);
    const page = await client.sync();
    expect(page.changes.length).toBeGreaterThan(0);
    expect(pathsOf(registry)).toEqual(['/v1/sync', '/v1/sync', '/v1/sync']);
  });

  it('retries a network failure and succeeds when the network is back', async () => {
    const { registry, client } = setUp();
    registry.offline = true;
    let attempts = 0;
    const flaky = createRegistryClient({
      baseUrl: 'https://registry.test',
      credential: editor,
      retryDelayMs: () => 1,
      fetch: (request) => {
        if (++attempts === 2) registry.offline = false;
        return registry.fetch(request);
      },
    });
    await expect(flaky.sync()).resolves.toMatchObject({ hasMore: false });
    expect(attempts).toBe(2);
    expect(client.baseUrl).toBe('https://registry.test/');
  });

  it('gives up after the retries with registry_unreachable, keeping the cause', async () => {
    const { registry, client } = setUp(editor, { retries: 1 });
    registry.offline = true;
    const error = await failureOf(client.sync());
    expect(isRegistryError(error)).toBe(true);
    expect(error).toMatchObject({
      code: 'registry_unreachable',
      url: 'https://registry.test/v1/sync',
    });
    expect((error as Error).cause).toBeInstanceOf(Error);
  });

  it('reports a 5xx that outlasts the retries as registry_http_error with the problem body', async () => {
    const { registry, client } = setUp(editor, { retries: 2 });
    registry.down = true;
    const error = await failureOf(client.sync());
    expect(error).toMatchObject({ code: 'registry_http_error', status: 503 });
    expect(error).toHaveProperty('problem.code', 'unavailable');
    expect(registry.requests).toHaveLength(3);
  });

  it.each([400, 401, 404])('does not retry a %i', async (status) => {
    const { registry, client } = setUp();
    registry.failNext(status, 1);
    const error = await failureOf(client.verdict('ast_choir', 'web'));
    expect(error).toMatchObject({ code: 'registry_http_error', status });
    expect(error).toHaveProperty('problem.status', status);
    expect(registry.requests).toHaveLength(1);
  });

  it('refuses a wrong key with the registry’s 401 and its problem body', async () => {
    const { registry, client } = setUp({ kind: 'publishable', key: 'cf_pk_wrong' });
    const error = await failureOf(client.publicVerdicts(['ast_choir'], 'web'));
    expect(error).toMatchObject({ code: 'registry_http_error', status: 401 });
    expect((error as Error).message).not.toContain('cf_pk_wrong');
    expect(registry.requests).toHaveLength(1);
  });

  it('times out a registry that does not answer, as registry_timeout', async () => {
    const { registry, client } = setUp(editor, { timeoutMs: 30, retries: 0 });
    registry.delayMs = 2_000;
    const started = Date.now();
    const error = await failureOf(client.sync());
    expect(error).toMatchObject({ code: 'registry_timeout', timeoutMs: 30 });
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('stops at once when the caller aborts, with the signal’s reason', async () => {
    const { registry, client } = setUp();
    registry.delayMs = 2_000;
    const controller = new AbortController();
    const call = client.sync(null, { signal: controller.signal });
    setTimeout(() => controller.abort(), 10);
    const error = await failureOf(call);
    expect(error).toHaveProperty('name', 'AbortError');
    expect(registry.requests).toHaveLength(1);
  });

  it('does not call the registry when the signal is already aborted', async () => {
    const { registry, client } = setUp();
    const error = await failureOf(client.sync(null, { signal: AbortSignal.abort() }));
    expect(error).toHaveProperty('name', 'AbortError');
    expect(registry.requests).toHaveLength(0);
  });

  it('turns a body that breaks the contract into registry_invalid_response naming the field', async () => {
    const { registry, client } = setUp();
    registry.respondNextWith(JSON.stringify({ changes: 'none', cursor: '1', hasMore: false }));
    const error = await failureOf(client.sync());
    expect(error).toMatchObject({ code: 'registry_invalid_response' });
    expect(error).toHaveProperty(['issues', 0, 'path'], 'changes');
  });

  it('turns a body that is not JSON into registry_invalid_response', async () => {
    const { registry, client } = setUp(publishable);
    registry.respondNextWith('<html>proxy login</html>', 'text/html');
    const error = await failureOf(client.publicVerdicts(['ast_choir'], 'web'));
    expect(error).toMatchObject({ code: 'registry_invalid_response' });
    expect(registry.requests).toHaveLength(1);
  });

  it('rejects a verdict whose status is not one the rules know', async () => {
    const { registry, client } = setUp(publishable);
    registry.respondNextWith(
      JSON.stringify({
        checkedAt: '2026-11-23T12:00:00Z',
        verdicts: { ast_choir: { status: 'maybe', approvedUntil: null, nextCheckAt: null } },
      }),
    );
    const error = await failureOf(client.publicVerdicts(['ast_choir'], 'web'));
    expect(error).toMatchObject({ code: 'registry_invalid_response' });
    expect(error).toHaveProperty(['issues', 0, 'path'], 'verdicts.ast_choir.status');
  });
});
