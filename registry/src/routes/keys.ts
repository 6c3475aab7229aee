// /v1/keys: API keys of the organisation (admin). The secret is in the creation response only.
import { createRoute, z } from '@hono/zod-openapi';
import { requirePrincipal, requireRole } from '../auth/guard.js';
import { actorOf } from '../auth/principal.js';
import { createApiKey, toKeyDto } from '../auth/keys.js';
import { NotFoundError } from '../errors/not-found-error.js';
import { createRouter } from '../http/router.js';
import { IdParams, problemResponses } from '../http/schemas.js';
import { writeTx } from '../http/write-tx.js';

const KeySchema = z
  .object({
    id: z.string(),
    kind: z.enum(['editor', 'publishable']),
    name: z.string(),
    prefix: z.string().openapi({ description: 'The start of the key, to recognise it' }),
    allowedOrigins: z.array(z.string()).nullable(),
    createdAt: z.string(),
    revokedAt: z.string().nullable(),
  })
  .openapi('ApiKey');

const CreateKeySchema = z
  .strictObject({
    kind: z.enum(['editor', 'publishable']),
    name: z.string().trim().min(1).max(100),
    allowedOrigins: z.array(z.string().max(200)).max(50).optional().openapi({
      description: 'Publishable keys only: `https://example.org`, `http://localhost:*`',
    }),
  })
  .openapi('CreateApiKey');

const CreatedKeySchema = z
  .object({
    key: KeySchema,
    secret: z.string().nullable().openapi({
      description: 'The key itself, shown once; null when an idempotent retry replays the creation',
    }),
  })
  .openapi('CreatedApiKey');

const createKey = createRoute({
  method: 'post',
  path: '/keys',
  tags: ['keys'],
  summary: 'Create an API key',
  middleware: [requireRole('admin')] as const,
  request: {
    body: { content: { 'application/json': { schema: CreateKeySchema } }, required: true },
  },
  responses: {
    201: { description: 'Created', content: { 'application/json': { schema: CreatedKeySchema } } },
    ...problemResponses(401, 403, 422),
  },
});

const listKeys = createRoute({
  method: 'get',
  path: '/keys',
  tags: ['keys'],
  summary: 'List API keys',
  middleware: [requireRole('admin')] as const,
  responses: {
    200: {
      description: 'Keys, revoked ones included',
      content: { 'application/json': { schema: z.object({ keys: z.array(KeySchema) }) } },
    },
    ...problemResponses(401, 403),
  },
});

const revokeKey = createRoute({
  method: 'delete',
  path: '/keys/{id}',
  tags: ['keys'],
  summary: 'Revoke an API key',
  middleware: [requireRole('admin')] as const,
  request: { params: IdParams },
  responses: { 204: { description: 'Revoked' }, ...problemResponses(401, 403, 404) },
});

export const keyRoutes = createRouter()
  .openapi(createKey, async (c) => {
    const body = c.req.valid('json');
    const createdBy = actorOf(requirePrincipal(c));
    const created = await writeTx(
      c,
      async (w) => {
        const { row, secret } = await createApiKey(w, { ...body, createdBy });
        return { key: toKeyDto(row), secret: secret as string | null };
      },
      { stored: (result) => ({ ...result, secret: null }) },
    );
    return c.json(created, 201);
  })
  .openapi(listKeys, async (c) => {
    const { orgId } = requirePrincipal(c);
    const rows = await c.var.deps.db
      .selectFrom('api_keys')
      .selectAll()
      .where('org_id', '=', orgId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return c.json({ keys: rows.map(toKeyDto) }, 200);
  })
  .openapi(revokeKey, async (c) => {
    const { id } = c.req.valid('param');
    await writeTx(c, async (w) => {
      const before = await w.db
        .selectFrom('api_keys')
        .selectAll()
        .where('org_id', '=', w.orgId)
        .where('id', '=', id)
        .executeTakeFirst();
      if (before === undefined) throw new NotFoundError('api key', id);
      if (before.revoked_at !== null) return;
      const after = { ...before, revoked_at: w.now, version: before.version + 1 };
      await w.db
        .updateTable('api_keys')
        .set({ revoked_at: after.revoked_at, version: after.version })
        .where('id', '=', id)
        .execute();
      await w.record({
        action: 'key.revoke',
        targetType: 'api_key',
        targetId: id,
        before,
        after,
        feed: false,
      });
    });
    return c.body(null, 204);
  });
