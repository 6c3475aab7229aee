// Idempotency keys on POST: the middleware fingerprints the request before anything reads the
// body; writeTx (write-tx.ts) then replays the stored response or stores the new one.
import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { Kysely } from 'kysely';
import type { AppEnv, Idempotency } from './env.js';
import { bufferBody } from './body-limit.js';
import type { Database } from '../db/schema.js';
import { IdempotencyKeyReusedError } from '../errors/idempotency-key-reused-error.js';
import { InvalidParameterError } from '../errors/invalid-parameter-error.js';
import { MAX_IMAGE_BYTES } from '../assets/ingest.js';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
export const REPLAYED_HEADER = 'Idempotent-Replayed';
const KEY = /^[\x21-\x7e]{1,255}$/;
/**
 * The largest body any route takes: an image upload with its multipart envelope (assets/
 * upload.ts). The fingerprint reads the body before the route's own limit runs, so it stops here.
 */
export const MAX_IDEMPOTENT_BODY_BYTES = MAX_IMAGE_BYTES + 1024 * 1024;

export function idempotency(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    // Only POST reads the header: other requests (the public verdicts first) skip the lookup.
    const key = c.req.method === 'POST' ? c.req.header(IDEMPOTENCY_HEADER) : undefined;
    if (key === undefined) {
      c.set('idempotency', undefined);
      return next();
    }
    if (!KEY.test(key)) {
      throw new InvalidParameterError([
        { field: IDEMPOTENCY_HEADER, message: 'must be 1 to 255 visible ASCII characters' },
      ]);
    }
    const url = new URL(c.req.url);
    const head = `${c.req.method}\n${url.pathname}${url.search}\n${c.req.header('content-type') ?? ''}\n`;
    const hash = createHash('sha256').update(head);
    // Read once, hashed as it streams, never past the largest body a route takes (413 beyond,
    // as the route would answer); validators downstream then read these bytes as usual.
    await bufferBody(
      c,
      {
        maxBytes: MAX_IDEMPOTENT_BODY_BYTES,
        field: 'body',
        statedBytes: MAX_IDEMPOTENT_BODY_BYTES,
      },
      (chunk) => hash.update(chunk),
    );
    c.set('idempotency', { key, fingerprint: hash.digest('hex') });
    await next();
  };
}

/** The response stored for this key, or undefined. A key reused for another request is refused. */
export async function findStoredResponse(
  db: Kysely<Database>,
  scope: { orgId: string; principal: string },
  idempotency: Idempotency,
): Promise<unknown> {
  const stored = await db
    .selectFrom('idempotency_keys')
    .select(['fingerprint', 'response'])
    .where('org_id', '=', scope.orgId)
    .where('principal', '=', scope.principal)
    .where('key', '=', idempotency.key)
    .executeTakeFirst();
  if (stored === undefined) return undefined;
  if (stored.fingerprint !== idempotency.fingerprint) throw new IdempotencyKeyReusedError();
  return JSON.parse(stored.response) as unknown;
}

export async function storeResponse(
  db: Kysely<Database>,
  scope: { orgId: string; principal: string; now: string },
  idempotency: Idempotency,
  response: unknown,
): Promise<void> {
  await db
    .insertInto('idempotency_keys')
    .values({
      org_id: scope.orgId,
      principal: scope.principal,
      key: idempotency.key,
      fingerprint: idempotency.fingerprint,
      response: JSON.stringify(response ?? null),
      created_at: scope.now,
    })
    .execute();
}
