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

/** Replaces the request's body stream by its bytes; `onChunk` sees each chunk as it arrives. */
export async function bufferBody(
  c: Context<AppEnv>,
  limit: BodyLimit,
  onChunk?: (chunk: Uint8Array) => void,
): Promise<void> {
  const declared = Number(c.req.header('content-length') ?? Number.NaN);
  if (declared > limit.maxBytes) throw new PayloadTooLargeError(limit.field, limit.statedBytes);
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
  c.req.raw = new Request(c.req.raw, { body: Buffer.concat(chunks, total) });
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
