import { describe, expect, it } from 'vitest';
import type { AppDeps } from './env.js';
import { createApp } from './app.js';
import { MAX_IDEMPOTENT_BODY_BYTES } from './idempotency.js';

// The middleware runs before any route or query: no database is reached for these requests.
const app = createApp({ now: () => new Date() } as AppDeps);

function streamOf(bytes: number, chunk = 1024 * 1024): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= bytes) return controller.close();
      const size = Math.min(chunk, bytes - sent);
      sent += size;
      controller.enqueue(new Uint8Array(size));
    },
  });
}

describe('idempotency fingerprints', () => {
  it('refuses a declared body over the largest route limit before reading it', async () => {
    const response = await app.request('/v1/assets', {
      method: 'POST',
      headers: {
        'idempotency-key': 'big-1',
        'content-length': String(MAX_IDEMPOTENT_BODY_BYTES + 1),
      },
      body: streamOf(16),
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
  });

  it('stops reading a streamed body at the limit instead of buffering it whole', async () => {
    let pulled = 0;
    const source = streamOf(MAX_IDEMPOTENT_BODY_BYTES * 4);
    const reader = source.getReader();
    const counted = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const { done, value } = await reader.read();
        if (done) return controller.close();
        pulled += value.length;
        controller.enqueue(value);
      },
    });
    const response = await app.request('/v1/assets', {
      method: 'POST',
      headers: { 'idempotency-key': 'big-2' },
      body: counted,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(pulled).toBeLessThanOrEqual(MAX_IDEMPOTENT_BODY_BYTES + 2 * 1024 * 1024);
  });
});
