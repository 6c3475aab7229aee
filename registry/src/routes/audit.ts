// GET /v1/audit: the organisation's hash-chained audit log, read-only (admin). No route writes it.
import { createRoute, z } from '@hono/zod-openapi';
import { requirePrincipal, requireRole } from '../auth/guard.js';
import { listAudit } from '../audit/list.js';
import { createRouter } from '../http/router.js';
import { problemResponses } from '../http/schemas.js';

export const DEFAULT_AUDIT_LIMIT = 100;
export const MAX_AUDIT_LIMIT = 500;

const param = (name: string, description: string) => ({
  param: { name, in: 'query' as const },
  description,
});

const filterText = z.string().min(1).max(200).optional();

/** An ISO 8601 instant with an offset, normalised to the stored form (UTC, milliseconds). */
const Instant = z
  .string()
  .refine((value) => /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value)), {
    message: 'expected an ISO 8601 instant',
  })
  .transform((value) => new Date(value).toISOString());

const AuditQuerySchema = z.object({
  after: z
    .string()
    .regex(/^\d{1,15}$/, 'expected a cursor from `next`')
    .optional()
    .openapi(param('after', 'The `next` cursor of the previous page')),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_AUDIT_LIMIT)
    .default(DEFAULT_AUDIT_LIMIT)
    .openapi(param('limit', `Entries per page, at most ${MAX_AUDIT_LIMIT}`)),
  order: z
    .enum(['asc', 'desc'])
    .default('desc')
    .openapi(param('order', 'By seq: newest first (`desc`, default) or oldest first')),
  targetType: filterText.openapi(param('targetType', 'Entity type: `consent`, `api_key`, …')),
  targetId: filterText.openapi(param('targetId', 'Entity id')),
  actor: filterText.openapi(param('actor', '`user:usr_…`, `key:key_…` or `system:<what>`')),
  action: filterText.openapi(param('action', '`<resource>.<verb>`, e.g. `consent.revoke`')),
  from: Instant.optional().openapi(param('from', 'Entries at or after this instant')),
  to: Instant.optional().openapi(param('to', 'Entries before this instant')),
});

const AuditEntrySchema = z
  .object({
    seq: z.number().int().openapi({ description: 'Position in the organisation’s chain, from 1' }),
    actor: z.string(),
    action: z.string(),
    target: z.object({ type: z.string(), id: z.string() }),
    before: z.unknown().openapi({ description: 'The record before (minimised), null if created' }),
    after: z.unknown().openapi({ description: 'The record after (minimised), null if deleted' }),
    at: z.string(),
    prevHash: z.string().openapi({ description: 'The previous entry’s hash; empty for seq 1' }),
    hash: z.string().openapi({ description: 'sha256(prevHash + canonical JSON of the entry)' }),
  })
  .openapi('AuditEntry');

const AuditPageSchema = z
  .object({
    entries: z.array(AuditEntrySchema),
    next: z.string().nullable().openapi({ description: 'Pass as `after` for the next page' }),
  })
  .openapi('AuditPage');

const listAuditRoute = createRoute({
  method: 'get',
  path: '/audit',
  tags: ['audit'],
  summary: 'Audit log entries, paged by seq and filtered (admin)',
  middleware: [requireRole('admin')] as const,
  request: { query: AuditQuerySchema },
  responses: {
    200: {
      description: 'One page of entries',
      content: { 'application/json': { schema: AuditPageSchema } },
    },
    ...problemResponses(400, 401, 403),
  },
});

export const auditRoutes = createRouter().openapi(listAuditRoute, async (c) => {
  const { orgId } = requirePrincipal(c);
  const { after, ...query } = c.req.valid('query');
  const page = await listAudit(c.var.deps.db, orgId, {
    ...query,
    after: after === undefined ? undefined : Number(after),
  });
  return c.json(page, 200);
});
