// The demo's routes, mounted by createApp only while the registry runs the demo (deps.demo):
//
//   GET /demo/embed.html, /demo/demo.js  registry/demo/, the page and its script
//   GET /demo/cf-embed.js                widget-picker's embed bundle (503 until it is built)
//   GET /demo/config.json                the publishable key and the demo's asset ids, nothing else
//   POST /v1/demo/revoke/{assetId}       withdraws the consents behind a demo picture (no credentials)
//
// The revoke route needs no credential because the page has none; what bounds it is that it
// exists only in demo mode and acts on the demo organisation's pictures alone (404 for any other).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createRoute, z } from '@hono/zod-openapi';
import { Hono } from 'hono';
import type { Context } from 'hono';
import { originAllowed } from '../auth/origins.js';
import { withdrawConsentsBehind } from '../demo/revoke.js';
import type { DemoSite } from '../demo/site.js';
import { runWrite } from '../db/write.js';
import { OriginNotAllowedError } from '../errors/origin-not-allowed-error.js';
import { UnavailableError } from '../errors/unavailable-error.js';
import type { AppEnv } from '../http/env.js';
import { handleNotFound, problemResponse, toProblem } from '../http/problem.js';
import { createRouter } from '../http/router.js';
import { problemResponses } from '../http/schemas.js';

/** Who the audit log names for the page's withdrawals. */
export const DEMO_PAGE_ACTOR = 'system:demo-page';
const CHANNEL = 'web';
const REASON = 'Withdrawn with the button of the demo page';

const revokeRoute = createRoute({
  method: 'post',
  path: '/demo/revoke/{assetId}',
  tags: ['demo'],
  summary:
    'Demo only: withdraw the active web consents behind one of the demo organisation’s pictures',
  description:
    'Exists only while the registry runs the demo (`pnpm start` on a DATA_DIR holding demo.json). ' +
    'Takes no credential; acts on the demo organisation alone. Each active consent that grants ' +
    '`web` to the picture and is not yet withdrawn for it gets a revocation, whole, now, ' +
    'recorded by `system:demo-page` (audit, change feed, webhooks). A request with an `Origin` ' +
    'must come from the registry itself or an origin of the demo’s publishable key.',
  request: {
    params: z.object({
      assetId: z
        .string()
        .min(1)
        .max(64)
        .openapi({ param: { name: 'assetId', in: 'path' }, example: 'ast_0123456789abcdefghjk' }),
    }),
  },
  responses: {
    204: { description: 'Withdrawn (or nothing was left to withdraw)' },
    ...problemResponses(403, 404),
  },
});

/** POST /demo/revoke/{assetId}, to mount under /v1. */
export function demoApiRoutes(site: DemoSite) {
  return createRouter().openapi(revokeRoute, async (c) => {
    const origin = c.req.header('origin');
    if (
      origin !== undefined &&
      origin !== new URL(c.req.url).origin &&
      !originAllowed(origin, site.origins)
    ) {
      throw new OriginNotAllowedError('The demo routes answer the demo’s own pages only');
    }
    const { assetId } = c.req.valid('param');
    const { db, now } = c.var.deps;
    await runWrite(db, { orgId: site.orgId, actor: DEMO_PAGE_ACTOR, now: now() }, (w) =>
      withdrawConsentsBehind(w, assetId, CHANNEL, REASON),
    );
    return c.body(null, 204);
  });
}

const JS = 'text/javascript; charset=utf-8';

/** The files under /demo/: these names only, so no path reaches anything else. */
const PAGE_FILES: Readonly<Record<string, string>> = {
  'embed.html': 'text/html; charset=utf-8',
  'demo.js': JS,
};

function send(c: Context, body: string | Uint8Array, contentType: string): Response {
  return c.body(typeof body === 'string' ? body : new Uint8Array(body), 200, {
    'content-type': contentType,
    'x-content-type-options': 'nosniff',
    // The files change when the page or the picker is rebuilt: always revalidate.
    'cache-control': 'no-cache',
  });
}

/** GET /demo/…, to mount at the root. */
export function demoPageRoutes(site: DemoSite) {
  return new Hono<AppEnv>()
    .get('/demo', (c) => c.redirect('/demo/embed.html'))
    .get('/demo/', (c) => c.redirect('/demo/embed.html'))
    .get('/demo/config.json', (c) =>
      send(c, JSON.stringify(site.config), 'application/json; charset=utf-8'),
    )
    .get('/demo/cf-embed.js', async (c) => {
      const bytes = await readFile(site.embedBundle).catch(() => undefined);
      if (bytes === undefined) {
        const problem = toProblem(
          new UnavailableError(
            `The embed bundle ${site.embedBundle} is not built: run \`pnpm --filter @clearframe/picker build\` ` +
              '(the root `pnpm start` builds it), then reload the page',
          ),
        );
        const response = problemResponse(problem);
        response.headers.set('x-content-type-options', 'nosniff');
        return response;
      }
      const response = send(c, bytes, JS);
      // A public script, loaded as a module by pages of any origin (module scripts are CORS).
      response.headers.set('access-control-allow-origin', '*');
      return response;
    })
    .get('/demo/:name', async (c) => {
      const name = c.req.param('name');
      const contentType = Object.hasOwn(PAGE_FILES, name) ? PAGE_FILES[name] : undefined;
      if (contentType === undefined) return handleNotFound(c);
      return send(c, await readFile(join(site.pageDir, name)), contentType);
    });
}
