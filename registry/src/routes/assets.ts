// /v1/assets: pictures, their renditions and metadata, and the persons tagged in them; the
// original and the thumbnail for editor credentials.
import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { requirePrincipal, requireRole } from '../auth/guard.js';
import type { Principal } from '../auth/principal.js';
import {
  assertMayAssess,
  createAsset,
  deleteAsset,
  patchAsset,
  replacePersonTags,
} from '../assets/commands.js';
import { ingestImage } from '../assets/ingest.js';
import { toAssetDto } from '../assets/mapping.js';
import { findAsset, personNames, searchAssets, tagsOf } from '../assets/queries.js';
import { thumbRendition } from '../assets/thumbnail.js';
import {
  AssetListSchema,
  AssetSchema,
  CreateAssetFieldsSchema,
  ListAssetsQuery,
  PatchAssetSchema,
  PutPersonTagsSchema,
  UploadQuery,
} from '../assets/schemas.js';
import type { AssetDto } from '../assets/schemas.js';
import { limitBody, readUpload } from '../assets/upload.js';
import type { Database, Row } from '../db/schema.js';
import { NotFoundError } from '../errors/not-found-error.js';
import { assertIfMatch, ifNoneMatchHits, setEtag } from '../http/etag.js';
import type { AppEnv } from '../http/env.js';
import { PROBLEM_CONTENT_TYPE } from '../http/problem.js';
import { createRouter } from '../http/router.js';
import { IdParams, ProblemSchema, problemResponses } from '../http/schemas.js';
import { writeTx } from '../http/write-tx.js';
import type { Kysely } from 'kysely';

