// GET /v1/health: the registry answers and its database is reachable, with the schema version.
import { createRoute, z } from '@hono/zod-openapi';
import { appliedSchemaVersion } from '../db/migrate.js';
import { createRouter } from '../http/router.js';

const HealthSchema = z
  .object({
    status: z.literal('ok'),
    schemaVersion: z.number().int().openapi({ description: 'Migrations applied to the database' }),
  })
  .openapi('Health');

const route = createRoute({
  method: 'get',
  path: '/health',
  tags: ['system'],
  summary: 'Liveness and schema version',
  responses: {
    200: {
      description: 'The registry is up',
      content: { 'application/json': { schema: HealthSchema } },
    },
  },
});

export const healthRoutes = createRouter().openapi(route, async (c) => {
  const schemaVersion = await appliedSchemaVersion(c.var.deps.db);
  return c.json({ status: 'ok' as const, schemaVersion }, 200);
});
