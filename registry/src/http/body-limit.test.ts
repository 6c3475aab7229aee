import type { Context } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AppDeps, AppEnv } from './env.js';
import { createApp } from './app.js';
import { MAX_JSON_BODY_BYTES, bufferBody } from './body-limit.js';

// The middleware runs before any route or query: no database is reached for these requests.
const app = createApp({ now: () => new Date() } as AppDeps);

function countedStream(bytes: number, chunk = 64 * 1024) {
  const counter = { pulled: 0 };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (counter.pulled >= bytes) return controller.close();
        const size = Math.min(chunk, bytes - counter.pulled);
        counter.pulled += size;
        controller.enqueue(new TextEncoder().encode(' '.repeat(size)));
      },
    },
    // Pulled only when the server reads, so `pulled` counts what it read.
    { highWaterMark: 0 },
  );
  return { stream, counter };
}

describe('JSON bodies without an Idempotency-Key', () => {
  it('are refused with 413 naming the body once they pass the limit, not read whole', async () => {
    const { stream, counter } = countedStream(MAX_JSON_BODY_BYTES * 8);
    const response = await app.request('/v1/persons', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = (await response.json()) as { errors: { field: string }[] };
    expect(problem.errors.map((error) => error.field)).toEqual(['body']);
    expect(counter.pulled).toBeLessThanOrEqual(MAX_JSON_BODY_BYTES + 128 * 1024);
  });

  it('are refused by their declared length before anything is read', async () => {
    const { stream, counter } = countedStream(16);
    const response = await app.request('/v1/policy', {
      method: 'PUT',
      headers: {
        'content-type': 'application/json',
        'content-length': String(MAX_JSON_BODY_BYTES + 1),
      },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(counter.pulled).toBe(0);
  });

  it('under the limit reach the route as sent', async () => {
    // No credentials: the route itself answers 401, which it can only do after the body passed.
    const response = await app.request('/v1/persons', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'x'.repeat(MAX_JSON_BODY_BYTES - 100) }),
    });
    expect(response.status).toBe(401);
  });
});

describe('a body buffered twice (the JSON limit, then the idempotency fingerprint)', () => {
  it('is read once: the second limit checks the bytes held and hands them on as they are', async () => {
    const c = {
      req: {
        header: () => undefined,
        raw: new Request('https://registry.test/v1/persons', { method: 'POST', body: '{"a":1}' }),
      },
    } as unknown as Context<AppEnv>;
    const limit = { maxBytes: 64, field: 'body', statedBytes: 64 };
    await bufferBody(c, limit);
    const first = c.req.raw;
    const seen: string[] = [];
    await bufferBody(c, limit, (chunk) => seen.push(new TextDecoder().decode(chunk)));
    expect(c.req.raw).toBe(first);
    expect(seen).toEqual(['{"a":1}']);
    await expect(bufferBody(c, { ...limit, maxBytes: 6 })).rejects.toMatchObject({
      code: 'payload_too_large',
    });
    await expect(c.req.raw.text()).resolves.toBe('{"a":1}');
  });

  it('reaches the route with its Idempotency-Key as sent', async () => {
    const response = await app.request('/v1/persons', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'k-1' },
      body: JSON.stringify({ name: 'x' }),
    });
    expect(response.status).toBe(401);
  });
});
