// Who may call the public routes, and their CORS: publishable keys only (as Bearer or `key=`),
// and cross-origin reads only for the origins the key allows. Editor routes get no CORS at all.
import type { Context, MiddlewareHandler } from 'hono';
import type { Kysely } from 'kysely';
import { findApiKey } from '../auth/api-keys.js';
import { originAllowed } from '../auth/origins.js';
import { requestOrigin } from '../auth/request-origin.js';
import type { Database, Row } from '../db/schema.js';
import { ForbiddenError } from '../errors/forbidden-error.js';
import { OriginNotAllowedError } from '../errors/origin-not-allowed-error.js';
import { UnauthenticatedError } from '../errors/unauthenticated-error.js';
import type { AppEnv } from '../http/env.js';
import { parseNullableJsonText } from '../util/json.js';
import { publicCacheOf } from './public-cache.js';

/** How long a browser may reuse a preflight answer. */
const PREFLIGHT_MAX_AGE = 600;

export function publicAccess(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const { db } = c.get('deps');
    const origin = c.req.header('origin');
    const queryKey = c.req.query('key');

    if (c.req.method === 'OPTIONS') {
      // A preflight carries no Authorization: with `key=` its key decides, else any live key.
      const allowed =
        origin !== undefined &&
        (queryKey === undefined
          ? await anyPublishableKeyAllows(db, origin)
          : originsOf(await findPublishable(db, queryKey), origin));
      if (!allowed) throw new OriginNotAllowedError();
      return new Response(null, {
        status: 204,
        headers: {
          'access-control-allow-origin': origin,
          'access-control-allow-methods': 'GET, OPTIONS',
          'access-control-allow-headers': 'authorization',
          'access-control-max-age': String(PREFLIGHT_MAX_AGE),
          vary: 'Origin',
        },
      });
    }

    const principal = c.get('principal');
    if (principal === undefined) {
      // The Bearer form was checked (origin included) by authenticate(); this is the `key=` form.
      if (queryKey === undefined) throw new UnauthenticatedError('A publishable key is required');
      // Cached, but checked against the organisation's counters on every request: a revoked
      // key fails from the first request after the revocation commits.
      const key = await publicCacheOf(db).publishableKey(queryKey);
      if (key === undefined) throw new UnauthenticatedError('Unknown or revoked publishable key');
      // requestOrigin(c) without reading the Origin header a second time.
      if (!key.originAllowed(origin ?? requestOrigin(c))) throw new OriginNotAllowedError();
      c.set('principal', {
        kind: 'key',
        orgId: key.row.org_id,
        role: 'public',
        keyKind: 'publishable',
        keyId: key.row.id,
      });
      c.set('orgVersion', key.version);
    } else if (principal.role !== 'public') {
      throw new ForbiddenError('Public routes take a publishable key');
    }

    await next();
    // Reached for the handler's problems too (400 on a bad channel): the page may read them.
    if (answered.has(c.res)) return;
    if (origin !== undefined) c.res.headers.set('access-control-allow-origin', origin);
    c.res.headers.append('vary', 'Origin');
  };
}

/** Responses built by publicResponse: they carry their CORS headers already. */
const answered = new WeakSet<Response>();

/**
 * A public route's answer with the headers publicAccess would add (the request's origin, which
 * it has checked, and `Vary: Origin`) among its own plain ones, so that the middleware leaves it
 * as it is: no Headers object is built and copied for each answer. Only behind publicAccess.
 */
export function publicResponse(
  c: Context<AppEnv>,
  body: string,
  status: number,
  headers: Record<string, string>,
): Response {
  const origin = c.req.header('origin');
  const response = new Response(body, {
    status,
    headers:
      origin === undefined
        ? { ...headers, vary: 'Origin' }
        : { ...headers, 'access-control-allow-origin': origin, vary: 'Origin' },
  });
  answered.add(response);
  return response;
}

async function findPublishable(
  db: Kysely<Database>,
  secret: string,
): Promise<Row<'api_keys'> | undefined> {
  const key = await findApiKey(db, secret);
  return key?.kind === 'publishable' ? key : undefined;
}

function originsOf(key: Row<'api_keys'> | undefined, origin: string | undefined): boolean {
  return (
    key !== undefined && originAllowed(origin, parseNullableJsonText(key.allowed_origins) ?? [])
  );
}

async function anyPublishableKeyAllows(db: Kysely<Database>, origin: string): Promise<boolean> {
  const keys = await db
    .selectFrom('api_keys')
    .select('allowed_origins')
    .where('kind', '=', 'publishable')
    .where('revoked_at', 'is', null)
    .execute();
  return keys.some((key) =>
    originAllowed(origin, parseNullableJsonText(key.allowed_origins) ?? []),
  );
}
