// A double of the registry's public verdicts route behind the page's own `fetch`, for elements
// that make their service from `registry` and `key`: the test decides each answer and counts asks.
import type { PublicVerdict } from '@clearframe/core/public';
import { vi } from 'vitest';
import { MEDIA } from './approvals-double.js';

export const APPROVED: PublicVerdict = {
  status: 'approved',
  approvedUntil: null,
  nextCheckAt: null,
  media: MEDIA,
};

export const REVOKED: PublicVerdict = { status: 'blocked', approvedUntil: null, nextCheckAt: null };

export interface PublicRegistryDouble {
  /** A registry URL of this double alone (services and caches are per registry and key). */
  readonly url: string;
  readonly key: string;
  /** What the next asks answer; an Error makes fetch reject (the registry is unreachable). */
  answer: PublicVerdict | Error;
  /** When each public verdicts request was made (the page's Date.now()), in order. */
  readonly asked: number[];
  /** The requests themselves. */
  readonly requests: Request[];
}

/** Replaces `globalThis.fetch` for requests to the double's URL (restore with vi.restoreAllMocks). */
export function stubPublicRegistry(): PublicRegistryDouble {
  const double: PublicRegistryDouble = {
    url: `https://registry-${crypto.randomUUID()}.test/`,
    key: 'cf_pk_test',
    answer: APPROVED,
    asked: [],
    requests: [],
  };
  const realFetch = globalThis.fetch;
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const request = new Request(input, init);
    if (!request.url.startsWith(double.url)) return realFetch(input, init);
    double.asked.push(Date.now());
    double.requests.push(request);
    if (double.answer instanceof Error) throw double.answer;
    const ids = new URL(request.url).searchParams.get('ids')?.split(',') ?? [];
    const verdict = double.answer;
    return Response.json({
      checkedAt: new Date().toISOString(),
      verdicts: Object.fromEntries(ids.map((id) => [id, verdict])),
    });
  });
  return double;
}

/**
 * Waits in real time, without moving a fake clock, until `check` holds (vi.waitFor advances fake
 * timers while it polls, which would blur a test of when something happens).
 */
export async function eventually(check: () => unknown, timeoutMs = 5_000): Promise<void> {
  const started = performance.now();
  while (!check()) {
    if (performance.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms`);
    // A macrotask: IndexedDB and fetch callbacks run in between.
    await new Promise<void>((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve();
      channel.port2.postMessage(null);
    });
  }
}
