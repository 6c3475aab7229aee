// /v1/media/{assetId}/{rendition}: rendition bytes behind a signed, expiring URL, and only while
// the asset is approved for the URL's channel at request time (evaluated again on every request).
import { createRoute, z } from '@hono/zod-openapi';
import { ForbiddenError } from '../errors/forbidden-error.js';
import { GoneError } from '../errors/gone-error.js';
import { NotFoundError } from '../errors/not-found-error.js';
import { ifNoneMatchHits } from '../http/etag.js';
import { createRouter } from '../http/router.js';
import { problemResponses } from '../http/schemas.js';
import { problemResponse, toProblem } from '../http/problem.js';
import { mediaSecretOf } from '../media/secret.js';
import { MAX_MEDIA_URL_SECONDS, mediaSignatureValid } from '../media/signing.js';
import { evaluateAsset, loadInputs } from '../verdicts/inputs.js';
import { ChannelQuerySchema } from '../verdicts/schemas.js';
import type { Rendition } from '../db/schema.js';
import { parseJsonText } from '../util/json.js';

/** Renditions media delivery serves; the original is never among them. */
const RENDITION_NAMES = ['thumb', 'medium', 'large', 'webp'] as const;

const getMedia = createRoute({
  method: 'get',
  path: '/media/{assetId}/{rendition}',
  tags: ['public'],
  summary: 'Rendition bytes while the asset is approved for the signed channel',
  request: {
    params: z.object({
      assetId: z
        .string()
        .min(1)
        .max(64)
        .openapi({ param: { name: 'assetId', in: 'path' } }),
      rendition: z.enum(RENDITION_NAMES).openapi({ param: { name: 'rendition', in: 'path' } }),
    }),
    query: z.object({
      channel: ChannelQuerySchema,
      exp: z.coerce
        .number()
        .int()
        .positive()
        .openapi({ param: { name: 'exp', in: 'query' }, description: 'Unix seconds' }),
      sig: z
        .string()
        .max(128)
        .openapi({ param: { name: 'sig', in: 'query' }, description: 'HMAC-SHA256, hex' }),
    }),
  },
  responses: {
    200: {
      description: 'The bytes; ETag is their SHA-256, max-age never past nextCheckAt',
      content: { 'image/*': { schema: z.string().openapi({ format: 'binary' }) } },
    },
    304: { description: 'Not modified (If-None-Match), still approved' },
    410: { description: 'No longer approved for this channel' },
    ...problemResponses(400, 403, 404),
  },
});

export const mediaRoutes = createRouter().openapi(getMedia, async (c) => {
  const { assetId, rendition: name } = c.req.valid('param');
  const { channel, exp, sig } = c.req.valid('query');
  const { db, files } = c.var.deps;
  const now = c.var.deps.now();

  // The URL names no organisation: the asset does. An unknown asset looks like a bad signature.
  const owner = await db
    .selectFrom('assets')
    .select('org_id')
    .where('id', '=', assetId)
    .executeTakeFirst();
  const secret = owner === undefined ? undefined : await mediaSecretOf(db, owner.org_id, now);
  const claim = { orgId: owner?.org_id ?? '', assetId, rendition: name, channel, exp };
  if (secret === undefined || !mediaSignatureValid(secret, claim, sig))
    throw new ForbiddenError('Bad media signature');
  const nowSeconds = now.getTime() / 1000;
  if (exp <= nowSeconds || exp > nowSeconds + MAX_MEDIA_URL_SECONDS + 60)
    throw new ForbiddenError('Expired media URL');

  const loaded = await loadInputs(db, claim.orgId, [assetId]);
  const input = loaded.inputs.get(assetId);
  const verdict =
    input === undefined || !loaded.policy.channels.includes(channel)
      ? undefined
      : evaluateAsset(input, channel, now);
  if (verdict === undefined || verdict.status === 'blocked') return gone();

  const row = loaded.assets.get(assetId);
  const rendition = parseJsonText<Rendition[]>(row?.renditions ?? '[]').find(
    (candidate) => candidate.name === name,
  );
  if (rendition === undefined) throw new NotFoundError('rendition', name);

  const etag = `"${rendition.sha256}"`;
  c.header('etag', etag);
  c.header('cache-control', cacheControlOf(now, exp, verdict.nextCheckAt));
  c.header('x-content-type-options', 'nosniff');
  if (ifNoneMatchHits(c.req.header('if-none-match'), etag)) return c.body(null, 304);
  const bytes = await files.get(rendition.sha256);
  if (bytes === null) throw new NotFoundError('rendition', name);
  c.header('content-type', rendition.mime);
  return c.body(bytes.slice(), 200);
});

/** `public, max-age` up to the URL's expiry and never past the verdict's next change. */
function cacheControlOf(now: Date, exp: number, nextCheckAt: string | null): string {
  let seconds = Math.floor(exp - now.getTime() / 1000);
  if (nextCheckAt !== null)
    seconds = Math.min(seconds, Math.floor((Date.parse(nextCheckAt) - now.getTime()) / 1000));
  return seconds < 1 ? 'no-store' : `public, max-age=${Math.min(seconds, MAX_MEDIA_URL_SECONDS)}`;
}

/** 410 from the problem table, and never cached: a later consent may bring the picture back. */
function gone(): Response {
  const response = problemResponse(
    toProblem(new GoneError('This picture may no longer be shown here')),
  );
  response.headers.set('cache-control', 'no-store');
  return response;
}
