// The origin of the page that made a request, for publishable keys' allow-lists.
//
// Browsers send `Origin` on cross-origin requests and on writes, but not on a same-origin GET
// (Fetch: the request's response tainting is "basic"). Such a request comes from a page this
// registry served itself (the demo page at /demo/embed.html); it carries
// `Sec-Fetch-Site: same-origin`, a header pages cannot set, so its origin is this registry's
// own, which the key must still allow. Anything else without `Origin` has none.
import type { Context } from 'hono';

export function requestOrigin(c: Context): string | undefined {
  const origin = c.req.header('origin');
  if (origin !== undefined) return origin;
  if (c.req.header('sec-fetch-site') === 'same-origin') return new URL(c.req.url).origin;
  return undefined;
}
