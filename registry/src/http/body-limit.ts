// Buffering a request body under a byte limit. Hono would otherwise read any body whole; here a
// body known to be too large (by Content-Length, else while it streams) is refused with 413
// before it is held in memory, and the bytes read are handed on for the route to parse.
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from './env.js';
import { PayloadTooLargeError } from '../errors/payload-too-large-error.js';

export interface BodyLimit {
  /** The most bytes read, envelope (multipart boundaries, metadata) included. */
  maxBytes: number;
  /** The field the 413 problem names (`file`, `body`). */
  field: string;
  /** The limit the 413 problem states: the file's own limit, without the envelope. */
  statedBytes: number;
}

/** The bytes behind each request this module made: a later limit checks them, unread again. */
const buffered = new WeakMap<Request, Buffer>();

/**
 * Replaces the request's body stream by its bytes; `onChunk` sees each chunk as it arrives. A
 * body an earlier middleware buffered (the JSON limit, then the idempotency fingerprint) is
 * checked and handed to `onChunk` as it is held, not streamed and copied again.
 */
export async function bufferBody(
  c: Context<AppEnv>,
  limit: BodyLimit,
  onChunk?: (chunk: Uint8Array) => void,
): Promise<void> {
  const declared = Number(c.req.header('content-length') ?? Number.NaN);
  if (declared > limit.maxBytes) throw new PayloadTooLargeError(limit.field, limit.statedBytes);
  const held = buffered.get(c.req.raw);
  if (held !== undefined) {
    if (held.length > limit.maxBytes)
      throw new PayloadTooLargeError(limit.field, limit.statedBytes);
    onChunk?.(held);
    return;
  }
  const body = c.req.raw.body;
  if (body === null) return;
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > limit.maxBytes) {
      await reader.cancel();
      throw new PayloadTooLargeError(limit.field, limit.statedBytes);
    }
    onChunk?.(value);
    chunks.push(value);
  }
  const bytes = Buffer.concat(chunks, total);
  c.req.raw = new Request(c.req.raw, { body: bytes });
  buffered.set(c.req.raw, bytes);
}

/** The largest body of a JSON route (persons, consents, policy, …): far more than any needs. */
export const MAX_JSON_BODY_BYTES = 1024 * 1024;
/** Uploads: their routes set their own, larger limits (assets/upload.ts, consents/documents.ts). */
const UPLOAD_TYPES =
  /^\s*(multipart\/|image\/|audio\/|application\/pdf|application\/octet-stream)/i;

/**
 * Middleware: any other body is buffered under MAX_JSON_BODY_BYTES, so a request without an
 * Idempotency-Key (which buffers under its own limit) cannot make a JSON route read it unbounded.
 */
export function limitJsonBodies(): MiddlewareHandler<AppEnv> {
  const limit = { maxBytes: MAX_JSON_BODY_BYTES, field: 'body', statedBytes: MAX_JSON_BODY_BYTES };
  return async (c, next) => {
    // GET and HEAD carry no body; asking for c.req.raw would build a whole Request for nothing
    // on the public verdicts path.
    const bodiless = c.req.method === 'GET' || c.req.method === 'HEAD';
    if (!bodiless && !UPLOAD_TYPES.test(c.req.header('content-type') ?? ''))
      await bufferBody(c, limit);
    await next();
  };
}
