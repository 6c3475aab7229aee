// /v1/policy: the organisation's policy. Read by editors and managers, replaced by admins (If-Match).
import { createRoute } from '@hono/zod-openapi';
import { requirePrincipal, requireRole } from '../auth/guard.js';
import { assertIfMatch, setEtag } from '../http/etag.js';
import { createRouter } from '../http/router.js';
import { problemResponses } from '../http/schemas.js';
import { writeTx } from '../http/write-tx.js';
import { fromPutPolicy, toPolicyDto } from '../policy/mapping.js';
import { PolicySchema, PutPolicySchema } from '../policy/schemas.js';

const getPolicy = createRoute({
  method: 'get',
  path: '/policy',
  tags: ['policy'],
  summary: 'The policy; ETag carries its version',
  middleware: [requireRole('consent_manager', 'editor')] as const,
  responses: {
    200: { description: 'The policy', content: { 'application/json': { schema: PolicySchema } } },
    ...problemResponses(401, 403),
  },
});

const putPolicy = createRoute({
  method: 'put',
  path: '/policy',
  tags: ['policy'],
  summary: 'Replace the policy (If-Match required)',
  middleware: [requireRole('admin')] as const,
  request: {
    body: { content: { 'application/json': { schema: PutPolicySchema } }, required: true },
  },
  responses: {
    200: {
      description: 'The new policy',
      content: { 'application/json': { schema: PolicySchema } },
    },
    ...problemResponses(401, 403, 412, 422, 428),
  },
});

export const policyRoutes = createRouter()
  .openapi(getPolicy, async (c) => {
    const { orgId } = requirePrincipal(c);
    const row = await c.var.deps.db
      .selectFrom('policies')
      .selectAll()
      .where('org_id', '=', orgId)
      .executeTakeFirstOrThrow();
    setEtag(c, row.version);
    return c.json(toPolicyDto(row), 200);
  })
  .openapi(putPolicy, async (c) => {
    const fields = fromPutPolicy(c.req.valid('json'));
    const policy = await writeTx(c, async (w) => {
      const before = await w.db
        .selectFrom('policies')
        .selectAll()
        .where('org_id', '=', w.orgId)
        .executeTakeFirstOrThrow();
      assertIfMatch(c, before.version);
      const after = { ...before, ...fields, version: before.version + 1, updated_at: w.now };
      await w.db.updateTable('policies').set(after).where('org_id', '=', w.orgId).execute();
      await w.record({
        action: 'policy.update',
        targetType: 'policy',
        targetId: w.orgId,
        before,
        after,
      });
      return toPolicyDto(after);
    });
    setEtag(c, policy.version);
    return c.json(policy, 200);
  });
