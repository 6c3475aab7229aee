// /v1/assets/{id}/verdict: the verdict with its reasons, who is in the picture and where it is
// used. Editors, consent managers and admins; never CORS, never a publishable key.
import { createRoute, z } from '@hono/zod-openapi';
import { requirePrincipal, requireRole } from '../auth/guard.js';
import { NotFoundError } from '../errors/not-found-error.js';
import { createRouter } from '../http/router.js';
import { IdParams, problemResponses } from '../http/schemas.js';
import { assertChannel, evaluateAsset, loadInputs } from '../verdicts/inputs.js';
import { ChannelQuerySchema, EditorVerdictSchema } from '../verdicts/schemas.js';

const getVerdict = createRoute({
  method: 'get',
  path: '/assets/{id}/verdict',
  tags: ['verdicts'],
  summary: 'The verdict for a channel, with reasons, tagged persons and usages',
  middleware: [requireRole('editor', 'consent_manager')] as const,
  request: { params: IdParams, query: z.object({ channel: ChannelQuerySchema }) },
  responses: {
    200: {
      description: 'The verdict now',
      content: { 'application/json': { schema: EditorVerdictSchema } },
    },
    ...problemResponses(400, 401, 403, 404),
  },
});

export const verdictRoutes = createRouter().openapi(getVerdict, async (c) => {
  const { orgId } = requirePrincipal(c);
  const { id } = c.req.valid('param');
  const { channel } = c.req.valid('query');
  const { db, now } = c.var.deps;

  const loaded = await loadInputs(db, orgId, [id]);
  const input = loaded.inputs.get(id);
  if (input === undefined) throw new NotFoundError('asset', id);
  assertChannel(loaded.policy, channel);
  const verdict = evaluateAsset(input, channel, now());

  const personIds = [...new Set((loaded.tags.get(id) ?? []).map((tag) => tag.person_id))];
  const names =
    personIds.length === 0
      ? []
      : await db
          .selectFrom('persons')
          .select(['id', 'name'])
          .where('org_id', '=', orgId)
          .where('id', 'in', personIds)
          .execute();
  const nameOf = new Map(names.map((person) => [person.id, person.name]));
  const usages = await db
    .selectFrom('asset_usages')
    .select(['url', 'source'])
    .where('org_id', '=', orgId)
    .where('asset_id', '=', id)
    .orderBy('url')
    .execute();

  c.header('cache-control', 'private, no-store');
  return c.json(
    {
      assetId: id,
      channel,
      verdict,
      persons: personIds.flatMap((personId) => {
        const name = nameOf.get(personId);
        return name === undefined ? [] : [{ id: personId, name }];
      }),
      usages,
    },
    200,
  );
});
