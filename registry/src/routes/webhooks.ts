// /v1/webhooks: subscriptions to `verdicts.changed` (admin) and their delivery log.
import { createRoute, z } from '@hono/zod-openapi';
import { requirePrincipal, requireRole } from '../auth/guard.js';
import { createRouter } from '../http/router.js';
import { IdParams, problemResponses } from '../http/schemas.js';
import { writeTx } from '../http/write-tx.js';
import {
  CreateWebhookSchema,
  CreatedWebhookSchema,
  DeliverySchema,
  DeliveryStatusSchema,
  WebhookSchema,
  createWebhook,
  deleteWebhook,
  findWebhook,
  toDeliveryDto,
  toWebhookDto,
} from '../webhooks/webhooks.js';

const createHook = createRoute({
  method: 'post',
  path: '/webhooks',
  tags: ['webhooks'],
  summary: 'Subscribe a URL to verdict changes; the signing secret is in this response only',
  middleware: [requireRole('admin')] as const,
  request: {
    body: { content: { 'application/json': { schema: CreateWebhookSchema } }, required: true },
  },
  responses: {
    201: {
      description: 'Created',
      content: { 'application/json': { schema: CreatedWebhookSchema } },
    },
    ...problemResponses(401, 403, 422),
  },
});

const listHooks = createRoute({
  method: 'get',
  path: '/webhooks',
  tags: ['webhooks'],
  summary: 'The webhooks of the organisation',
  middleware: [requireRole('admin')] as const,
  responses: {
    200: {
      description: 'Active webhooks, oldest first',
      content: { 'application/json': { schema: z.object({ webhooks: z.array(WebhookSchema) }) } },
    },
    ...problemResponses(401, 403),
  },
});

const deleteHook = createRoute({
  method: 'delete',
  path: '/webhooks/{id}',
  tags: ['webhooks'],
  summary: 'Stop a webhook; pending deliveries fail, the log stays',
  middleware: [requireRole('admin')] as const,
  request: { params: IdParams },
  responses: { 204: { description: 'Deleted' }, ...problemResponses(401, 403, 404) },
});

const DeliveriesQuery = z.object({
  status: DeliveryStatusSchema.optional().openapi({
    param: { name: 'status', in: 'query' },
  }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(500)
    .default(100)
    .openapi({ param: { name: 'limit', in: 'query' }, example: 100 }),
});

const listDeliveries = createRoute({
  method: 'get',
  path: '/webhooks/{id}/deliveries',
  tags: ['webhooks'],
  summary: 'The delivery log of a webhook, newest first, with every attempt',
  middleware: [requireRole('admin')] as const,
  request: { params: IdParams, query: DeliveriesQuery },
  responses: {
    200: {
      description: 'Deliveries',
      content: {
        'application/json': { schema: z.object({ deliveries: z.array(DeliverySchema) }) },
      },
    },
    ...problemResponses(400, 401, 403, 404),
  },
});

export const webhookRoutes = createRouter()
  .openapi(createHook, async (c) => {
    const body = c.req.valid('json');
    const created = await writeTx(
      c,
      async (w) => {
        const { row, secret } = await createWebhook(w, body);
        return { webhook: toWebhookDto(row), secret: secret as string | null };
      },
      { stored: (result) => ({ ...result, secret: null }) },
    );
    c.header('Location', `/v1/webhooks/${created.webhook.id}`);
    return c.json(created, 201);
  })
  .openapi(listHooks, async (c) => {
    const { orgId } = requirePrincipal(c);
    const rows = await c.var.deps.db
      .selectFrom('webhooks')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('active', '=', 1)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return c.json({ webhooks: rows.map(toWebhookDto) }, 200);
  })
  .openapi(deleteHook, async (c) => {
    const { id } = c.req.valid('param');
    await writeTx(c, (w) => deleteWebhook(w, id));
    return c.body(null, 204);
  })
  .openapi(listDeliveries, async (c) => {
    const { orgId } = requirePrincipal(c);
    const { id } = c.req.valid('param');
    const { status, limit } = c.req.valid('query');
    const { db } = c.var.deps;
    await findWebhook(db, orgId, id);
    let query = db
      .selectFrom('webhook_deliveries')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('webhook_id', '=', id);
    if (status !== undefined) query = query.where('status', '=', status);
    const rows = await query
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return c.json({ deliveries: rows.map(toDeliveryDto) }, 200);
  });
