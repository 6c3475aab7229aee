// writeTx: how every route writes. One transaction that holds the organisation's write lock,
// appends audit entries and change-feed rows (db/write.ts), and makes POSTs with an
// Idempotency-Key replay their first response instead of writing twice.
import type { Context } from 'hono';
import type { AppEnv } from './env.js';
import { requirePrincipal } from '../auth/guard.js';
import { actorOf } from '../auth/principal.js';
import { runWrite } from '../db/write.js';
import type { WriteScope } from '../db/write.js';
import { REPLAYED_HEADER, findStoredResponse, storeResponse } from './idempotency.js';

export interface WriteTxOptions<T> {
  /**
   * What an idempotent replay returns, when it must differ from the first response: a new
   * API key's secret is shown once and never stored, so its replay carries `secret: null`.
   */
  stored?: (result: T) => T;
}

/**
 * Runs `fn` as the caller's write and returns its result: the response body. Inside `fn`, query
 * only through `w.db` (on SQLite the outer db waits for this very transaction: a deadlock).
 * Set response headers (ETag, Location) from the returned body, after writeTx, so that a
 * replayed POST gets them too.
 */
export async function writeTx<T>(
  c: Context<AppEnv>,
  fn: (w: WriteScope) => Promise<T>,
  options: WriteTxOptions<T> = {},
): Promise<T> {
  const principal = requirePrincipal(c);
  const { db, now } = c.var.deps;
  const idempotency = c.var.idempotency;
  const actor = actorOf(principal);
  return runWrite(db, { orgId: principal.orgId, actor, now: now() }, async (w) => {
    if (idempotency === undefined) return fn(w);
    // Looked up under the organisation's lock: two concurrent retries cannot both miss.
    const scope = { orgId: w.orgId, principal: actor, now: w.now };
    const stored = await findStoredResponse(w.db, scope, idempotency);
    if (stored !== undefined) {
      c.header(REPLAYED_HEADER, 'true');
      return stored as T;
    }
    const result = await fn(w);
    await storeResponse(w.db, scope, idempotency, options.stored?.(result) ?? result);
    return result;
  });
}
