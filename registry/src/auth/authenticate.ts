// Middleware: finds the caller from `Authorization: Bearer cf_…` or the session cookie and puts
// the principal on the context. No credential leaves it undefined (guards answer 401 later);
// a bad bearer key is refused at once, a stale cookie is ignored.
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { AppEnv } from '../http/env.js';
import { OriginNotAllowedError } from '../errors/origin-not-allowed-error.js';
import { UnauthenticatedError } from '../errors/unauthenticated-error.js';
import { ForbiddenError } from '../errors/forbidden-error.js';
import { parseNullableJsonText } from '../util/json.js';
import { findApiKey, keyKindOf } from './api-keys.js';
import { originAllowed } from './origins.js';
import { requestOrigin } from './request-origin.js';
import type { Principal } from './principal.js';
import { SESSION_COOKIE, findSession } from './sessions.js';
import { publicCacheOf } from '../verdicts/public-cache.js';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function authenticate(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const { db, now } = c.get('deps');
    const authorization = c.req.header('authorization');
    let principal: Principal | undefined;

    if (authorization !== undefined) {
      const secret = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
      // Publishable keys go through the public cache (revalidated by the org's counters).
      const publishable =
        secret !== undefined && keyKindOf(secret) === 'publishable'
          ? await publicCacheOf(db).publishableKey(secret)
          : undefined;
      const key =
        secret === undefined || keyKindOf(secret) === 'publishable'
          ? publishable?.row
          : await findApiKey(db, secret);
      if (key === undefined) throw new UnauthenticatedError('Unknown or revoked API key');
      if (key.kind === 'publishable') {
        const origin = requestOrigin(c);
        const allowed =
          publishable?.originAllowed(origin) ??
          originAllowed(origin, parseNullableJsonText(key.allowed_origins) ?? []);
        if (!allowed) throw new OriginNotAllowedError();
      }
      c.set('orgVersion', publishable?.version);
      principal = {
        kind: 'key',
        orgId: key.org_id,
        role: key.kind === 'editor' ? 'editor' : 'public',
        keyKind: key.kind,
        keyId: key.id,
      };
    } else {
      const token = getCookie(c, SESSION_COOKIE);
      const session = token === undefined ? undefined : await findSession(db, token, now());
      if (session !== undefined) {
        // The cookie is SameSite=Strict; refusing foreign origins on writes is the second lock.
        const origin = c.req.header('origin');
        if (
          UNSAFE_METHODS.has(c.req.method) &&
          origin !== undefined &&
          origin !== new URL(c.req.url).origin
        ) {
          throw new ForbiddenError('Cross-origin write with a session cookie');
        }
        principal = { kind: 'user', ...session };
      }
    }

    c.set('principal', principal);
    await next();
  };
}
