// /v1/public/verdicts: what public pages may know (status, timing, signed media while approved),
// for publishable keys only, with CORS for the key's origins. No personal data, no reasons.
import { createRoute } from '@hono/zod-openapi';
import type { z } from '@hono/zod-openapi';
import type { TypedResponse } from 'hono';
import { requirePrincipal } from '../auth/guard.js';
import { createRouter } from '../http/router.js';
import { problemResponses } from '../http/schemas.js';
import { publicAccess, publicResponse } from '../verdicts/public-access.js';
import { publicVerdicts } from '../verdicts/public.js';
import { publicVerdictsQuery } from '../verdicts/public-query.js';
import { PublicVerdictsQuerySchema, PublicVerdictsSchema } from '../verdicts/schemas.js';

const getPublicVerdicts = createRoute({
  method: 'get',
  path: '/public/verdicts',
  tags: ['public'],
  summary: 'Verdicts for public pages: unknown ids answer blocked; media only while approved',
  security: [{ apiKey: [] }],
  request: { query: PublicVerdictsQuerySchema },
  responses: {
    200: {
      description: 'One verdict per id asked',
      headers: {
        'Cache-Control': {
          description: 'public, max-age ≤ 60 s and ≤ the earliest nextCheckAt; or no-store',
          schema: { type: 'string' },
        },
      },
      content: { 'application/json': { schema: PublicVerdictsSchema } },
    },
    ...problemResponses(400, 401, 403),
  },
});

type PublicVerdictsDto = z.infer<typeof PublicVerdictsSchema>;

export const publicRoutes = createRouter();
publicRoutes.use('/public/verdicts', publicAccess());
// Documented from the route's schemas as `openapi()` would; the query is checked by
// publicVerdictsQuery (the schema's rules, cheaper on this hot path; the same 400 problems).
publicRoutes.openAPIRegistry.registerPath(getPublicVerdicts);
publicRoutes.get('/public/verdicts', publicVerdictsQuery(), async (c) => {
  const { orgId } = requirePrincipal(c);
  const { ids, channel, lang } = c.req.valid('query');
  const { db, now } = c.get('deps');
  const result = await publicVerdicts(db, {
    orgId,
    ids,
    channel,
    now: now(),
    baseUrl: originOf(c.req.url),
    lang,
    version: c.get('orgVersion'),
  });
  // The body is JSON text assembled from per-asset pieces kept between requests; its shape is
  // PublicVerdictsSchema's (the public tests read it), so it is typed as that JSON.
  return publicResponse(c, result.body, 200, {
    'content-type': 'application/json',
    'cache-control': result.cacheControl,
  }) as unknown as TypedResponse<PublicVerdictsDto, 200, 'json'>;
});

/** `new URL(url).origin`, parsed once per scheme and authority (few: the registry's names). */
const origins = new Map<string, string>();
function originOf(url: string): string {
  // Everything before the path; the URL parser ends the authority there (or earlier) too.
  const slash = url.indexOf('/', url.indexOf('//') + 2);
  const head = slash === -1 ? url : url.slice(0, slash);
  let origin = origins.get(head);
  if (origin === undefined) {
    origin = new URL(url).origin;
    if (origins.size >= 64) origins.clear();
    origins.set(head, origin);
  }
  return origin;
}
