// /v1/sync: the change feed editors' caches follow (docs/api-contract.md): every record that
// changed after the cursor, once per page, in commit order, with tombstones and the next cursor.
import { createRoute, z } from '@hono/zod-openapi';
import { requirePrincipal, requireRole } from '../auth/guard.js';
import { createRouter } from '../http/router.js';
import { problemResponses } from '../http/schemas.js';
import { decodeCursor } from '../sync/cursor.js';
import { DEFAULT_SYNC_LIMIT, MAX_SYNC_LIMIT, readFeed } from '../sync/feed.js';
import { SyncPageSchema } from '../sync/schemas.js';

const getSync = createRoute({
  method: 'get',
  path: '/sync',
  tags: ['sync'],
  summary: 'Records changed since a cursor; loop while hasMore',
  middleware: [requireRole('editor', 'consent_manager')] as const,
  request: {
    query: z.object({
      since: z
        .string()
        .max(64)
        .optional()
        .openapi({ param: { name: 'since', in: 'query' }, description: 'A cursor; none: all' }),
      limit: z.coerce
        .number()
        .int()
        .min(1)
        .max(MAX_SYNC_LIMIT)
        .default(DEFAULT_SYNC_LIMIT)
        .openapi({ param: { name: 'limit', in: 'query' }, example: DEFAULT_SYNC_LIMIT }),
    }),
  },
  responses: {
    200: {
      description: 'One page of changes',
      content: { 'application/json': { schema: SyncPageSchema } },
    },
    ...problemResponses(400, 401, 403),
  },
});

export const syncRoutes = createRouter().openapi(getSync, async (c) => {
  const { orgId } = requirePrincipal(c);
  const { since, limit } = c.req.valid('query');
  const page = await readFeed(c.var.deps.db, orgId, decodeCursor(since), limit);
  c.header('cache-control', 'private, no-store');
  // Core's record types hold readonly arrays; the schema's are mutable. Same JSON.
  return c.json(page as z.infer<typeof SyncPageSchema>, 200);
});