const json = (schema: typeof AssetSchema, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

/** Statuses problemResponses() does not describe: upload limits. */
const uploadProblems = {
  413: {
    description: 'The file is larger than 25 MiB',
    content: { [PROBLEM_CONTENT_TYPE]: { schema: ProblemSchema } },
  },
  415: {
    description: 'The file is not a JPEG, PNG or WebP image (judged by its bytes)',
    content: { [PROBLEM_CONTENT_TYPE]: { schema: ProblemSchema } },
  },
};

const binary = { type: 'string', format: 'binary' } as const;
const imageBodies = {
  'image/jpeg': { schema: binary },
  'image/png': { schema: binary },
  'image/webp': { schema: binary },
  'application/octet-stream': { schema: binary },
};

const createAssetRoute = createRoute({
  method: 'post',
  path: '/assets',
  tags: ['assets'],
  summary: 'Upload a picture (multipart `file` + `metadata`, or the raw image with a query)',
  description:
    'Renditions thumb (320 w), medium (800 w), large (1600 w) JPEG and webp (1600 w) are made ' +
    'at once, upright and without metadata. A raw upload takes `title`, `credit`, `tags` ' +
    '(comma-separated), `legalBasis` and `alt.<language>` from the query.',
  middleware: [requireRole('editor', 'consent_manager'), limitBody()] as const,
  request: {
    query: UploadQuery,
    body: {
      required: true,
      content: {
        'multipart/form-data': {
          schema: {
            type: 'object',
            required: ['file'],
            properties: {
              file: binary,
              metadata: { $ref: '#/components/schemas/NewAssetFields' },
            },
          },
          encoding: { metadata: { contentType: 'application/json' } },
        },
        ...imageBodies,
      },
    },
  },
  responses: {
    201: json(AssetSchema, 'Created; ETag carries its version'),
    ...problemResponses(400, 401, 403, 422),
    ...uploadProblems,
  },
});

const listAssetsRoute = createRoute({
  method: 'get',
  path: '/assets',
  tags: ['assets'],
  summary: 'Search assets, newest first',
  middleware: [requireRole('editor', 'consent_manager')] as const,
  request: { query: ListAssetsQuery },
  responses: {
    200: { description: 'A page', content: { 'application/json': { schema: AssetListSchema } } },
    ...problemResponses(400, 401, 403),
  },
});

const getAssetRoute = createRoute({
  method: 'get',
  path: '/assets/{id}',
  tags: ['assets'],
  summary: 'One asset; ETag carries its version',
  middleware: [requireRole('editor', 'consent_manager')] as const,
  request: { params: IdParams },
  responses: { 200: json(AssetSchema, 'The asset'), ...problemResponses(401, 403, 404) },
});

const patchAssetRoute = createRoute({
  method: 'patch',
  path: '/assets/{id}',
  tags: ['assets'],
  summary: 'Change metadata (If-Match required); legalBasis and license: consent managers',
  middleware: [requireRole('editor', 'consent_manager')] as const,
  request: {
    params: IdParams,
    body: { content: { 'application/json': { schema: PatchAssetSchema } }, required: true },
  },
  responses: {
    200: json(AssetSchema, 'The changed asset'),
    ...problemResponses(401, 403, 404, 412, 422, 428),
  },
});

const putPersonsRoute = createRoute({
  method: 'put',
  path: '/assets/{id}/persons',
  tags: ['assets'],
  summary: 'Replace the persons tagged in the asset (If-Match on the asset)',
  middleware: [requireRole('consent_manager')] as const,
  request: {
    params: IdParams,
    body: { content: { 'application/json': { schema: PutPersonTagsSchema } }, required: true },
  },
  responses: {
    200: json(AssetSchema, 'The asset with its new tags'),
    ...problemResponses(401, 403, 404, 412, 422, 428),
  },
});

const deleteAssetRoute = createRoute({
  method: 'delete',
  path: '/assets/{id}',
  tags: ['assets'],
  summary: 'Delete an asset (admin); If-Match is checked when sent',
  middleware: [requireRole('admin')] as const,
  request: { params: IdParams },
  responses: { 204: { description: 'Deleted' }, ...problemResponses(401, 403, 404, 412) },
});

const getOriginalRoute = createRoute({
  method: 'get',
  path: '/assets/{id}/original',
  tags: ['assets'],
  summary: 'The original bytes, as uploaded (editor credentials only, never a publishable key)',
  middleware: [requireRole('editor', 'consent_manager')] as const,
  request: { params: IdParams },
  responses: {
    200: { description: 'The original file', content: imageBodies },
    ...problemResponses(401, 403, 404),
  },
});

/** How long a browser may reuse an editor thumbnail before revalidating it (ETag: its SHA-256). */
export const EDITOR_THUMB_MAX_AGE_SECONDS = 300;

const getThumbRoute = createRoute({
  method: 'get',
  path: '/assets/{id}/thumb',
  tags: ['assets'],
  summary: 'The thumb rendition for editors, whatever the verdict (never a publishable key)',
  description:
    "The 320 px JPEG of any live asset of the caller's organisation, blocked pictures " +
    "included, so an editor sees what a picker lists; the change feed's `thumbUrl` points here. " +
    '`Cache-Control: private` (browsers only, never a shared cache); the ETag is the ' +
    "bytes' SHA-256 and `If-None-Match` answers 304. The public never reaches a " +
    'non-approved picture here: that is `/v1/media/…`, checked on every request.',
  middleware: [requireRole('editor', 'consent_manager')] as const,
  request: { params: IdParams },
  responses: {
    200: { description: 'The thumbnail', content: { 'image/jpeg': { schema: binary } } },
    304: { description: 'Not modified (If-None-Match)' },
    ...problemResponses(401, 403, 404),
  },
});

export const assetRoutes = createRouter()
  .openapi(createAssetRoute, async (c) => {
    const principal = requirePrincipal(c);
    const { bytes, fields } = await readUpload(c);
    assertMayAssess(principal, fields);
    const image = await ingestImage(c.var.deps, bytes);
    const asset = await writeTx(c, async (w) => {
      const row = await createAsset(w, image, fields);
      return toAssetDto(row, [], canSeeNames(principal) ? new Map() : undefined);
    });
    setEtag(c, asset.version);
    c.header('Location', `/v1/assets/${asset.id}`);
    return c.json(asset, 201);
  })
  .openapi(listAssetsRoute, async (c) => {
    const principal = requirePrincipal(c);
    const query = c.req.valid('query');
    const { db } = c.var.deps;
    const { rows, nextCursor } = await searchAssets(db, principal.orgId, {
      ...query,
      searchPersonNames: canSeeNames(principal),
    });
    const assets = await withTags(db, principal, rows);
    return c.json({ assets, nextCursor }, 200);
  })
  .openapi(getAssetRoute, async (c) => {
    const principal = requirePrincipal(c);
    const { db } = c.var.deps;
    const row = await findAsset(db, principal.orgId, c.req.valid('param').id);
    const [asset] = await withTags(db, principal, [row]);
    if (asset === undefined) throw new NotFoundError('asset', row.id);
    setEtag(c, asset.version);
    return c.json(asset, 200);
  })
  .openapi(patchAssetRoute, async (c) => {
    const principal = requirePrincipal(c);
    const { id } = c.req.valid('param');
    const patch = c.req.valid('json');
    assertMayAssess(principal, patch);
    const asset = await writeTx(c, async (w) => {
      const before = await findAsset(w.db, w.orgId, id);
      assertIfMatch(c, before.version);
      const after = Object.keys(patch).length === 0 ? before : await patchAsset(w, before, patch);
      const [dto] = await withTags(w.db, principal, [after]);
      return dto as AssetDto;
    });
    setEtag(c, asset.version);
    return c.json(asset, 200);
  })
  .openapi(putPersonsRoute, async (c) => {
    const principal = requirePrincipal(c);
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const asset = await writeTx(c, async (w) => {
      const before = await findAsset(w.db, w.orgId, id);
      assertIfMatch(c, before.version);
      const beforeTags = (await tagsOf(w.db, w.orgId, [id])).get(id) ?? [];
      const { row, tags } = await replacePersonTags(w, before, beforeTags, body);
      const names = await personNames(
        w.db,
        w.orgId,
        tags.map((tag) => tag.person_id),
      );
      return toAssetDto(row, tags, canSeeNames(principal) ? names : undefined);
    });
    setEtag(c, asset.version);
    return c.json(asset, 200);
  })
  .openapi(deleteAssetRoute, async (c) => {
    const { id } = c.req.valid('param');
    await writeTx(c, async (w) => {
      const before = await findAsset(w.db, w.orgId, id);
      if (c.req.header('if-match') !== undefined) assertIfMatch(c, before.version);
      await deleteAsset(w, before);
    });
    return c.body(null, 204);
  })
  .openapi(getOriginalRoute, async (c) => {
    const principal = requirePrincipal(c);
    const row = await findAsset(c.var.deps.db, principal.orgId, c.req.valid('param').id);
    const bytes =
      row.original_sha256 === null ? null : await c.var.deps.files.get(row.original_sha256);
    if (bytes === null) throw new NotFoundError('original of asset', row.id);
    return originalResponse(c, row, bytes);
  })
  .openapi(getThumbRoute, async (c) => {
    const principal = requirePrincipal(c);
    const row = await findAsset(c.var.deps.db, principal.orgId, c.req.valid('param').id);
    const rendition = thumbRendition(row);
    if (rendition === undefined) throw new NotFoundError('thumbnail of asset', row.id);
    const etag = `"${rendition.sha256}"`;
    const headers = {
      // A browser may keep it a while (a picker scrolls back and forth); no shared cache may,
      // and a cached answer for one credential is not another's.
      'cache-control': `private, max-age=${EDITOR_THUMB_MAX_AGE_SECONDS}`,
      vary: 'Authorization, Cookie',
      'x-content-type-options': 'nosniff',
      etag,
    };
    if (ifNoneMatchHits(c.req.header('if-none-match'), etag)) return c.body(null, 304, headers);
    const bytes = await c.var.deps.files.get(rendition.sha256);
    if (bytes === null) throw new NotFoundError('thumbnail of asset', row.id);
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      ...headers,
      'content-type': rendition.mime,
    });
  });

assetRoutes.openAPIRegistry.register('NewAssetFields', CreateAssetFieldsSchema);

/** Consent managers and admins see who is in a picture; editors see ids only. */
function canSeeNames(principal: Principal): boolean {
  return principal.role === 'admin' || principal.role === 'consent_manager';
}

async function withTags(
  db: Kysely<Database>,
  principal: Principal,
  rows: readonly Row<'assets'>[],
): Promise<AssetDto[]> {
  const tags = await tagsOf(
    db,
    principal.orgId,
    rows.map((row) => row.id),
  );
  const names = canSeeNames(principal)
    ? await personNames(
        db,
        principal.orgId,
        [...tags.values()].flat().map((tag) => tag.person_id),
      )
    : undefined;
  return rows.map((row) => toAssetDto(row, tags.get(row.id) ?? [], names));
}

function originalResponse(c: Context<AppEnv>, row: Row<'assets'>, bytes: Uint8Array) {
  return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
    'content-type': row.original_mime ?? 'application/octet-stream',
    // Personal data in full resolution, with its EXIF: no shared cache may keep it.
    'cache-control': 'private, no-store',
    'x-content-type-options': 'nosniff',
    etag: `"${row.original_sha256 ?? ''}"`,
  });
}
