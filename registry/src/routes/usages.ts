// /v1/usages: where pictures are published, reported by the plugins with an editor key (the
// WordPress plugin on publish, update and unpublish); /v1/assets/{id}/usages reads one asset's.
import { createRoute, z } from '@hono/zod-openapi';
import { requirePrincipal, requireRole } from '../auth/guard.js';
import { NotFoundError } from '../errors/not-found-error.js';
import { createRouter } from '../http/router.js';
import { IdParams, problemResponses } from '../http/schemas.js';
import { writeTx } from '../http/write-tx.js';
import {
  PutUsagesSchema,
  UsageSchema,
  UsageTargetQuery,
  UsagesReplacedSchema,
  deleteUsages,
  replaceUsages,
  usagesOf,
} from '../usages/usages.js';

const putUsages = createRoute({
  method: 'post',
  path: '/usages',
  tags: ['usages'],
  summary: 'Replace the set of assets used at a URL',
  middleware: [requireRole('editor')] as const,
  request: {
    body: { content: { 'application/json': { schema: PutUsagesSchema } }, required: true },
  },
  responses: {
    200: {
      description: 'The assets now recorded at the URL',
      content: { 'application/json': { schema: UsagesReplacedSchema } },
    },
    ...problemResponses(401, 403, 422),
  },
});

const removeUsages = createRoute({
  method: 'delete',
  path: '/usages',
  tags: ['usages'],
  summary: 'Forget every asset used at a URL (the page was unpublished)',
  middleware: [requireRole('editor')] as const,
  request: { query: UsageTargetQuery },
  responses: { 204: { description: 'Forgotten' }, ...problemResponses(400, 401, 403) },
});

const assetUsages = createRoute({
  method: 'get',
  path: '/assets/{id}/usages',
  tags: ['usages'],
  summary: 'Where an asset is published',
  middleware: [requireRole('consent_manager', 'editor')] as const,
  request: { params: IdParams },
  responses: {
    200: {
      description: 'Usages by URL',
      content: { 'application/json': { schema: z.object({ usages: z.array(UsageSchema) }) } },
    },
    ...problemResponses(401, 403, 404),
  },
});

export const usageRoutes = createRouter()
  .openapi(putUsages, async (c) => {
    const report = c.req.valid('json');
    const result = await writeTx(c, (w) => replaceUsages(w, report));
    return c.json(result, 200);
  })
  .openapi(removeUsages, async (c) => {
    const target = c.req.valid('query');
    await writeTx(c, (w) => deleteUsages(w, target));
    return c.body(null, 204);
  })
  .openapi(assetUsages, async (c) => {
    const { orgId } = requirePrincipal(c);
    const { id } = c.req.valid('param');
    const { db } = c.var.deps;
    const asset = await db
      .selectFrom('assets')
      .select('id')
      .where('org_id', '=', orgId)
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (asset === undefined) throw new NotFoundError('asset', id);
    return c.json({ usages: await usagesOf(db, orgId, id) }, 200);
  });
